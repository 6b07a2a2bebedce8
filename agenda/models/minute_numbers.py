"""Council-wide running minute numbers ("Minute 1772"), counted per municipal year.

Many councils number every minute of every committee in one sequence that starts again
each May. A number is given when the minutes are first published and then never changes,
so a citation stays true; the setting RUNNING_MINUTE_NUMBERS turns the scheme on.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q

from agenda.models.items import AgendaItem


def running_minute_numbers_enabled():
    return bool(getattr(settings, "RUNNING_MINUTE_NUMBERS", False))


class MinuteNumber(models.Model):
    """The running number of one item's minute in its municipal year."""

    item = models.OneToOneField(
        AgendaItem, models.PROTECT, related_name="minute_number", verbose_name="agenda item"
    )
    municipal_year = models.PositiveSmallIntegerField(
        "municipal year", help_text="Named by the calendar year it starts in (May)."
    )
    number = models.PositiveIntegerField("minute number")

    class Meta:
        ordering = ["municipal_year", "number"]
        verbose_name = "running minute number"
        verbose_name_plural = "running minute numbers"
        constraints = [
            models.UniqueConstraint(
                fields=["municipal_year", "number"], name="minutenumber_unique_per_year"
            ),
            models.CheckConstraint(condition=Q(number__gte=1), name="minutenumber_min"),
        ]

    def __str__(self):
        return f"Minute {self.number}"

    def get_absolute_url(self):
        return self.item.get_absolute_url()
