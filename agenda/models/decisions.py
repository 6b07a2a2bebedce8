"""Decisions: the record of what a committee, an executive member or an officer decided.

A committee decision usually belongs to an agenda item (and may be one of its resolutions);
an officer's delegated decision stands alone. The public decisions register (issue 16)
builds on this model; the ModernGov importer fills it from decision pages."""

from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.html import escape
from simple_history.models import HistoricalRecords

from agenda.models.forward_plan import ForwardPlanEntry, NoticeKind
from agenda.models.items import (
    EXEMPT_PARAGRAPH_NUMBERS,
    EXEMPT_PARAGRAPHS,
    AgendaItem,
    Topic,
)
from agenda.models.locks import Lock, LockedQuerySet, LockedRecord
from agenda.models.meetings import Meeting
from agenda.models.rows import Resolution
from committees.links import link
from committees.models import Committee, Person, Ward, choices_constraint
from committees.richtext import RichTextField, html_to_text
from minutes_site import params


class DecisionQuerySet(LockedQuerySet):
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

    def closed_content(self):
        """Decisions of which only the title, maker, dates and paragraph may be shown."""
        return self.filter(Q(is_exempt=True) | Q(item__is_exempt=True))

    def register(self, *, maker=None, since=None, until=None, key=None, ward=None, topic=None):
        """The register's rows among these (start from a visibility scope's `decisions()`
        or `public()`), filtered: `maker` a committee (or "officer" /
        "executive_member" for decisions taken by one person), dates of decision,
        key decisions only, a ward or a topic (the decision's own, or its item's)."""
        rows = self
        if maker in (DecisionKind.OFFICER, DecisionKind.EXECUTIVE_MEMBER):
            rows = rows.filter(kind=maker)
        elif maker is not None:
            rows = rows.filter(committee=maker)
        if since:
            rows = rows.filter(decided_on__gte=since)
        if until:
            rows = rows.filter(decided_on__lte=until)
        if key:
            rows = rows.filter(is_key_decision=True)
        if ward is not None:
            # Wards of an exempt decision are not its content: the ward is public on
            # ModernGov too. The ids are taken in a subquery so a row is listed once.
            matching = Decision.objects.filter(Q(wards=ward) | Q(item__wards_affected=ward))
            rows = rows.filter(pk__in=matching.values("pk"))
        if topic is not None:
            rows = rows.filter(Q(topic=topic) | Q(item__topic=topic))
        return rows.select_related(
            "committee", "meeting__committee", "item", "scrutiny_item__meeting__committee"
        )


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


# Resolutions whose outcome decides something (the others note, defer or fall away).
DECIDING_OUTCOMES = (Resolution.Outcome.CARRIED, Resolution.Outcome.CARRIED_AS_AMENDED)


# A published decision is the record residents and the courts rely on: every field of it
# changes only through a step (publishing the notice, a call-in, a correction with its
# reason), and it is never deleted. The source bookkeeping stays editable.
PUBLISHED_DECISION_FIELDS = frozenset(
    {
        "title", "kind", "status", "status_as_printed", "decision_maker", "committee",
        "meeting", "item", "resolution", "lead_officer", "is_key_decision", "call_in",
        "purpose", "text", "reasons", "alternatives", "conflicts", "dispensations",
        "forward_plan_entry", "topic", "is_urgent", "urgency_reason", "call_in_until",
        "called_in_on", "called_in_by", "call_in_reason", "scrutiny_item", "decided_on",
        "publication_date", "effective_from", "is_exempt", "exempt_paragraph", "published_at",
    }
)  # fmt: skip
# The parts of a published decision a correction may change (privacy has its own steps).
CORRECTABLE_FIELDS = (
    "title", "decision_maker", "decided_on", "purpose", "text", "reasons",
    "alternatives", "conflicts", "dispensations",
)  # fmt: skip
PUBLISHED_DECISION_MESSAGE = (
    "%(what)s is a published decision: it changes only through a recorded step (a "
    "correction with its reason, or a call-in), so the register, the decision notice and "
    "the feeds follow. Use “Correct this decision” instead of editing it."
)
DECISION_DELETE_MESSAGE = (
    "“%(item)s” is a published decision, so it cannot be deleted: record a correction instead."
)


