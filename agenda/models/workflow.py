"""What the publishing workflow records: transitions, errata, closure days, text drafts."""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from agenda.models.items import AgendaItem
from agenda.models.meetings import Meeting
from committees.models import choices_constraint


class TransitionKind(models.TextChoices):
    AGENDA_PUBLISHED = "agenda_published", "Agenda published"
    SUPPLEMENT_PUBLISHED = "supplement_published", "Supplement published"
    HELD = "held", "Meeting recorded as held"
    ADJOURNED = "adjourned", "Meeting recorded as adjourned"
    DRAFT_MINUTES_PUBLISHED = "draft_minutes_published", "Draft minutes published"
    MINUTES_APPROVED = "minutes_approved", "Minutes approved"
    CANCELLED = "cancelled", "Meeting cancelled"
    POSTPONED = "postponed", "Meeting postponed"
    ERRATUM = "erratum", "Erratum recorded"
    IMPORTED = "imported", "Published as at its source (import)"
    MOVED = "moved", "Meeting moved to a new date"
    RENUMBERED = "renumbered", "Agenda items renumbered"
    AGENDA_REPRINTED = "agenda_reprinted", "Agenda reprinted (public questions accepted)"
    SIGN_OFF_OVERRIDDEN = "sign_off_overridden", "Report released without full sign-off"
    ITEM_WITHDRAWN = "item_withdrawn", "Item withdrawn from the published agenda"
    VISIBILITY_CHANGED = "visibility_changed", "Published item or document made exempt or public"
    SCAN_OVERRIDE = "scan_override", "Document published despite hidden-content findings"
    DECISIONS_PUBLISHED = "decisions_published", "Decisions published (decision notice)"
    CALLED_IN = "called_in", "Decision called in to scrutiny"


class TransitionQuerySet(models.QuerySet):
    def public_notices(self):
        """Steps whose reason is a public notice of a change after publication."""
        return self.filter(kind__in=Transition.PUBLIC_NOTICE_KINDS).order_by("at", "pk")


class Transition(models.Model):
    """One step of a meeting's publication workflow: who did it, when, from and to what,
    and why. Rows are only ever added (the release record for four-eyes checks)."""

    Kind = TransitionKind
    # Their `reason` is written by the step for the public (agenda/_notices.html).
    PUBLIC_NOTICE_KINDS = (TransitionKind.ITEM_WITHDRAWN, TransitionKind.VISIBILITY_CHANGED)

    meeting = models.ForeignKey(
        Meeting, models.PROTECT, related_name="transitions", verbose_name="meeting"
    )
    kind = models.CharField("step", max_length=30, choices=Kind)
    from_state = models.CharField("from", max_length=60, blank=True)
    to_state = models.CharField("to", max_length=60, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.PROTECT,
        related_name="meeting_transitions",
        null=True,
        blank=True,
        verbose_name="by",
    )
    at = models.DateTimeField("when", default=timezone.now)
    reason = models.TextField("reason or notice", blank=True)
    checks = models.TextField("checks passed", blank=True)

    objects = TransitionQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = "workflow step"
        verbose_name_plural = "workflow log"
        constraints = [choices_constraint("kind", TransitionKind, "transition_kind_valid")]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.meeting} ({self.at:%d %b %Y %H:%M})"

    def get_absolute_url(self):
        return self.meeting.get_absolute_url()


class ClosureDay(models.Model):
    """A day the council's offices are shut beyond weekends and bank holidays (e.g. the
    days between Christmas and New Year); it does not count as a clear day."""

    date = models.DateField("date", unique=True)
    reason = models.CharField("reason", max_length=200, blank=True)

    class Meta:
        ordering = ["date"]
        verbose_name = "office closure day"
        verbose_name_plural = "office closure days"

    def __str__(self):
        return f"{self.date:%d %b %Y} {self.reason}".strip()

    def get_absolute_url(self):
        return reverse("admin:agenda_closureday_change", args=[self.pk])


class ErratumQuerySet(models.QuerySet):
    def public(self):
        """Errata an anonymous visitor may read: on public approved minutes, never on an
        exempt item."""
        return self.filter(
            meeting__in=Meeting.objects.public().with_public_minutes(),
            published_at__isnull=False,
            published_at__lte=timezone.now(),
        ).filter(Q(item__isnull=True) | Q(item__is_exempt=False))


class Erratum(models.Model):
    """A correction to minutes already approved: recorded and shown publicly, because the
    approved text itself is never edited."""

    meeting = models.ForeignKey(
        Meeting, models.PROTECT, related_name="errata", verbose_name="meeting"
    )
    item = models.ForeignKey(
        AgendaItem,
        models.PROTECT,
        related_name="errata",
        null=True,
        blank=True,
        verbose_name="agenda item",
    )
    text = models.TextField("correction")
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.PROTECT,
        related_name="errata",
        null=True,
        blank=True,
        verbose_name="recorded by",
    )
    published_at = models.DateTimeField("published", default=timezone.now)

    objects = ErratumQuerySet.as_manager()

    class Meta:
        ordering = ["meeting", "published_at", "pk"]
        verbose_name = "erratum"
        verbose_name_plural = "errata"

    def __str__(self):
        return f"Erratum to {self.meeting}: {self.text[:60]}"

    def get_absolute_url(self):
        return f"{self.meeting.get_absolute_url()}#errata"


class TextDraft(models.Model):
    """Autosaved text a user was typing into a long field, kept on the server so a closed
    tab or expired session loses nothing. One row per user, object and field."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.CASCADE, related_name="text_drafts", verbose_name="user"
    )
    content_type = models.ForeignKey(
        ContentType, models.CASCADE, related_name="+", verbose_name="kind of object"
    )
    object_id = models.PositiveIntegerField("object")
    field_name = models.CharField("field", max_length=60)
    text = models.TextField("text", blank=True)
    base_version = models.PositiveIntegerField("opened at version", default=0)
    saved_at = models.DateTimeField("saved", auto_now=True)

    class Meta:
        ordering = ["-saved_at"]
        verbose_name = "autosaved draft"
        verbose_name_plural = "autosaved drafts"
        constraints = [
            models.UniqueConstraint(
                fields=["user", "content_type", "object_id", "field_name"],
                name="textdraft_one_per_user_object_field",
            )
        ]

    def __str__(self):
        return f"Draft of {self.field_name} by {self.user} ({self.saved_at:%d %b %H:%M})"

    def get_absolute_url(self):
        return reverse(
            f"admin:{self.content_type.app_label}_{self.content_type.model}_change",
            args=[self.object_id],
        )
