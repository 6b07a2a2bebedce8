"""What the clerk's meeting console records as the meeting runs: when each person was in the
room (attendance spans), and the append-only log of console actions (ConsoleEvent).

Both are part of the minuted record and locked with the minutes (agenda.models.locks).
The actions themselves are applied by `agenda.console.apply_event`; this file holds only
the record.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse

from agenda.models.locks import Lock, LockedQuerySet, LockedRecord
from agenda.models.meetings import Meeting
from agenda.models.participation import Attendance
from committees.dates import clock
from committees.models import choices_constraint


class AttendanceSpanQuerySet(LockedQuerySet):
    def present_at(self, moment):
        """Spans covering `moment`: arrived by then and not yet gone."""
        return self.filter(arrived_at__lte=moment).filter(
            Q(left_at__isnull=True) | Q(left_at__gt=moment)
        )

    def open(self):
        return self.filter(left_at__isnull=True)


class AttendanceSpan(LockedRecord):
    """A stretch of time a person was in the meeting, from arrival to departure. Someone
    who leaves and comes back has two spans; an open span (no departure) means they are
    still there. Replaces the note "left at 7.15pm"."""

    record_lock = Lock(meeting="attendance__meeting")

    attendance = models.ForeignKey(
        Attendance, models.CASCADE, related_name="spans", verbose_name="attendance"
    )
    arrived_at = models.DateTimeField("arrived")
    left_at = models.DateTimeField("left", null=True, blank=True)

    objects = AttendanceSpanQuerySet.as_manager()

    class Meta:
        ordering = ["attendance", "arrived_at"]
        verbose_name = "time in the meeting"
        verbose_name_plural = "times in the meeting"
        constraints = [
            models.CheckConstraint(
                condition=Q(left_at__isnull=True) | Q(left_at__gt=models.F("arrived_at")),
                name="attendancespan_leaves_after_arriving",
                violation_error_message="A member leaves after arriving: check the times.",
            ),
            models.UniqueConstraint(
                fields=["attendance"],
                condition=Q(left_at__isnull=True),
                name="attendancespan_one_open_per_attendance",
                violation_error_message="This person is already in the meeting: record "
                "their departure before another arrival.",
            ),
        ]

    def __str__(self):
        return f"{self.attendance.person}: {self.times_line}"

    def get_absolute_url(self):
        return f"{self.attendance.meeting.get_absolute_url()}#attendance"

    @property
    def times_line(self):
        """'from 6.05pm to 7.15pm', or 'from 6.05pm' while still there."""
        if self.left_at is None:
            return f"from {clock(self.arrived_at)}"
        return f"from {clock(self.arrived_at)} to {clock(self.left_at)}"

    def covers(self, moment):
        return self.arrived_at <= moment and (self.left_at is None or self.left_at > moment)

    def clean(self):
        super().clean()
        if self.attendance_id is None or self.arrived_at is None:
            return
        others = AttendanceSpan.objects.filter(attendance_id=self.attendance_id).exclude(pk=self.pk)
        end = self.left_at
        overlapping = others.filter(Q(left_at__isnull=True) | Q(left_at__gt=self.arrived_at))
        if end is not None:
            overlapping = overlapping.filter(arrived_at__lt=end)
        if overlapping.exists():
            raise ValidationError(
                "These times overlap another time this person was in the meeting.",
                code="overlap",
            )


class ConsoleEventQuerySet(LockedQuerySet):
    def applied(self):
        return self.order_by("sequence")


class ConsoleEventKind(models.TextChoices):
    """What a console action does. Payloads are documented in agenda/console/events.py."""

    ARRIVE = "arrive", "Arrival"
    LEAVE = "leave", "Departure"
    APOLOGIES = "apologies", "Apologies"
    START_ITEM = "start_item", "Item started"
    END_ITEM = "end_item", "Item ended"
    DECLARE = "declare", "Declaration of interest"
    EXCLUDE_PUBLIC = "exclude_public", "Exclusion of the public"
    PROPOSE = "propose", "Motion proposed"
    AMEND = "amend", "Amendment proposed"
    VOTE = "vote", "Vote"
    CASTING_VOTE = "casting_vote", "Casting vote"
    OUTCOME = "outcome", "Outcome without a vote"
    ACTION = "action", "Action"
    NOTE = "note", "Minute note"
    END_MEETING = "end_meeting", "Meeting closed"


class ConsoleEvent(LockedRecord):
    """One action taken on the console, kept as it was sent and numbered in the order it
    was applied. Append-only: an event is never changed or deleted (a mistake is put right
    by a later event, or in the editor afterwards). `client_id` is made by the device that
    sent it, so a retried action (flaky Wi-Fi) is recognised and applied once."""

    record_lock = Lock(meeting="meeting")

    Kind = ConsoleEventKind

    meeting = models.ForeignKey(
        Meeting, models.CASCADE, related_name="console_events", verbose_name="meeting"
    )
    client_id = models.CharField(
        "client id", max_length=64, help_text="Made by the device that sent the action."
    )
    sequence = models.PositiveIntegerField("applied as number")
    item = models.ForeignKey(
        "agenda.AgendaItem",
        models.SET_NULL,
        related_name="console_events",
        null=True,
        blank=True,
        verbose_name="agenda item",
        help_text="The item whose minutes tell of this action (the one being taken, if any).",
    )
    kind = models.CharField("action", max_length=20, choices=Kind)
    payload = models.JSONField("details", default=dict, blank=True)
    at = models.DateTimeField("happened at")
    received_at = models.DateTimeField("received", auto_now_add=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        related_name="console_events",
        null=True,
        blank=True,
        verbose_name="by",
    )
    summary = models.CharField("what was recorded", max_length=500, blank=True)
    result = models.JSONField("result", default=dict, blank=True)

    objects = ConsoleEventQuerySet.as_manager()

    class Meta:
        ordering = ["meeting", "sequence"]
        verbose_name = "console action"
        verbose_name_plural = "console actions"
        constraints = [
            choices_constraint("kind", ConsoleEventKind, "consoleevent_kind_valid"),
            models.UniqueConstraint(
                fields=["meeting", "client_id"], name="consoleevent_client_id_unique"
            ),
            models.UniqueConstraint(
                fields=["meeting", "sequence"], name="consoleevent_sequence_unique"
            ),
            models.CheckConstraint(
                condition=~Q(client_id=""), name="consoleevent_client_id_not_blank"
            ),
        ]

    def __str__(self):
        return f"{self.sequence}. {self.get_kind_display()}: {self.summary}".rstrip(": ")

    def get_absolute_url(self):
        return reverse("editor_meeting_console", kwargs={"pk": self.meeting_id})

    def save(self, *args, **kwargs):
        if self.pk is not None and not self._state.adding:
            raise ValidationError(
                "A console action is never changed once applied: record another action, "
                "or correct the minutes in the editor.",
                code="append_only",
            )
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValidationError(
            "A console action is never deleted: record another action, or correct the "
            "minutes in the editor.",
            code="append_only",
        )