class Decision(LockedRecord):
    """One recorded decision with what the regulations require of its record (SI 2012/2089
    reg 13, SI 2014/2095 reg 7): the decision, its date, reasons, alternatives rejected,
    conflicts of interest and dispensations, and when it takes effect. Locked once
    published (see PUBLISHED_DECISION_FIELDS)."""

    # Not part of the minutes (minuted=False): a decision notice follows the meeting, and
    # decision pages are imported after its minutes were approved. Its own publication
    # is what locks it.
    record_lock = Lock(
        meeting="meeting",
        minuted=False,
        guarded=PUBLISHED_DECISION_FIELDS,
        published="published_at",
        kept=True,
        guarded_message=PUBLISHED_DECISION_MESSAGE,
        kept_message=DECISION_DELETE_MESSAGE,
    )

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
    forward_plan_entry = models.ForeignKey(
        ForwardPlanEntry,
        models.PROTECT,
        related_name="decisions",
        null=True,
        blank=True,
        verbose_name="forward plan entry",
        help_text="The notice of this key decision on the forward plan.",
    )
    wards = models.ManyToManyField(
        Ward, related_name="decisions", blank=True, verbose_name="wards affected"
    )
    topic = models.ForeignKey(
        Topic,
        models.PROTECT,
        related_name="decisions",
        null=True,
        blank=True,
        verbose_name="topic",
    )
    is_urgent = models.BooleanField(
        "exempt from call-in (urgency)",
        default=False,
        help_text="Taken as urgent: implemented at once, not subject to call-in.",
    )
    urgency_reason = models.TextField("why it could not wait for call-in", blank=True)
    call_in_until = models.DateField("can be called in until", null=True, blank=True)
    called_in_on = models.DateField("called in on", null=True, blank=True)
    called_in_by = models.CharField(
        "called in by", max_length=300, blank=True, help_text="The members who called it in."
    )
    call_in_reason = models.TextField("why it was called in", blank=True)
    scrutiny_item = models.ForeignKey(
        AgendaItem,
        models.SET_NULL,
        related_name="called_in_decisions",
        null=True,
        blank=True,
        verbose_name="considered by scrutiny as",
    )
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
            models.CheckConstraint(
                condition=Q(is_urgent=False) | ~Q(urgency_reason=""),
                name="decision_urgency_needs_reason",
                violation_error_message="An urgent decision exempt from call-in needs the "
                "reason it could not wait.",
            ),
            models.CheckConstraint(
                condition=Q(called_in_on__isnull=True)
                | (~Q(called_in_by="") & ~Q(call_in_reason="")),
                name="decision_call_in_needs_who_and_why",
                violation_error_message="A call-in needs the members who made it and their reason.",
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
        return link("agenda:decision_detail", pk=self.pk)

    @property
    def plain_text(self):
        return html_to_text(self.text)

    @property
    def exempt_label(self):
        return f"Exempt: Schedule 12A paragraph {self.private_paragraph or self.exempt_paragraph}"

    # ------------------------------------------------------------------ executive rules

    @property
    def is_executive(self):
        """Executive decisions (the cabinet's, a cabinet member's, an officer's key
        decision) are the ones scrutiny may call in."""
        if self.kind == DecisionKind.EXECUTIVE_MEMBER:
            return True
        if self.kind == DecisionKind.OFFICER:
            return self.is_key_decision
        return self.committee_id is not None and self.committee.kind == Committee.Kind.EXECUTIVE

    @property
    def shows_content(self):
        """Whether more than the title, maker, dates and paragraph may be shown."""
        return not self.is_exempt and not (self.item_id and self.item.is_exempt)

    @property
    def maker_name(self):
        """Who decided, as the public reads it."""
        if self.decision_maker:
            return self.decision_maker
        return self.committee.name if self.committee_id else self.get_kind_display()

    @property
    def private_paragraph(self):
        """The Schedule 12A paragraph that keeps the content private (the decision's own,
        or its item's), None when the content is public."""
        if self.shows_content:
            return None
        own = self.exempt_paragraph if self.is_exempt else None
        return own or (self.item.exempt_paragraph if self.item_id else None)

    def call_in_state(self, today=None):
        """Where the decision stands: "called_in", "urgent", "open" (can be called in until
        `call_in_until`), "effective", or "" (not subject to call-in / not recorded)."""
        today = today or timezone.localdate()
        if self.called_in_on or self.call_in == DecisionCallIn.CALLED_IN:
            return "called_in"
        if self.is_urgent:
            return "urgent"
        if self.call_in_until and today <= self.call_in_until:
            return "open"
        if self.effective_from and today >= self.effective_from:
            return "effective"
        return ""

    def can_be_called_in(self, today=None):
        return (
            self.is_executive
            and self.call_in == DecisionCallIn.SUBJECT
            and self.call_in_state(today) == "open"
        )

    def key_notice_problem(self, days=28):
        """Why this key executive decision lacks the notice the 2012 Regulations ask for:
        28 clear days on the forward plan, or a recorded general exception or special
        urgency (None if it has it, or needs none)."""
        if not (self.is_key_decision and self.is_executive):
            return None
        entry = self.forward_plan_entry
        if entry is None and self.item_id:
            entry = ForwardPlanEntry.objects.filter(item_id=self.item_id).first()
        if entry is None:
            return "it is not on the forward plan and no exception is recorded"
        if entry.notice != NoticeKind.FORWARD_PLAN:
            return None if entry.published_at else "its exception notice is not published"
        if entry.published_at is None:
            return "it is not published on the forward plan"
        if self.decided_on is None:
            return None
        published = timezone.localtime(entry.published_at).date()
        clear = (self.decided_on - published).days - 1
        if clear < days:
            return (
                f"it was on the forward plan for {max(clear, 0)} clear days, not {days}: "
                "record a general exception or special urgency on its entry"
            )
        return None

    def declarations_text(self):
        """Conflicts and dispensations from the declarations made on the item, as two
        HTML paragraphs lists (empty when none)."""
        if not self.item_id:
            return "", ""
        conflicts, dispensations = [], []
        for declaration in self.item.declarations.select_related("person").order_by("pk"):
            line = f"{declaration.person}: {declaration.get_kind_display()}"
            conflicts.append(f"<p>{escape(line)}</p>")
            if declaration.has_dispensation:
                dispensations.append(f"<p>{escape(str(declaration.person))}</p>")
        return "".join(conflicts), "".join(dispensations)


ONE_PERSON_MAKERS = {
    DecisionKind.OFFICER: "Officers (delegated decisions)",
    DecisionKind.EXECUTIVE_MEMBER: "Executive members",
}


def register_filters(query):
    """The register's filters from a query string (shared by the page and its CSV)."""
    maker = None
    if value := params.slug(query, "maker"):
        value = value.replace("-", "_")
        if value in ONE_PERSON_MAKERS:
            maker = value
        else:
            maker = Committee.objects.public().filter(slug=value.replace("_", "-")).first()
            if maker is None:
                raise params.BadParameter(f"There is no public decision maker called “{value}”.")
    ward = None
    if value := params.slug(query, "ward"):
        ward = Ward.objects.filter(slug=value).first()
        if ward is None:
            raise params.BadParameter(f"There is no ward called “{value}”.")
    topic = None
    if value := params.slug(query, "topic"):
        topic = Topic.objects.filter(slug=value).first()
        if topic is None:
            raise params.BadParameter(f"There is no topic called “{value}”.")
    return {
        "maker": maker,
        "since": params.date(query, "since"),
        "until": params.date(query, "until"),
        "key": query.get("key") == "1",
        "ward": ward,
        "topic": topic,
    }
