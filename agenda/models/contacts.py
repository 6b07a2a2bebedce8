"""Further contacts of a meeting or an item, after its main contact officer.

Many agendas name two people to ask ("Contact: Ann Lee or Bob Kay"); the first stays the
meeting's or item's `contact_officer`, the others are kept here in the order printed."""

from django.db import models
from django.db.models import Q

from agenda.models.items import AgendaItem
from agenda.models.meetings import Meeting
from committees.models import Person


class AdditionalContact(models.Model):
    """A second (third...) person to contact about a meeting or an agenda item."""

    meeting = models.ForeignKey(
        Meeting,
        models.CASCADE,
        related_name="additional_contacts",
        null=True,
        blank=True,
        verbose_name="meeting",
    )
    item = models.ForeignKey(
        AgendaItem,
        models.CASCADE,
        related_name="additional_contacts",
        null=True,
        blank=True,
        verbose_name="agenda item",
    )
    person = models.ForeignKey(
        Person, models.PROTECT, related_name="contact_roles", verbose_name="person"
    )
    position = models.PositiveSmallIntegerField("order", default=2)

    class Meta:
        ordering = ["meeting", "item", "position", "pk"]
        verbose_name = "further contact"
        verbose_name_plural = "further contacts"
        constraints = [
            models.CheckConstraint(
                condition=Q(meeting__isnull=False, item__isnull=True)
                | Q(meeting__isnull=True, item__isnull=False),
                name="additionalcontact_meeting_or_item",
                violation_error_message="A further contact belongs to a meeting or an item.",
            ),
            models.UniqueConstraint(
                fields=["meeting", "person"], name="additionalcontact_unique_per_meeting"
            ),
            models.UniqueConstraint(
                fields=["item", "person"], name="additionalcontact_unique_per_item"
            ),
        ]

    def __str__(self):
        return str(self.person)

    def get_absolute_url(self):
        return (self.item or self.meeting).get_absolute_url()
