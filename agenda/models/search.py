"""The search index: one row per public thing a resident can find, with a stored vector."""

from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.db.models import Q

from agenda.models.documents import Document
from agenda.models.items import AgendaItem
from agenda.models.meetings import Meeting
from committees.models import Committee, choices_constraint


class SearchKind(models.TextChoices):
    COMMITTEE = "committee", "Committees"
    MEETING = "meeting", "Meetings"
    ITEM = "item", "Agenda items and decisions"
    DOCUMENT = "document", "Reports and documents"


class SearchEntryQuerySet(models.QuerySet):
    def public(self):
        """Re-check publication at query time, so an entry left behind by a later
        unpublish (or an item made exempt) can never be returned."""
        open_items = AgendaItem.objects.open_content().values("pk")
        public_items = AgendaItem.objects.public().values("pk")
        return self.filter(
            Q(kind=SearchKind.COMMITTEE, committee__in=Committee.objects.public())
            | Q(kind=SearchKind.MEETING, meeting__in=Meeting.objects.public())
            | Q(kind=SearchKind.ITEM, object_id__in=open_items)
            | Q(kind=SearchKind.ITEM, object_id__in=public_items, body="")
            | Q(kind=SearchKind.DOCUMENT, object_id__in=Document.objects.public().values("pk"))
        ).filter(
            Q(has_minutes=False) | Q(meeting__in=Meeting.objects.public().with_public_minutes())
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
        ]
        constraints = [
            choices_constraint("kind", SearchKind, "searchentry_kind_valid"),
            models.UniqueConstraint(fields=["kind", "object_id"], name="searchentry_unique"),
        ]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.title}"

    def get_absolute_url(self):
        return self.url
