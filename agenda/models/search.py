"""The search index: one row per public thing a resident can find, with a stored vector."""

from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from agenda.models.documents import Document
from agenda.models.expressions import AnyOf
from agenda.models.items import AgendaItem
from agenda.models.meetings import Meeting
from agenda.models.reused import ReusedQuery
from agenda.search.facets import OUTLYING_DATES
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


# The `.public()` rules as the search checks them on every request (see ReusedQuery).
PUBLIC_MEETINGS = ReusedQuery(
    lambda now, ids: (
        Meeting.objects.public()
        .filter(AnyOf("pk", ids))
        .order_by()
        .values_list("pk", "agenda_status", "minutes_status")
    )
)
PUBLIC_ITEMS = ReusedQuery(
    lambda now, ids: (
        AgendaItem.objects.public(now)
        .filter(AnyOf("pk", ids))
        .order_by()
        .values_list("pk", "is_exempt")
    )
)
PUBLIC_DOCUMENTS = ReusedQuery(
    lambda now, ids: (
        Document.objects.public(now).filter(AnyOf("pk", ids)).order_by().values_list("pk")
    )
)


def public_candidates(rows):
    """The pks among `rows` — (pk, kind, has_minutes, meeting_id, committee_id, ...) read
    from the index — that `SearchEntryQuerySet.public()` would keep: at most two queries by
    key, not a check of every public meeting inside a search over the whole index."""
    meeting_ids = {row[3] for row in rows if row[3]}
    meetings = {pk: (agenda, minutes) for pk, agenda, minutes in PUBLIC_MEETINGS.rows(meeting_ids)}
    committee_ids = {row[4] for row in rows if row[1] == SearchKind.COMMITTEE}
    committees = set(
        Committee.objects.public()
        .filter(pk__in=committee_ids)
        .order_by()
        .values_list("pk", flat=True)
        if committee_ids
        else ()
    )
    return public_among(rows, meetings, committees)


def public_among(rows, meetings, committees):
    """The pks among `rows` that `SearchEntryQuerySet.public()` would keep, given the
    public meetings among theirs (id: (agenda status, minutes status)) and the public
    committees (ids): the same rule, applied to rows already read."""
    # The (kind, includes minutes) pairs a meeting's entries may have, by whether its
    # agenda and its minutes are public. Plain strings: an enum member hashes by its
    # name, so it would not find its value in a set.
    meeting, item, document = (
        k.value for k in (SearchKind.MEETING, SearchKind.ITEM, SearchKind.DOCUMENT)
    )
    pairs = {
        (False, False): frozenset({(meeting, False)}),
        (False, True): frozenset({(meeting, False), (meeting, True)}),
        (True, False): frozenset({(meeting, False), (item, False), (document, False)}),
        (True, True): frozenset(
            (kind, minutes) for kind in (meeting, item, document) for minutes in (False, True)
        ),
    }
    agenda_states, minutes_states = Meeting.PUBLIC_AGENDA_STATES, Meeting.PUBLIC_MINUTES_STATES
    allowed = {
        pk: pairs[agenda in agenda_states, minutes in minutes_states]
        for pk, (agenda, minutes) in meetings.items()
    }
    public = set()
    committee = SearchKind.COMMITTEE.value
    for row in rows:
        pk, kind, has_minutes, meeting_id, committee_id = row[:5]
        if kind == committee:
            if not has_minutes and committee_id in committees:
                public.add(pk)
        elif (kind, has_minutes) in allowed.get(meeting_id, ()):
            public.add(pk)
    return public


def verified(entries):
    """Drop any entry whose item or document is no longer public (e.g. made exempt after
    publication): at most two small queries for one page of results, whatever its size."""
    entries = list(entries)
    item_ids = [e.object_id for e in entries if e.kind == SearchKind.ITEM]
    document_ids = [e.object_id for e in entries if e.kind == SearchKind.DOCUMENT]
    # Public items, and whether each is exempt: `open_content()` is `public()` less the
    # exempt ones, whose entries may hold nothing but the title.
    now = timezone.now()
    items = dict(PUBLIC_ITEMS.rows(item_ids, now))
    documents = {pk for (pk,) in PUBLIC_DOCUMENTS.rows(document_ids, now)}

    def still_public(entry):
        if entry.kind == SearchKind.ITEM:
            exempt = items.get(entry.object_id)
            return exempt is False or (exempt is True and entry.is_title_only)
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
