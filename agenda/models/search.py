"""The search index: one row per public thing a resident can find, with a stored vector."""

import datetime
from typing import NamedTuple

from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.db.models import Exists, OuterRef, Q

from agenda.models.meetings import Meeting
from committees.models import Committee, choices_constraint

# Years outside these are typing errors, kept findable by the search's last window, which
# the partial index on SearchEntry.date (OUTLYING_DATES) answers without reading any other
# row (agenda.search.facets builds the windows).
EARLIEST_YEAR, LATEST_YEAR = 1900, 2100


class Outside(NamedTuple):
    """A window of dates before `start` or from `end` on."""

    start: datetime.date
    end: datetime.date


class Between(NamedTuple):
    """A window of dates from `start` up to (not including) `end`."""

    start: datetime.date
    end: datetime.date


OUTLYING = Outside(datetime.date(EARLIEST_YEAR, 1, 1), datetime.date(LATEST_YEAR + 1, 1, 1))
OUTLYING_DATES = Q(date__lt=OUTLYING.start) | Q(date__gte=OUTLYING.end)


class SearchKind(models.TextChoices):
    COMMITTEE = "committee", "Committees"
    MEETING = "meeting", "Meetings"
    ITEM = "item", "Agenda items and decisions"
    DOCUMENT = "document", "Reports and documents"


class SearchEntryQuerySet(models.QuerySet):
    def public(self):
        """Re-check publication at query time at the level of committees and meetings, so
        unpublishing a meeting or its minutes hides its entries at once. Item- and
        document-level state is re-checked exactly, through `.public()`, on each page of
        results by `verified()`. `public_candidates()` applies the same rule to rows
        already read from the index."""
        meetings = Meeting.objects.public()

        def meeting_in(queryset):
            return Exists(queryset.filter(pk=OuterRef("meeting_id")))

        # One EXISTS per row: each branch names the exact set of meetings its entries need.
        agenda = meetings.with_public_agenda()
        content = [SearchKind.ITEM, SearchKind.DOCUMENT]
        return self.filter(
            Q(kind=SearchKind.COMMITTEE, has_minutes=False)
            & Exists(Committee.objects.public().filter(pk=OuterRef("committee_id")))
            | Q(kind=SearchKind.MEETING, has_minutes=False) & meeting_in(meetings)
            | Q(kind=SearchKind.MEETING, has_minutes=True)
            & meeting_in(meetings.with_public_minutes())
            | Q(kind__in=content, has_minutes=False) & meeting_in(agenda)
            | Q(kind__in=content, has_minutes=True) & meeting_in(agenda.with_public_minutes())
        )


class SearchEntry(models.Model):
    """One searchable public record (committee, meeting, item or document) as plain text.

    Written only by `agenda.search.indexing` from the publishing code path; never edited."""

    Kind = SearchKind

    kind = models.CharField("kind", max_length=12, choices=Kind)
    object_id = models.PositiveBigIntegerField("record id")
    committee = models.ForeignKey(
        Committee,
        models.CASCADE,
        related_name="search_entries",
        null=True,
        blank=True,
        verbose_name="committee",
    )
    meeting = models.ForeignKey(
        Meeting,
        models.CASCADE,
        related_name="search_entries",
        null=True,
        blank=True,
        verbose_name="meeting",
    )
    date = models.DateField("date", null=True, blank=True)
    title = models.CharField("title", max_length=400)
    body = models.TextField("text", blank=True)
    url = models.CharField("address", max_length=300)
    has_minutes = models.BooleanField(
        "includes minutes", default=False, help_text="Text drawn from the published minutes."
    )
    vector = SearchVectorField("search vector", null=True, editable=False)
    indexed_at = models.DateTimeField("indexed", auto_now=True)

    objects = SearchEntryQuerySet.as_manager()

    class Meta:
        ordering = ["-date", "kind", "object_id"]
        verbose_name = "search entry"
        verbose_name_plural = "search entries"
        indexes = [
            GinIndex(fields=["vector"], name="searchentry_vector_gin"),
            models.Index(fields=["committee", "date"], name="searchentry_committee_date"),
            models.Index(fields=["meeting"], name="searchentry_meeting"),
            # Almost always empty: lets a search rule out dates outside 1900-2100 at once.
            models.Index(
                fields=["date"], condition=OUTLYING_DATES, name="searchentry_outlying_date"
            ),
        ]
        constraints = [
            choices_constraint("kind", SearchKind, "searchentry_kind_valid"),
            models.UniqueConstraint(fields=["kind", "object_id"], name="searchentry_unique"),
        ]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.title}"

    def get_absolute_url(self):
        return self.url

    @property
    def is_title_only(self):
        """An exempt item's entry: its title and nothing else. Search pages annotate
        `title_only` rather than load the (long) text."""
        annotated = getattr(self, "title_only", None)
        return not self.body if annotated is None else annotated
