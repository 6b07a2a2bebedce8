"""Actions: what a resolution asks someone to do, by when, and whether it was done."""

from django.db import models
from django.db.models import Q
from django.utils import timezone
from simple_history.models import HistoricalRecords

from agenda.models.items import AgendaItem
from agenda.models.locks import Lock, LockedRecord, refuse_locked_m2m
from agenda.models.meetings import Meeting
from agenda.models.rows import Resolution, RowQuerySet
from committees.models import Person, choices_constraint


class ActionQuerySet(RowQuerySet):
    OPEN_STATES = ("open", "in_progress")

    def public(self):
        """Actions from public minutes: on items whose content and minutes are public."""
        return self.filter(item__in=AgendaItem.objects.with_public_minutes())

    def outstanding(self):
        return self.filter(status__in=self.OPEN_STATES)

    def overdue(self, today=None):
        return self.outstanding().filter(due_date__lt=today or timezone.localdate())

    def reports_due_at(self, meeting):
        """Report-back actions the committee's `meeting` should take: due by its day, not
        yet reported, and `meeting` is the first of the committee's meetings since the due
        date (called-off meetings do not count)."""
        day = timezone.localtime(meeting.start).date()
        earlier = Meeting.objects.filter(
            committee=meeting.committee,
            start__lt=meeting.start,
            start__date__gte=models.OuterRef("due_date"),
        ).exclude(status__in=Meeting.CALLED_OFF_STATES)
        return (
            self.outstanding()
            .filter(
                report_back=True,
                report_item__isnull=True,
                due_date__lte=day,
                item__meeting__committee=meeting.committee,
            )
            .exclude(models.Exists(earlier))
        )


class ActionStatus(models.TextChoices):
    OPEN = "open", "Open"
    IN_PROGRESS = "in_progress", "In progress"
    DONE = "done", "Done"
    CANCELLED = "cancelled", "Cancelled"


class Action(LockedRecord):
    """Something a resolution asks someone to do, with a date: a follow-up to track. As
    minuted it is part of the record; its progress (status, completed date) is follow-up
    and stays editable after approval."""

    Status = ActionStatus
    # Progress and the report back's item are follow-up, not the minuted action.
    record_lock = Lock(
        meeting="item__meeting", editable=frozenset({"status", "completed_on", "report_item"})
    )

    item = models.ForeignKey(
        AgendaItem, models.CASCADE, related_name="actions", verbose_name="agenda item"
    )
    resolution = models.ForeignKey(
        Resolution,
        models.SET_NULL,
        related_name="actions",
        null=True,
        blank=True,
        verbose_name="resolution",
    )
    owner = models.CharField("owner", max_length=200, help_text="e.g. Chief Executive")
    owner_person = models.ForeignKey(
        Person,
        models.PROTECT,
        related_name="actions",
        null=True,
        blank=True,
        verbose_name="owner (person)",
    )
    description = models.TextField("what is to be done", blank=True)
    due_date = models.DateField("due", null=True, blank=True)
    status = models.CharField("status", max_length=20, choices=Status, default=Status.OPEN)
    completed_on = models.DateField("completed", null=True, blank=True)
    report_back = models.BooleanField(
        "update the committee",
        default=False,
        help_text="The committee asked for a report back: its first meeting after the due "
        "date is offered an item for it.",
    )
    report_item = models.ForeignKey(
        "AgendaItem",
        models.SET_NULL,
        related_name="reported_actions",
        null=True,
        blank=True,
        verbose_name="reported back at",
    )

    history = HistoricalRecords()
    objects = ActionQuerySet.as_manager()

    class Meta:
        ordering = ["due_date", "pk"]
        verbose_name = "action"
        verbose_name_plural = "actions"
        constraints = [
            choices_constraint("status", ActionStatus, "action_status_valid"),
            models.CheckConstraint(
                condition=Q(completed_on__isnull=True) | Q(status="done"),
                name="action_completed_only_when_done",
                violation_error_message="Only a done action has a completed date: set the "
                "status to “Done” or clear the date.",
            ),
        ]

    def __str__(self):
        return f"{self.owner}: {self.description[:60]}".rstrip(": ")

    def get_absolute_url(self):
        return self.item.get_absolute_url()

    def add_report_item(self, meeting):
        """The agenda item that brings this action back to the committee at `meeting`."""
        from django.db import transaction

        with transaction.atomic():
            source = self.item.meeting
            local = timezone.localtime(source.start)
            item = AgendaItem.objects.create(
                meeting=meeting,
                title=f"Update: {self.description[:250] or self.owner}",
                agenda_text=(
                    f"<p>{self.owner} to report back, as the committee asked at its meeting "
                    f"on {local.day} {local:%B %Y} (item {self.item.number}, "
                    f"{self.item.plain_title}).</p>"
                ),
                topic=self.item.topic,
                contact_officer=self.owner_person,
            )
            self.report_item = item
            self.save(update_fields=["report_item"])
        return item

    @property
    def is_overdue(self):
        return (
            self.status in (self.Status.OPEN, self.Status.IN_PROGRESS)
            and self.due_date is not None
            and self.due_date < timezone.localdate()
        )


models.signals.m2m_changed.connect(
    refuse_locked_m2m,
    sender=AgendaItem.wards_affected.through,
    dispatch_uid="minutebook-locked-wards",
)
