"""Decisions: the record of what a committee, an executive member or an officer decided.

A committee decision usually belongs to an agenda item (and may be one of its resolutions);
an officer's delegated decision stands alone. The public decisions register (issue 16)
builds on this model; the ModernGov importer fills it from decision pages."""

from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from simple_history.models import HistoricalRecords

from agenda.models.items import EXEMPT_PARAGRAPH_NUMBERS, EXEMPT_PARAGRAPHS, AgendaItem, Resolution
from agenda.models.meetings import Meeting
from committees.models import Committee, Person, choices_constraint
from committees.richtext import RichTextField, html_to_text


class DecisionQuerySet(models.QuerySet):
    def public(self, now=None):
        """Decisions an anonymous visitor may find: published, and on a public item of a
        public meeting when they belong to one. Exempt decisions are listed by title and
        paragraph only; use `open_content()` for their text."""
        now = now or timezone.now()
        on_public_item = Q(item__isnull=True) | Q(item__in=AgendaItem.objects.public(now))
        at_public_meeting = Q(meeting__isnull=True) | Q(meeting__in=Meeting.objects.public())
        maker_public = Q(committee__isnull=True) | Q(committee__is_public=True)
        return self.filter(
            on_public_item & at_public_meeting & maker_public,
            published_at__isnull=False,
            published_at__lte=now,
        )

    def open_content(self, now=None):
        return self.public(now).filter(is_exempt=False).exclude(item__is_exempt=True)


class DecisionKind(models.TextChoices):
    COMMITTEE = "committee", "Committee or council decision"
    EXECUTIVE_MEMBER = "executive_member", "Executive member decision"
    OFFICER = "officer", "Officer decision under delegated powers"


class DecisionStatus(models.TextChoices):
    FOR_DETERMINATION = "for_determination", "For determination"
    APPROVED = "approved", "Recommendations approved"
    APPROVED_AMENDED = "approved_amended", "Recommendations approved with amendments"
    REJECTED = "rejected", "Rejected"
    DEFERRED = "deferred", "Deferred"
    NOTED = "noted", "Noted"
    REFERRED = "referred", "Referred to another body"
    CALLED_IN = "called_in", "Called in"
    IMPLEMENTED = "implemented", "Implemented"
    WITHDRAWN = "withdrawn", "Withdrawn"
    OTHER = "other", "Other (see the status as printed)"


class DecisionCallIn(models.TextChoices):
    UNKNOWN = "unknown", "Not recorded"
    SUBJECT = "subject", "Subject to call-in"
    NOT_SUBJECT = "not_subject", "Not subject to call-in"
    CALLED_IN = "called_in", "Called in"


