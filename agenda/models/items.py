"""Agenda items and their topics; the rows that hang off an item are in rows.py
(recommendations, resolutions) and actions.py."""

import re

from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from simple_history.models import HistoricalRecords

from agenda.models.locks import Lock, LockedQuerySet, LockedRecord
from agenda.models.meetings import Meeting, next_version
from committees.links import link
from committees.models import NamedWithSlug, Person, ScrutinyArea, Ward, choices_constraint
from committees.richtext import RichTextField, html_to_text

RENUMBER_MESSAGE = (
    "The agenda of %(meeting)s is published, so its items keep their order and numbers. "
    "To change them, use “Renumber the agenda items”, which publishes a notice of the change."
)
# A hand-typed "Minutes of the previous meeting" (or "of the last meeting", "Approval of
# the minutes of the previous meeting") is the standard item, whatever kind was chosen.
PREVIOUS_MINUTES_TITLE = re.compile(
    r"^\s*(?:\d+[.)]?\s*)?(?:approval of (?:the )?)?minutes(?: of the)? (?:previous|last)\b",
    re.IGNORECASE,
)


# LGA 1972 Schedule 12A: England numbers the exempt categories 1-7, Wales 12-18.
EXEMPT_PARAGRAPHS = [
    (1, "1 – Information relating to any individual"),
    (2, "2 – Information likely to reveal the identity of an individual"),
    (3, "3 – Financial or business affairs of any particular person"),
    (4, "4 – Labour relations consultations or negotiations"),
    (5, "5 – Legal professional privilege"),
    (6, "6 – Proposed notices, orders or directions"),
    (7, "7 – Prevention, investigation or prosecution of crime"),
    *[(n, f"{n} – (Wales) as paragraph {n - 11}") for n in range(12, 19)],
]
EXEMPT_PARAGRAPH_NUMBERS = [number for number, _label in EXEMPT_PARAGRAPHS]


class Topic(NamedWithSlug):
    """A subject followed across meetings (the incumbent's "issue history")."""

    name = models.CharField("name", max_length=200, unique=True)

    class Meta(NamedWithSlug.Meta):
        verbose_name = "topic"
        verbose_name_plural = "topics"

    def get_absolute_url(self):
        return link("agenda:topic_detail", slug=self.slug)


class AgendaItemQuerySet(LockedQuerySet):
    def public(self, now=None):
        """Items whose number and title an anonymous visitor may see. Exempt items are
        included (their title and paragraph are public); their content never is: use
        `open_content()` for anything beyond the title. `now`: the time to judge
        publication at (the present if not given)."""
        return self.filter(
            meeting__in=Meeting.objects.public().with_public_agenda(),
            published_at__isnull=False,
            published_at__lte=now or timezone.now(),
        )

    def open_content(self, now=None):
        """Public items whose content (text, minutes, recommendations...) may be shown:
        neither exempt nor withdrawn (a withdrawn item shows its title and note only)."""
        return self.public(now).filter(is_exempt=False, withdrawn_at__isnull=True)

    def with_public_minutes(self):
        return self.open_content().filter(meeting__minutes_status__in=Meeting.PUBLIC_MINUTES_STATES)

    def prepare_new(self, items):
        """What `AgendaItem.save()` gives a new item, for many at once (`bulk_add`): a
        place and number, the standard item recognised, the supplement flag when the
        agenda is already out. A few queries per meeting, not per item."""
        by_meeting = {}
        for item in items:
            by_meeting.setdefault(item.meeting_id, []).append(item)
        out = set(
            Meeting.objects.filter(pk__in=by_meeting)
            .with_public_agenda()
            .values_list("pk", flat=True)
        )
        for meeting_id, group in by_meeting.items():
            meeting = group[0].meeting
            if any(item.position is None for item in group):
                position = meeting.next_item_position()
                for item in group:
                    if item.position is None:
                        item.position, position = position, position + 1
            if any(not item.number for item in group):
                taken = set(meeting.items.values_list("number", flat=True))
                taken |= {item.number for item in group if item.number}
                for item in group:
                    if not item.number:
                        number = int(item.position)
                        while str(number) in taken:
                            number += 1
                        item.number = str(number)
                        taken.add(item.number)
            for item in group:
                item.recognise_standard_item()
                if meeting_id in out:
                    item.is_supplement = True
                item.version = item.version or 1


