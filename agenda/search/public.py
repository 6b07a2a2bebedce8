"""Publication checks on rows read from the search index: the rule of
`SearchEntry.objects.public()`, applied by key to candidates and to a page of results."""

from django.utils import timezone

from agenda.models import AgendaItem, Document, Meeting
from agenda.models.expressions import AnyOf
from agenda.models.reused import ReusedQuery
from agenda.models.search import SearchKind
from committees.models import Committee

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
