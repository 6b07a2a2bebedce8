"""The search index: one row per public thing a resident can find, with a stored vector."""

from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.db.models import Exists, OuterRef, Q

from agenda.models.documents import Document
from agenda.models.expressions import AnyOf
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


def public_candidates(rows):
    """The pks among `rows` — (pk, kind, has_minutes, meeting_id, committee_id, ...) read
    from the index — that `SearchEntryQuerySet.public()` would keep: at most two queries by
    key, not a check of every public meeting inside a search over the whole index."""
    meeting_ids = {row[3] for row in rows if row[3]}
    meetings = {
        pk: (agenda in Meeting.PUBLIC_AGENDA_STATES, minutes in Meeting.PUBLIC_MINUTES_STATES)
        for pk, agenda, minutes in (
            Meeting.objects.public()
            .filter(AnyOf("pk", meeting_ids))
            .order_by()
            .values_list("pk", "agenda_status", "minutes_status")
            if meeting_ids
            else ()
        )
    }
    committee_ids = {row[4] for row in rows if row[1] == SearchKind.COMMITTEE}
    committees = set(
        Committee.objects.public()
        .filter(pk__in=committee_ids)
        .order_by()
        .values_list("pk", flat=True)
        if committee_ids
        else ()
    )

    def allowed(kind, has_minutes, meeting_id, committee_id):
        if kind == SearchKind.COMMITTEE:
            return not has_minutes and committee_id in committees
        if meeting_id not in meetings:
            return False
        agenda_public, minutes_public = meetings[meeting_id]
        if kind == SearchKind.MEETING:
            return minutes_public or not has_minutes
        if kind in (SearchKind.ITEM, SearchKind.DOCUMENT):
            return agenda_public and (minutes_public or not has_minutes)
        return False

    return {row[0] for row in rows if allowed(*row[1:5])}


def verified(entries):
    """Drop any entry whose item or document is no longer public (e.g. made exempt after
    publication): at most three small queries for one page of results, whatever its size."""
    entries = list(entries)
    item_ids = [e.object_id for e in entries if e.kind == SearchKind.ITEM]
    # An exempt item is indexed by its title alone: it needs only the item to be public.
    titled_ids = [e.object_id for e in entries if e.kind == SearchKind.ITEM and not e.body]
    document_ids = [e.object_id for e in entries if e.kind == SearchKind.DOCUMENT]

    def ids(queryset, among):
        if not among:
            return set()
        return set(queryset.filter(pk__in=among).order_by().values_list("pk", flat=True))

    open_items = ids(AgendaItem.objects.open_content(), item_ids)
    titled_items = ids(AgendaItem.objects.public(), titled_ids)
    documents = ids(Document.objects.public(), document_ids)

    def still_public(entry):
        if entry.kind == SearchKind.ITEM:
            return entry.object_id in open_items or (
                entry.object_id in titled_items and not entry.body
            )
        if entry.kind == SearchKind.DOCUMENT:
            return entry.object_id in documents
        return True

    return [entry for entry in entries if still_public(entry)]


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
