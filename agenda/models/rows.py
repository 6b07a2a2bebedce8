"""The numbered rows of an item: its recommendations and the resolutions the meeting made."""

from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from agenda.models.items import AgendaItem
from agenda.models.locks import Lock, LockedQuerySet, LockedRecord
from committees.models import choices_constraint
from committees.richtext import RichTextField, html_to_text


class RowQuerySet(LockedQuerySet):
    """Rows under an item: locked with the item's meeting."""


ROW_LOCK = Lock(meeting="item__meeting")


class NumberedRow(LockedRecord):
    """Shared shape of recommendations and resolutions: numbered rows of rich text."""

    record_lock = ROW_LOCK

    position = models.PositiveIntegerField("number")
    label = models.CharField(
        "printed label", max_length=12, blank=True, help_text="e.g. (1) or (a); blank for (n)."
    )
    text = RichTextField("text")

    objects = RowQuerySet.as_manager()

    class Meta:
        abstract = True
        ordering = ["item", "position"]

    def __str__(self):
        return f"{self.display_label} {html_to_text(self.text)[:80]}"

    def get_absolute_url(self):
        return f"{self.item.meeting.get_absolute_url()}#{self.anchor}"

    @property
    def display_label(self):
        return self.label or f"({self.position})"


class Recommendation(NumberedRow):
    """A numbered recommendation put to the committee in the agenda."""

    item = models.ForeignKey(
        AgendaItem, models.CASCADE, related_name="recommendations", verbose_name="agenda item"
    )
    history = HistoricalRecords()

    class Meta(NumberedRow.Meta):
        verbose_name = "recommendation"
        verbose_name_plural = "recommendations"
        constraints = [
            models.UniqueConstraint(
                fields=["item", "position"], name="recommendation_number_unique_per_item"
            ),
            models.CheckConstraint(condition=Q(position__gte=1), name="recommendation_number_min"),
        ]

    @property
    def anchor(self):
        return f"{self.item.anchor}-recommendation-{self.position}"


class ResolutionOutcome(models.TextChoices):
    CARRIED = "carried", "Carried"
    CARRIED_AS_AMENDED = "carried_as_amended", "Carried as amended"
    LOST = "lost", "Lost"
    NOTED = "noted", "Noted"
    DEFERRED = "deferred", "Deferred"
    WITHDRAWN = "withdrawn", "Withdrawn"
    REFERRED_BACK = "referred_back", "Referred back"


class Resolution(NumberedRow):
    """A numbered decision of the committee on an item, with its outcome."""

    Outcome = ResolutionOutcome

    item = models.ForeignKey(
        AgendaItem, models.CASCADE, related_name="resolutions", verbose_name="agenda item"
    )
    outcome = models.CharField("outcome", max_length=20, choices=Outcome, default=Outcome.CARRIED)
    votes_for = models.PositiveSmallIntegerField("for", null=True, blank=True)
    votes_against = models.PositiveSmallIntegerField("against", null=True, blank=True)
    abstentions = models.PositiveSmallIntegerField("abstentions", null=True, blank=True)
    motion = models.ForeignKey(
        "agenda.Motion",
        models.SET_NULL,
        related_name="resolutions",
        null=True,
        blank=True,
        editable=False,
        verbose_name="motion",
        help_text="The motion this resolution was written from by the meeting console.",
    )
    note = models.TextField(
        "note",
        blank=True,
        help_text="Anything else the minutes say about it. Named votes are recorded as "
        "votes (the meeting console), not typed here.",
    )
    history = HistoricalRecords()

    class Meta(NumberedRow.Meta):
        verbose_name = "resolution"
        verbose_name_plural = "resolutions"
        constraints = [
            models.UniqueConstraint(
                fields=["item", "position"], name="resolution_number_unique_per_item"
            ),
            models.CheckConstraint(condition=Q(position__gte=1), name="resolution_number_min"),
            choices_constraint("outcome", ResolutionOutcome, "resolution_outcome_valid"),
        ]

    @property
    def anchor(self):
        return f"{self.item.anchor}-resolution-{self.position}"