class Decision(models.Model):
    """One recorded decision with what the regulations require of its record (SI 2012/2089
    reg 13, SI 2014/2095 reg 7): the decision, its date, reasons, alternatives rejected,
    conflicts of interest and dispensations, and when it takes effect."""

    Kind = DecisionKind
    Status = DecisionStatus
    CallIn = DecisionCallIn

    title = models.CharField("title", max_length=300)
    kind = models.CharField("kind", max_length=20, choices=Kind, default=Kind.COMMITTEE)
    status = models.CharField("status", max_length=20, choices=Status, default=Status.APPROVED)
    status_as_printed = models.CharField("status as printed", max_length=120, blank=True)
    decision_maker = models.CharField(
        "decision maker", max_length=200, blank=True, help_text="As printed, e.g. Cabinet."
    )
    committee = models.ForeignKey(
        Committee,
        models.PROTECT,
        related_name="decisions",
        null=True,
        blank=True,
        verbose_name="decided by (committee)",
    )
    meeting = models.ForeignKey(
        Meeting,
        models.PROTECT,
        related_name="decisions",
        null=True,
        blank=True,
        verbose_name="decided at meeting",
    )
    item = models.ForeignKey(
        AgendaItem,
        models.PROTECT,
        related_name="decisions",
        null=True,
        blank=True,
        verbose_name="agenda item",
    )
    resolution = models.OneToOneField(
        Resolution,
        models.SET_NULL,
        related_name="decision",
        null=True,
        blank=True,
        verbose_name="resolution",
    )
    lead_officer = models.ForeignKey(
        Person,
        models.PROTECT,
        related_name="decisions_led",
        null=True,
        blank=True,
        verbose_name="lead officer",
    )
    is_key_decision = models.BooleanField("key decision", default=False)
    call_in = models.CharField("call-in", max_length=20, choices=CallIn, default=CallIn.UNKNOWN)
    purpose = RichTextField("purpose")
    text = RichTextField("decision")
    reasons = RichTextField("reasons for the decision")
    alternatives = RichTextField("alternative options considered and rejected")
    conflicts = RichTextField("conflicts of interest declared")
    dispensations = RichTextField("dispensations granted")
    decided_on = models.DateField("date of decision", null=True, blank=True)
    publication_date = models.DateField("publication date", null=True, blank=True)
    effective_from = models.DateField("effective from", null=True, blank=True)
    is_exempt = models.BooleanField("exempt (private)", default=False)
    exempt_paragraph = models.PositiveSmallIntegerField(
        "Schedule 12A paragraph", choices=EXEMPT_PARAGRAPHS, null=True, blank=True
    )
    published_at = models.DateTimeField("published", null=True, blank=True, editable=False)
    external_id = models.CharField("source id", max_length=100, blank=True, editable=False)
    source_url = models.URLField("source address", max_length=500, blank=True, editable=False)
    updated_at = models.DateTimeField("last changed", auto_now=True)

    history = HistoricalRecords(excluded_fields=["updated_at"])
    objects = DecisionQuerySet.as_manager()

    class Meta:
        ordering = ["-decided_on", "title", "pk"]
        verbose_name = "decision"
        verbose_name_plural = "decisions"
        constraints = [
            choices_constraint("kind", DecisionKind, "decision_kind_valid"),
            choices_constraint("status", DecisionStatus, "decision_status_valid"),
            choices_constraint("call_in", DecisionCallIn, "decision_call_in_valid"),
            models.CheckConstraint(
                condition=Q(exempt_paragraph__isnull=True)
                | Q(exempt_paragraph__in=EXEMPT_PARAGRAPH_NUMBERS),
                name="decision_exempt_paragraph_valid",
            ),
            models.CheckConstraint(
                condition=Q(is_exempt=False) | Q(exempt_paragraph__isnull=False),
                name="decision_exempt_needs_paragraph",
                violation_error_message="An exempt decision needs its Schedule 12A "
                "paragraph: choose one, or untick “exempt”.",
            ),
            models.CheckConstraint(
                condition=Q(effective_from__isnull=True)
                | Q(decided_on__isnull=True)
                | Q(effective_from__gte=F("decided_on")),
                name="decision_effective_not_before_decided",
                violation_error_message="A decision cannot take effect before it is made.",
            ),
            models.CheckConstraint(
                condition=Q(resolution__isnull=True) | Q(item__isnull=False),
                name="decision_resolution_needs_item",
                violation_error_message="A decision linked to a resolution needs its item.",
            ),
            models.UniqueConstraint(
                fields=["external_id"],
                condition=~Q(external_id=""),
                name="decision_external_id_unique",
            ),
        ]

    def __str__(self):
        when = f" ({self.decided_on:%d %b %Y})" if self.decided_on else ""
        return f"{self.title}{when}"

    def get_absolute_url(self):
        return reverse("agenda:decision_detail", kwargs={"pk": self.pk})

    @property
    def plain_text(self):
        return html_to_text(self.text)

    @property
    def exempt_label(self):
        return f"Exempt: Schedule 12A paragraph {self.exempt_paragraph}"
