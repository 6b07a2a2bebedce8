"""Meetings of committees, with the publication state of their agenda and minutes."""

import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.text import slugify
from simple_history.models import HistoricalRecords

from agenda.models.locks import Lock, LockedQuerySet, LockedRecord
from committees.dates import long_date
from committees.links import link
from committees.models import Committee, Person, Venue, choices_constraint
from committees.municipal import EARLIEST, EARLIEST_YEAR, LATEST, LATEST_YEAR

# The dates a meeting may have (committees.municipal): anything outside is a typing slip
# (01/01/0001, 0026 for 2026) and would break every output that adds an hour or a time
# zone to it.
EARLIEST_START, LATEST_START = EARLIEST, LATEST
DATE_RANGE_MESSAGE = (
    f"A meeting date must be between 1 January {EARLIEST_YEAR} and 31 December {LATEST_YEAR}"
)


def date_in_range(moment):
    return moment is None or EARLIEST_START <= moment < LATEST_START


# A moment this far inside datetime's limits can be shifted into any time zone and have a
# few hours added without overflowing.
READABLE_MIN = datetime.datetime(1, 1, 3, tzinfo=datetime.UTC)
READABLE_MAX = datetime.datetime(9999, 12, 29, tzinfo=datetime.UTC)


class MeetingDateTimeField(models.DateTimeField):
    """A DateTimeField whose stored value is always safe to display. New values are held
    to 1900-2100 (Meeting.clean and a named constraint); a row stored before that rule, or
    by hand, at the very edge of what datetime can hold (year 1, year 9999) is read two
    days inside the edge, so no page, feed, calendar or API answer breaks on it."""

    def from_db_value(self, value, expression, connection):
        if value is None:
            return value
        if timezone.is_aware(value):
            return min(max(value, READABLE_MIN), READABLE_MAX)
        return min(max(value, READABLE_MIN.replace(tzinfo=None)), READABLE_MAX.replace(tzinfo=None))


class MeetingQuerySet(LockedQuerySet):
    def public(self):
        """Meetings an anonymous visitor may see: deny unless the agenda is out or the
        clerk has listed the meeting (date and venue only) in the public calendar."""
        return self.filter(committee__is_public=True).filter(
            Q(agenda_status__in=Meeting.PUBLIC_AGENDA_STATES)
            | Q(is_listed=True)
            # A cancellation or postponement is itself a public notice.
            | Q(status__in=Meeting.CALLED_OFF_STATES)
        )

    def with_public_agenda(self):
        return self.filter(agenda_status__in=Meeting.PUBLIC_AGENDA_STATES)

    def with_public_minutes(self):
        return self.filter(minutes_status__in=Meeting.PUBLIC_MINUTES_STATES)

    def upcoming(self, now=None):
        return self.filter(start__gte=now or timezone.now()).order_by("start")

    def awaiting_draft_minutes(self, now=None):
        """Meetings that have taken place (or should have: a scheduled one in the past
        whose clerk has not yet recorded it held) with a public agenda and no published
        minutes yet: their clerks owe the draft minutes."""
        return self.filter(
            start__lt=now or timezone.now(),
            status__in=(Meeting.Status.HELD, Meeting.Status.ADJOURNED, Meeting.Status.SCHEDULED),
            agenda_status__in=Meeting.PUBLIC_AGENDA_STATES,
            minutes_status__in=(Meeting.MinutesStatus.NONE, Meeting.MinutesStatus.DRAFT),
        )

    def past(self, now=None):
        return self.filter(start__lt=now or timezone.now()).order_by("-start")

    def for_listing(self):
        return self.select_related("committee", "venue")


class MeetingStatus(models.TextChoices):
    SCHEDULED = "scheduled", "Scheduled"
    CANCELLED = "cancelled", "Cancelled"
    POSTPONED = "postponed", "Postponed"
    HELD = "held", "Held"
    ADJOURNED = "adjourned", "Adjourned"


class MeetingAgendaStatus(models.TextChoices):
    DRAFT = "draft", "Draft (not public)"
    PUBLISHED = "published", "Published"
    SUPPLEMENT_PUBLISHED = "supplement_published", "Published with supplement"


class MeetingMinutesStatus(models.TextChoices):
    NONE = "none", "Not started"
    DRAFT = "draft", "Draft (not public)"
    DRAFT_PUBLISHED = "draft_published", "Draft minutes published"
    APPROVED = "approved", "Approved as a correct record"


# A meeting's publication state: written only by the publishing steps (which open these
# fields on a locked meeting, agenda.models.locks.opened).
WORKFLOW_FIELDS = (
    "status",
    "status_notice",
    "agenda_status",
    "agenda_published_at",
    "late_publication_reason",
    "minutes_status",
    "minutes_published_at",
    "minutes_approved_at",
    "minutes_approved_by_meeting",
)


