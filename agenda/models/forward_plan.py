"""The forward plan of key decisions (SI 2012/2089): notice 28 clear days before an
executive key decision, or a recorded general exception or special urgency."""

import datetime

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from simple_history.models import HistoricalRecords

from agenda.models.items import EXEMPT_PARAGRAPHS, AgendaItem
from committees.models import Committee, Person, choices_constraint


class NoticeKind(models.TextChoices):
    FORWARD_PLAN = "forward_plan", "On the forward plan (28 clear days' notice)"
    GENERAL_EXCEPTION = "general_exception", "General exception (regulation 10)"
    SPECIAL_URGENCY = "special_urgency", "Special urgency (regulation 11)"


class ForwardPlanQuerySet(models.QuerySet):
    def public(self):
        return self.filter(published_at__isnull=False, published_at__lte=timezone.now())

    def to_take_at(self, meeting):
        """Entries for the meeting's committee expected within a month of it, not yet on
        an agenda: offered to the clerk building that agenda."""
        day = timezone.localtime(meeting.start).date()
        month = timezone.timedelta(days=31)
        if not (datetime.date.min + month <= day <= datetime.date.max - month):
            return self.none()  # an impossible stored date has nothing planned for it
        return self.filter(
            committee=meeting.committee,
            item__isnull=True,
            expected_date__gte=day - month,
            expected_date__lte=day + month,
        )


class ForwardPlanEntry(models.Model):
    """A key decision the executive intends to take: what, by whom, when, in private or
    not, and the documents it will have; later the agenda item that takes it."""

    Notice = NoticeKind

    title = models.CharField("decision to be taken", max_length=300)
    summary = models.TextField("summary", blank=True)
    decision_maker = models.CharField(
        "decision maker", max_length=200, help_text="e.g. Cabinet, or Cabinet Member for Highways"
    )
    committee = models.ForeignKey(
        Committee,
        models.PROTECT,
        related_name="forward_plan",
        null=True,
        blank=True,
        verbose_name="taken at meetings of",
    )
    expected_date = models.DateField("expected date")
    is_key_decision = models.BooleanField("key decision", default=True)
    is_exempt = models.BooleanField("to be taken in private", default=False)
    exempt_paragraph = models.PositiveSmallIntegerField(
        "Schedule 12A paragraph", choices=EXEMPT_PARAGRAPHS, null=True, blank=True
    )
    exempt_reason = models.TextField("why in private", blank=True)
    documents = models.TextField("documents to be submitted", blank=True)
    contact = models.ForeignKey(
        Person,
        models.PROTECT,
        related_name="forward_plan_entries",
        null=True,
        blank=True,
        verbose_name="contact officer",
    )
    notice = models.CharField("notice", max_length=20, choices=Notice, default=Notice.FORWARD_PLAN)
    notice_reason = models.TextField(
        "reason for the exception", blank=True, help_text="Why 28 days' notice was not possible."
    )
    published_at = models.DateTimeField("notice published", null=True, blank=True)
    item = models.OneToOneField(
        AgendaItem,
        models.SET_NULL,
        related_name="forward_plan_entry",
        null=True,
        blank=True,
        verbose_name="taken as agenda item",
    )

    history = HistoricalRecords()
    objects = ForwardPlanQuerySet.as_manager()

    class Meta:
        ordering = ["expected_date", "pk"]
        verbose_name = "forward plan entry"
        verbose_name_plural = "forward plan"
        constraints = [
            choices_constraint("notice", NoticeKind, "forwardplanentry_notice_valid"),
            models.CheckConstraint(
                condition=Q(notice="forward_plan") | ~Q(notice_reason=""),
                name="forwardplanentry_exception_needs_reason",
                violation_error_message="An exception to 28 days' notice needs its reason.",
            ),
            models.CheckConstraint(
                condition=Q(is_exempt=False) | Q(exempt_paragraph__isnull=False),
                name="forwardplanentry_private_needs_paragraph",
                violation_error_message="A decision in private needs its Schedule 12A paragraph.",
            ),
        ]

    def __str__(self):
        return f"{self.title} ({self.decision_maker}, {self.expected_date:%b %Y})"

    def get_absolute_url(self):
        return f"{reverse('agenda:forward_plan')}#entry-{self.pk}"

    def add_to_agenda(self, meeting):
        """The agenda item that takes this decision at `meeting`, linked back to it."""
        item = AgendaItem.objects.create(
            meeting=meeting,
            title=self.title,
            agenda_text=f"<p>{self.summary}</p>" if self.summary else "",
            is_key_decision=self.is_key_decision,
            is_exempt=self.is_exempt,
            exempt_paragraph=self.exempt_paragraph,
            public_interest_reason=self.exempt_reason,
            contact_officer=self.contact,
        )
        self.item = item
        self.save(update_fields=["item"])
        return item

    def notice_problem(self, meeting, days):
        """Why this entry does not give the notice the law asks for a decision at
        `meeting` (None if it does)."""
        if self.notice != NoticeKind.FORWARD_PLAN:
            return None if self.published_at else "its exception notice is not published"
        if self.published_at is None:
            return "it is not published on the forward plan"
        meeting_day = timezone.localtime(meeting.start).date()
        clear = (meeting_day - timezone.localtime(self.published_at).date()).days - 1
        if clear < days:
            return (
                f"it was on the forward plan for {max(clear, 0)} clear days, not {days}: record "
                "a general exception or special urgency"
            )
        return None