class AgendaItemKind(models.TextChoices):
    BUSINESS = "business", "Item of business"
    APOLOGIES = "apologies", "Apologies for absence and substitutes"
    DECLARATIONS = "declarations", "Declarations of interest"
    PREVIOUS_MINUTES = "previous_minutes", "Minutes of the previous meeting"
    PUBLIC_QUESTIONS = "public_questions", "Public questions"
    EXCLUSION = "exclusion", "Exclusion of the public"
    URGENT = "urgent", "Urgent business"


class AgendaItem(LockedRecord):
    """One numbered item of business on a meeting's agenda, and its minute."""

    Kind = AgendaItemKind
    record_lock = Lock(
        meeting="meeting",
        editable=frozenset({"version", "updated_at"}),
        guarded=frozenset({"is_exempt", "withdrawn_at", "withdrawal_note"}),
        published="published_at",
        kept=True,
    )

    meeting = models.ForeignKey(
        Meeting, models.CASCADE, related_name="items", verbose_name="meeting"
    )
    position = models.PositiveIntegerField("order")
    number = models.CharField(
        "number", max_length=12, blank=True, help_text="As printed, e.g. 5 or 5.1."
    )
    kind = models.CharField("kind", max_length=20, choices=Kind, default=Kind.BUSINESS)
    title = models.CharField("title", max_length=300)
    agenda_text = RichTextField("agenda text")
    report_reference = models.CharField(
        "report reference", max_length=100, blank=True, help_text='e.g. Document "E"'
    )
    contact_officer = models.ForeignKey(
        Person,
        models.PROTECT,
        related_name="contact_for_items",
        null=True,
        blank=True,
        verbose_name="contact officer",
    )
    scrutiny_area = models.ForeignKey(
        ScrutinyArea,
        models.PROTECT,
        related_name="items",
        null=True,
        blank=True,
        verbose_name="overview & scrutiny area",
    )
    wards_affected = models.ManyToManyField(
        Ward, related_name="items", blank=True, verbose_name="wards affected"
    )
    topic = models.ForeignKey(
        Topic,
        models.PROTECT,
        related_name="items",
        null=True,
        blank=True,
        verbose_name="topic",
        help_text="Links this item to earlier and later items on the same subject.",
    )
    is_exempt = models.BooleanField("exempt (Part B, private)", default=False)
    exempt_paragraph = models.PositiveSmallIntegerField(
        "Schedule 12A paragraph", choices=EXEMPT_PARAGRAPHS, null=True, blank=True
    )
    public_interest_reason = models.TextField(
        "public interest test",
        blank=True,
        help_text="Why the public interest in withholding outweighs disclosure.",
    )
    is_urgent = models.BooleanField("urgent item", default=False)
    urgency_reason = models.TextField("special circumstances of urgency", blank=True)
    is_key_decision = models.BooleanField("key decision", default=False)
    is_supplement = models.BooleanField("supplement (added after publication)", default=False)
    previous_minutes_of = models.ForeignKey(
        Meeting,
        models.PROTECT,
        related_name="approval_items",
        null=True,
        blank=True,
        verbose_name="approves minutes of",
    )
    minutes_text = RichTextField("minutes")
    console_minutes = RichTextField(
        "minutes as the console wrote them",
        editable=False,
        help_text="The narrative the meeting console last wrote: while the minutes still "
        "read exactly this, the console keeps them up to date; once a clerk edits them, "
        "their words are kept.",
    )
    started_at = models.DateTimeField("taken from", null=True, blank=True)
    ended_at = models.DateTimeField("taken until", null=True, blank=True)
    action_owner = models.CharField(
        "action", max_length=200, blank=True, help_text="Who acts on it, e.g. Chief Executive."
    )
    published_at = models.DateTimeField("published", null=True, blank=True, editable=False)
    withdrawn_at = models.DateTimeField("withdrawn", null=True, blank=True, editable=False)
    withdrawal_note = models.TextField(
        "withdrawal note",
        blank=True,
        editable=False,
        help_text="Shown publicly with the item's number and title once it is withdrawn.",
    )
    version = models.PositiveIntegerField("version", default=1, editable=False)
    external_id = models.CharField("source id", max_length=100, blank=True, editable=False)
    updated_at = models.DateTimeField("last changed", auto_now=True)

    history = HistoricalRecords(excluded_fields=["updated_at"])
    objects = AgendaItemQuerySet.as_manager()

    class Meta:
        ordering = ["meeting", "position"]
        verbose_name = "agenda item"
        verbose_name_plural = "agenda items"
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "position"], name="agendaitem_position_unique_per_meeting"
            ),
            choices_constraint("kind", AgendaItemKind, "agendaitem_kind_valid"),
            models.CheckConstraint(
                condition=Q(exempt_paragraph__isnull=True)
                | Q(exempt_paragraph__in=EXEMPT_PARAGRAPH_NUMBERS),
                name="agendaitem_exempt_paragraph_valid",
            ),
            models.CheckConstraint(
                condition=Q(is_exempt=False) | Q(exempt_paragraph__isnull=False),
                name="agendaitem_exempt_needs_paragraph",
                violation_error_message="An exempt item needs its Schedule 12A paragraph: "
                "choose one, or untick “exempt”.",
            ),
            models.UniqueConstraint(
                fields=["external_id"],
                condition=~Q(external_id=""),
                name="agendaitem_external_id_unique",
            ),
            models.CheckConstraint(
                condition=Q(withdrawn_at__isnull=True) | ~Q(withdrawal_note=""),
                name="agendaitem_withdrawn_needs_note",
                violation_error_message="A withdrawn item needs its public note.",
            ),
            models.CheckConstraint(
                condition=Q(ended_at__isnull=True)
                | (Q(started_at__isnull=False) & Q(ended_at__gte=models.F("started_at"))),
                name="agendaitem_ends_after_start",
                violation_error_message="An item ends after it starts: check the times.",
            ),
            models.UniqueConstraint(
                fields=["meeting", "number"],
                name="agendaitem_number_unique_per_meeting",
                violation_error_message="Another item on this agenda already has this "
                "number: give each item its own number.",
            ),
        ]

    def __str__(self):
        return f"{self.number or self.position}. {self.title}"

    def save(self, *args, **kwargs):
        if self.position is None:
            self.position = self.meeting.next_item_position()
        if not self.number:
            self.number = self.meeting.free_item_number(self.position, exclude=self.pk)
        if self.pk is None:
            self.recognise_standard_item()
        self.refuse_renumbering_published()
        if (
            self.pk is None
            and Meeting.objects.filter(pk=self.meeting_id).with_public_agenda().exists()
        ):
            # Added after the agenda went out: it can only be published as a supplement.
            self.is_supplement = True
        self.version = next_version(self)
        super().save(*args, **kwargs)

    @property
    def running_minute_number(self):
        """The item's running minute number ("Minute 1772"), or None. For templates: a
        missing reverse one-to-one raises, and a template's failed lookup is slow."""
        try:
            return self.minute_number.number
        except ObjectDoesNotExist:
            return None

    def get_absolute_url(self):
        return link("agenda:item_detail", pk=self.pk)

    @property
    def is_withdrawn(self):
        return self.withdrawn_at is not None

    def clean(self):
        super().clean()
        if self.meeting_id:
            self.refuse_renumbering_published()

    def recognise_standard_item(self):
        """A hand-added standard item is treated as one: "Minutes of the previous meeting"
        typed as ordinary business becomes that kind, and is linked to the committee's
        previous meeting so approving those minutes works."""
        if self.kind == AgendaItemKind.BUSINESS and PREVIOUS_MINUTES_TITLE.match(
            html_to_text(self.title or "")
        ):
            self.kind = AgendaItemKind.PREVIOUS_MINUTES
        if self.kind == AgendaItemKind.PREVIOUS_MINUTES and self.previous_minutes_of_id is None:
            self.previous_minutes_of = self.meeting.previous_meeting()

    def refuse_renumbering_published(self):
        """Once its agenda is out, an item's number and place change only through the
        renumbering step (which sets `_renumbering` and publishes a notice)."""
        if not self.pk or getattr(self, "_renumbering", False):
            return
        if self.meeting.minutes_locked:
            return  # the record lock refuses it, with its own reason
        stored = (
            AgendaItem.objects.filter(pk=self.pk, published_at__isnull=False)
            .filter(meeting__agenda_status__in=Meeting.PUBLIC_AGENDA_STATES)
            .values("number", "position")
            .first()
        )
        if stored and (stored["number"], stored["position"]) != (self.number, self.position):
            raise ValidationError(
                RENUMBER_MESSAGE, params={"meeting": self.meeting}, code="published_number"
            )

    @property
    def withdrawn_label(self):
        return f"Withdrawn: {self.withdrawal_note}"

    @property
    def anchor(self):
        return f"item-{self.number or self.position}".replace(".", "-")

    @property
    def exempt_label(self):
        return f"Exempt: Schedule 12A paragraph {self.exempt_paragraph}"

    @property
    def plain_title(self):
        return html_to_text(self.title)