class Meeting(LockedRecord):
    """One meeting of a committee: when, where, its status and what has been published."""

    record_lock = Lock(
        meeting="",
        # Not part of the minuted record: links and listing, and bookkeeping.
        editable=frozenset({"webcast_url", "is_listed", "version", "updated_at", "external_id"}),
    )

    Status = MeetingStatus

    AgendaStatus = MeetingAgendaStatus

    MinutesStatus = MeetingMinutesStatus

    PUBLIC_AGENDA_STATES = (AgendaStatus.PUBLISHED, AgendaStatus.SUPPLEMENT_PUBLISHED)
    PUBLIC_MINUTES_STATES = (MinutesStatus.DRAFT_PUBLISHED, MinutesStatus.APPROVED)
    CALLED_OFF_STATES = (Status.CANCELLED, Status.POSTPONED)

    committee = models.ForeignKey(
        Committee, models.PROTECT, related_name="meetings", verbose_name="committee"
    )
    title = models.CharField(
        "title", max_length=200, blank=True, help_text="Only if the meeting has a special name."
    )
    slug = models.SlugField("address", max_length=120, unique=True, editable=False)
    start = MeetingDateTimeField("starts")
    end = MeetingDateTimeField("ends", null=True, blank=True)
    venue = models.ForeignKey(
        Venue, models.PROTECT, related_name="meetings", null=True, blank=True, verbose_name="venue"
    )
    status = models.CharField("status", max_length=20, choices=Status, default=Status.SCHEDULED)
    status_notice = models.TextField(
        "public notice",
        blank=True,
        help_text="Shown prominently when the meeting is cancelled or postponed.",
    )
    late_publication_reason = models.TextField(
        "reason for late publication",
        blank=True,
        editable=False,
        help_text="The special circumstances of urgency recorded when the agenda went out "
        "after the clear-days deadline; shown with the agenda and in the minutes.",
    )
    webcast_url = models.URLField("webcast link", blank=True)
    contact_officer = models.ForeignKey(
        Person,
        models.PROTECT,
        related_name="meetings_as_contact",
        null=True,
        blank=True,
        verbose_name="contact officer",
    )
    is_listed = models.BooleanField(
        "listed in the public calendar",
        default=False,
        help_text="Show the date, time and venue publicly before the agenda is published.",
    )
    agenda_status = models.CharField(
        "agenda", max_length=24, choices=AgendaStatus, default=AgendaStatus.DRAFT
    )
    agenda_published_at = models.DateTimeField("agenda published", null=True, blank=True)
    minutes_status = models.CharField(
        "minutes", max_length=20, choices=MinutesStatus, default=MinutesStatus.NONE
    )
    minutes_published_at = models.DateTimeField("minutes published", null=True, blank=True)
    minutes_approved_at = models.DateTimeField("minutes approved", null=True, blank=True)
    minutes_approved_by_meeting = models.ForeignKey(
        "self",
        models.PROTECT,
        related_name="approved_minutes_of",
        null=True,
        blank=True,
        verbose_name="minutes approved at",
    )
    version = models.PositiveIntegerField("version", default=1, editable=False)
    external_id = models.CharField("source id", max_length=100, blank=True, editable=False)
    created_at = models.DateTimeField("created", auto_now_add=True)
    updated_at = models.DateTimeField("last changed", auto_now=True)

    history = HistoricalRecords()
    objects = MeetingQuerySet.as_manager()

    class Meta:
        ordering = ["-start"]
        verbose_name = "meeting"
        verbose_name_plural = "meetings"
        get_latest_by = "start"
        permissions = [("publish_meeting", "Can publish agendas and minutes")]
        indexes = [
            models.Index(fields=["committee", "start"], name="meeting_committee_start"),
            # The home page's latest agendas and minutes: the newest few of twenty years.
            models.Index(fields=["-agenda_published_at", "-start"], name="meeting_latest_agenda"),
            models.Index(fields=["-minutes_published_at", "-start"], name="meeting_latest_minutes"),
        ]
        constraints = [
            choices_constraint("status", MeetingStatus, "meeting_status_valid"),
            choices_constraint("agenda_status", MeetingAgendaStatus, "meeting_agenda_status_valid"),
            choices_constraint(
                "minutes_status", MeetingMinutesStatus, "meeting_minutes_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(end__isnull=True) | Q(end__gt=F("start")),
                name="meeting_ends_after_start",
                violation_error_message="The meeting must end after it starts.",
            ),
            models.CheckConstraint(
                condition=~Q(minutes_status__in=["draft_published", "approved"])
                | Q(agenda_status__in=["published", "supplement_published"]),
                name="meeting_minutes_public_needs_agenda_public",
            ),
            models.UniqueConstraint(
                fields=["external_id"],
                condition=~Q(external_id=""),
                name="meeting_external_id_unique",
            ),
            models.CheckConstraint(
                condition=Q(start__gte=EARLIEST_START, start__lt=LATEST_START)
                & (Q(end__isnull=True) | Q(end__lt=LATEST_START + datetime.timedelta(days=1))),
                name="meeting_dates_in_range",
                violation_error_message=DATE_RANGE_MESSAGE + ".",
            ),
        ]

    def __str__(self):
        local = safe_localtime(self.start)
        return f"{self.title or self.committee.name}, {local:%d %b %Y}"

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = self._make_slug()
        self.version = next_version(self)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return link("agenda:meeting_detail", slug=self.slug)

    def clean(self):
        super().clean()
        errors = {}
        for name in ("start", "end"):
            moment = getattr(self, name)
            if not date_in_range(moment):
                errors[name] = ValidationError(
                    "%(rule)s; this one is in the year %(year)04d. Check the year.",
                    params={"rule": DATE_RANGE_MESSAGE, "year": moment.year},
                    code="date_out_of_range",
                )
        if errors:
            raise ValidationError(errors)

    def _make_slug(self):
        from agenda.models.changes import FormerSlug

        local_date = safe_local_date(self.start)
        base = f"{local_date:%Y-%m-%d}-{slugify(self.committee.name)}"[:110]
        candidate, n = base, 1
        # A former address of another meeting stays theirs: old links keep their target.
        while (
            Meeting.objects.filter(slug=candidate).exclude(pk=self.pk).exists()
            or FormerSlug.objects.filter(slug=candidate).exclude(meeting_id=self.pk).exists()
        ):
            n += 1
            candidate = f"{base}-{n}"
        return candidate

    @property
    def name(self):
        return self.title or self.committee.name

    @property
    def agenda_is_public(self):
        return self.agenda_status in self.PUBLIC_AGENDA_STATES

    @property
    def minutes_are_public(self):
        return self.minutes_status in self.PUBLIC_MINUTES_STATES

    @property
    def minutes_are_draft(self):
        return self.minutes_status != self.MinutesStatus.APPROVED

    @property
    def is_called_off(self):
        return self.status in self.CALLED_OFF_STATES

    @property
    def minutes_locked(self):
        """Approved minutes are the legal record: only an erratum may correct them."""
        return self.minutes_status == self.MinutesStatus.APPROVED

    @property
    def minutes_status_line(self):
        """The minutes' standing in words, for pages and printed copies."""
        if self.minutes_status == self.MinutesStatus.APPROVED:
            approver = self.minutes_approved_by_meeting
            if approver is not None:
                return (
                    f"Approved as a correct record at the meeting of {approver.name} "
                    f"on {long_date(approver.start)}."
                )
            return "Approved as a correct record."
        if self.minutes_status == self.MinutesStatus.DRAFT_PUBLISHED:
            return "DRAFT minutes: not yet approved as a correct record; they may change."
        return ""

    @property
    def published_heading(self):
        """What the public page calls what is out, in the words residents know."""
        if not self.agenda_is_public:
            return "Meeting details"
        if self.minutes_status == self.MinutesStatus.APPROVED:
            return "Agenda and minutes"
        if self.minutes_status == self.MinutesStatus.DRAFT_PUBLISHED:
            return "Agenda and draft minutes"
        return "Agenda"

    def next_item_position(self):
        last = self.items.aggregate(models.Max("position"))["position__max"]
        return (last or 0) + 1

    def free_item_number(self, preferred, exclude=None):
        """`preferred` as an item number if no other item of this meeting has it, else the
        next whole number nobody has (numbers are unique per meeting)."""
        taken = set(self.items.exclude(pk=exclude).values_list("number", flat=True))
        number = int(preferred)
        while str(number) in taken:
            number += 1
        return str(number)

    def previous_meeting(self):
        """The same committee's meeting before this one that was (or will be) held."""
        return (
            Meeting.objects.filter(committee_id=self.committee_id, start__lt=self.start)
            .exclude(status__in=Meeting.CALLED_OFF_STATES)
            .order_by("-start")
            .first()
        )


def next_version(instance):
    """The version a row gets when saved: one more than what is stored now (read from the
    database, so a stale in-memory copy cannot reuse a number)."""
    if instance.pk is None:
        return instance.version or 1
    stored = (
        type(instance)
        ._default_manager.filter(pk=instance.pk)
        .values_list("version", flat=True)
        .first()
    )
    return (stored or 0) + 1


def safe_localtime(moment):
    """`moment` in the council's zone; one too near year 1 or 9999 to shift into the zone
    is given as stored (UTC) rather than failing (such dates are refused on every write,
    but a page must never break on an old row)."""
    try:
        return timezone.localtime(moment)
    except (OverflowError, ValueError):
        return moment


def safe_local_date(moment):
    return safe_localtime(moment).date()


def meeting_default_start(committee, day):
    """A new meeting's start: the committee's usual time on `day`, in the council's zone."""
    naive = datetime.datetime.combine(day, committee.default_start_time)
    return timezone.make_aware(naive, timezone.get_default_timezone())
