"""Who came to a meeting and what interests they declared."""

from django.db import models
from django.db.models import Q

from agenda.models.items import AgendaItem
from agenda.models.locks import Lock, LockedQuerySet, LockedRecord
from agenda.models.meetings import Meeting
from committees.models import Person, choices_constraint


class AttendanceQuerySet(LockedQuerySet):
    def public(self):
        """Attendance is part of the minutes: public once the minutes are."""
        return self.filter(meeting__in=Meeting.objects.public().with_public_minutes())

    def present_at(self, moment):
        """People in the meeting at `moment`: one of their times in the room covers it
        (agenda.models.console.AttendanceSpan; someone can leave and come back). Officers
        in attendance included: who may vote is agenda.models.eligibility's question."""
        from agenda.models.console import AttendanceSpan

        spans = AttendanceSpan.objects.filter(attendance=models.OuterRef("pk")).present_at(moment)
        return self.filter(models.Exists(spans))


class AttendanceStatus(models.TextChoices):
    PRESENT = "present", "Present"
    PRESENT_VIRTUALLY = "present_virtually", "Present virtually"
    SUBSTITUTE = "substitute", "Present as substitute"
    IN_ATTENDANCE = "in_attendance", "In attendance"
    APOLOGIES = "apologies", "Apologies"
    ABSENT = "absent", "Absent"


class Attendance(LockedRecord):
    """One person's attendance at one meeting (part of the minutes: locked with them)."""

    record_lock = Lock(meeting="meeting")

    Status = AttendanceStatus

    PRESENT_STATES = (Status.PRESENT, Status.PRESENT_VIRTUALLY, Status.SUBSTITUTE)
    # Counted in a member's record: everything except officers "in attendance".
    EXPECTED_STATES = (*PRESENT_STATES, Status.APOLOGIES, Status.ABSENT)

    meeting = models.ForeignKey(
        Meeting, models.CASCADE, related_name="attendances", verbose_name="meeting"
    )
    person = models.ForeignKey(
        Person, models.PROTECT, related_name="attendances", verbose_name="person"
    )
    status = models.CharField("attendance", max_length=20, choices=Status, default=Status.PRESENT)
    substitute_for = models.ForeignKey(
        Person,
        models.PROTECT,
        related_name="substituted_by",
        null=True,
        blank=True,
        verbose_name="substitute for",
    )
    note = models.CharField("note", max_length=200, blank=True, help_text="e.g. left at 7.15pm")

    objects = AttendanceQuerySet.as_manager()

    class Meta:
        ordering = ["meeting", "status", "person__name"]
        verbose_name = "attendance"
        verbose_name_plural = "attendance"
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "person"], name="attendance_unique_per_meeting"
            ),
            choices_constraint("status", AttendanceStatus, "attendance_status_valid"),
            models.CheckConstraint(
                condition=Q(substitute_for__isnull=True) | Q(status="substitute"),
                name="attendance_substitute_for_only_substitutes",
                violation_error_message="Only a substitute stands in for someone: choose "
                "“Present as substitute” or clear “substitute for”.",
            ),
        ]

    def __str__(self):
        return f"{self.person}: {self.get_status_display()}"

    def get_absolute_url(self):
        return f"{self.meeting.get_absolute_url()}#attendance"

    @property
    def times_line(self):
        """When they were in the meeting, from the console's spans ("from 6.05pm to
        7.15pm and from 7.40pm"), or "" if no times were recorded."""
        spans = sorted(self.spans.all(), key=lambda span: span.arrived_at)
        return " and ".join(span.times_line for span in spans)


class DeclarationQuerySet(LockedQuerySet):
    def public(self):
        return self.filter(meeting__in=Meeting.objects.public().with_public_minutes())

    def barring_votes(self):
        """Declarations that keep the member out of the vote on their item: they left the
        room, or a pecuniary interest without a dispensation (Localism Act 2011 s.31)."""
        return self.filter(
            Q(left_room=True) | Q(kind=DeclarationKind.PECUNIARY, has_dispensation=False)
        )


class DeclarationKind(models.TextChoices):
    PECUNIARY = "pecuniary", "Disclosable pecuniary interest"
    OTHER_REGISTRABLE = "other_registrable", "Other registrable interest"
    NON_REGISTRABLE = "non_registrable", "Non-registrable interest"


class Declaration(LockedRecord):
    """An interest a member declared at a meeting, usually on one item (part of the
    minutes: locked with them)."""

    record_lock = Lock(meeting="meeting")

    Kind = DeclarationKind

    meeting = models.ForeignKey(
        Meeting, models.CASCADE, related_name="declarations", verbose_name="meeting"
    )
    item = models.ForeignKey(
        AgendaItem,
        models.CASCADE,
        related_name="declarations",
        null=True,
        blank=True,
        verbose_name="agenda item",
    )
    person = models.ForeignKey(
        Person, models.PROTECT, related_name="declarations", verbose_name="member"
    )
    kind = models.CharField("kind of interest", max_length=20, choices=Kind)
    description = models.TextField("interest declared")
    registered_interest = models.ForeignKey(
        "committees.RegisteredInterest",
        models.PROTECT,
        related_name="declarations",
        null=True,
        blank=True,
        verbose_name="registered interest",
        help_text="The entry in the member's register that this declaration concerns.",
    )
    left_room = models.BooleanField("left the room", default=False)
    has_dispensation = models.BooleanField("dispensation granted", default=False)

    objects = DeclarationQuerySet.as_manager()

    class Meta:
        ordering = ["meeting", "item__position", "person__name"]
        verbose_name = "declaration of interest"
        verbose_name_plural = "declarations of interest"
        constraints = [choices_constraint("kind", DeclarationKind, "declaration_kind_valid")]

    def __str__(self):
        return f"{self.person}: {self.get_kind_display()}"

    def save(self, *args, **kwargs):
        if self.item_id and not self.meeting_id:
            self.meeting_id = self.item.meeting_id
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return f"{self.meeting.get_absolute_url()}#declarations"

    @property
    def bars_voting(self):
        """Whether this declaration keeps the member out of the vote on its item: they
        left the room, or the interest is pecuniary and no dispensation was granted."""
        if self.left_room:
            return True
        return self.kind == DeclarationKind.PECUNIARY and not self.has_dispensation

    @property
    def public_description(self):
        """Never repeat words about an exempt item's content on a public page."""
        if self.item_id and self.item.is_exempt:
            return ""
        return self.description
