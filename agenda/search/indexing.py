"""Keep the search index in step with what is public.

Called by the publishing steps (`refresh_search_for_meeting`, in their transaction), by
the search room's own signal handlers on commit (agenda/search/signal_handlers.py) and by
`manage.py rebuild_search_index`. Everything read here goes through the
`.public()` QuerySets, so nothing private is ever written to the index.

An import collects its refreshes instead (`refreshes_collected`) and re-indexes each
meeting once, through the task queue (agenda/publishing/background.py)."""

import contextvars
import io
import logging
from contextlib import contextmanager

from django.contrib.postgres.search import SearchVector
from django.db import connection, transaction
from django.utils import timezone

from agenda.caching.invalidation import site_changed
from agenda.models import AgendaItem, Document, Meeting, SearchEntry, SearchKind
from agenda.search.facets import FacetVector
from committees.models import Committee
from committees.richtext import html_to_text

logger = logging.getLogger(__name__)

# PostgreSQL caps a tsvector at 1 MB; long appendices are cut well before that.
MAX_BODY_CHARS = 200_000
BATCH_MEETINGS = 200


def extract_pdf_text(data):
    """The text layer of a PDF's pages, or "" if it has none or cannot be read."""
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data))
        return "\n".join((page.extract_text() or "") for page in reader.pages).strip()
    except (PdfReadError, ValueError, KeyError, TypeError, OSError) as error:
        logger.warning("Could not read PDF text: %s", error)
        return ""


def extract_document_text(document, *, save=True):
    """Fill `document.text_content` from its file (PDFs only) if it is still empty."""
    if document.text_content or not document.file:
        return document.text_content
    if document.content_type != "application/pdf" and document.extension != "pdf":
        return ""
    try:
        with document.file.open("rb") as handle:
            data = handle.read()
    except OSError as error:
        logger.warning("Could not open document %s: %s", document.pk, error)
        return ""
    document.text_content = extract_pdf_text(data)
    if save and document.text_content:
        Document.objects.filter(pk=document.pk).update(text_content=document.text_content)
    return document.text_content


def _join(*parts):
    return "\n".join(part for part in parts if part)[:MAX_BODY_CHARS]


def _local_date(moment):
    return timezone.localtime(moment).date() if moment else None


def committee_entry(committee):
    return SearchEntry(
        kind=SearchKind.COMMITTEE,
        object_id=committee.pk,
        committee=committee,
        title=committee.name,
        body=_join(html_to_text(committee.purpose), html_to_text(committee.terms_of_reference)),
        url=committee.get_absolute_url(),
    )


def meeting_entry(meeting):
    return SearchEntry(
        kind=SearchKind.MEETING,
        object_id=meeting.pk,
        committee_id=meeting.committee_id,
        meeting=meeting,
        date=_local_date(meeting.start),
        title=str(meeting),
        body=_join(
            meeting.committee.name,
            meeting.venue.name if meeting.venue_id else "",
            meeting.status_notice,
        ),
        url=meeting.get_absolute_url(),
    )


def item_entry(item, *, open_content, minutes_public):
    """An exempt item is indexed by its title alone: its content never enters the index."""
    meeting = item.meeting
    entry = SearchEntry(
        kind=SearchKind.ITEM,
        object_id=item.pk,
        committee_id=meeting.committee_id,
        meeting=meeting,
        date=_local_date(meeting.start),
        title=item.plain_title,
        url=item.get_absolute_url(),
    )
    if not open_content:
        return entry
    parts = [html_to_text(item.agenda_text)]
    parts += [html_to_text(r.text) for r in item.recommendations.all()]
    if minutes_public:
        parts.append(html_to_text(item.minutes_text))
        parts += [html_to_text(r.text) for r in item.resolutions.all()]
        entry.has_minutes = True
    entry.body = _join(*parts)
    return entry


def document_entry(document):
    meeting = document.meeting
    return SearchEntry(
        kind=SearchKind.DOCUMENT,
        object_id=document.pk,
        committee_id=meeting.committee_id,
        meeting=meeting,
        date=_local_date(meeting.start),
        title=document.title,
        body=_join(document.text_content),
        url=document.get_absolute_url(),
        # Printed minutes are only public with the minutes; tie them to that state.
        has_minutes=document.kind in (Document.Kind.MINUTES, Document.Kind.DECISIONS),
    )


def _entries_for_meetings(meeting_ids):
    """Index rows for the public parts of these meetings, read through `.public()` only."""
    meetings = (
        Meeting.objects.public().filter(pk__in=meeting_ids).select_related("committee", "venue")
    )
    by_id = {meeting.pk: meeting for meeting in meetings}
    entries = [meeting_entry(meeting) for meeting in by_id.values()]
    open_ids = set(
        AgendaItem.objects.open_content().filter(meeting_id__in=by_id).values_list("pk", flat=True)
    )
    minutes_ids = set(
        Meeting.objects.public()
        .with_public_minutes()
        .filter(pk__in=by_id)
        .values_list("pk", flat=True)
    )
    items = (
        AgendaItem.objects.public()
        .filter(meeting_id__in=by_id)
        .prefetch_related("recommendations", "resolutions")
    )
    for item in items:
        item.meeting = by_id[item.meeting_id]
        entries.append(
            item_entry(
                item,
                open_content=item.pk in open_ids,
                minutes_public=item.meeting_id in minutes_ids,
            )
        )
    documents = Document.objects.public().filter(meeting_id__in=by_id)
    for document in documents:
        document.meeting = by_id[document.meeting_id]
        entries.append(document_entry(document))
    return entries


def _store_vectors(queryset):
    """Compute the stored tsvector in the database (PostgreSQL only): title weighs most,
    with the facet lexemes of agenda.search.facets."""
    if connection.vendor != "postgresql":
        return
    queryset.update(
        vector=SearchVector("title", weight="A", config="english")
        + SearchVector("body", weight="B", config="english")
        + FacetVector()
    )


# Meeting ids whose refresh is put off while `refreshes_collected` is open (else None).
_collected = contextvars.ContextVar("minutebook_search_collected", default=None)


@contextmanager
def refreshes_collected():
    """Inside this block a refresh of a meeting (a step's, or the signal handlers') only
    notes the meeting; the caller re-indexes the noted meetings once, afterwards. Yields
    the set of noted meeting ids. Nested blocks share the outermost set."""
    outer = _collected.get()
    if outer is not None:
        yield outer
        return
    noted = set()
    token = _collected.set(noted)
    try:
        yield noted
    finally:
        _collected.reset(token)


def note_refresh(meeting_ids):
    """True (and the meetings noted) if refreshes are being collected."""
    noted = _collected.get()
    if noted is None:
        return False
    noted.update(meeting_id for meeting_id in meeting_ids if meeting_id is not None)
    return True


def refresh_search_for_meeting(meeting):
    """Re-index one meeting, its items and documents after anything about it is published
    (or withdrawn). Text is extracted from newly public PDFs first."""
    refresh_search_for_meetings([meeting.pk])


def refresh_search_for_meetings(meeting_ids):
    """Re-index these meetings (by id; deleted ones just lose their entries), unless the
    refreshes are being collected (an import)."""
    if not note_refresh(meeting_ids):
        _refresh(meeting_ids)


@transaction.atomic
def _refresh(meeting_ids):
    for document in Document.objects.public().filter(meeting_id__in=meeting_ids, text_content=""):
        extract_document_text(document)
    SearchEntry.objects.filter(meeting_id__in=meeting_ids).delete()
    entries = SearchEntry.objects.bulk_create(_entries_for_meetings(meeting_ids))
    _store_vectors(SearchEntry.objects.filter(pk__in=[entry.pk for entry in entries]))
    site_changed()  # cached search pages and feeds


@transaction.atomic
def refresh_search_for_committee(committee):
    SearchEntry.objects.filter(kind=SearchKind.COMMITTEE, object_id=committee.pk).delete()
    if Committee.objects.public().filter(pk=committee.pk).exists():
        entry = SearchEntry.objects.create(**_fields(committee_entry(committee)))
        _store_vectors(SearchEntry.objects.filter(pk=entry.pk))
    site_changed()


def _fields(entry):
    return {
        field.attname: getattr(entry, field.attname)
        for field in SearchEntry._meta.concrete_fields
        if not field.primary_key
    }


def rebuild_search_index(*, stdout=None, extract=False):
    """Drop and rebuild the whole index in batches; returns the number of entries."""
    with transaction.atomic():
        SearchEntry.objects.all().delete()
        entries = [committee_entry(c) for c in Committee.objects.public()]
        SearchEntry.objects.bulk_create(entries)
        total = len(entries)
        if extract:
            for document in Document.objects.public().filter(text_content="").iterator():
                extract_document_text(document)
        meeting_ids = list(Meeting.objects.public().order_by("pk").values_list("pk", flat=True))
        for start in range(0, len(meeting_ids), BATCH_MEETINGS):
            batch = _entries_for_meetings(meeting_ids[start : start + BATCH_MEETINGS])
            SearchEntry.objects.bulk_create(batch, batch_size=2000)
            total += len(batch)
            if stdout:
                stdout.write(f"  {total} entries…")
        _store_vectors(SearchEntry.objects.all())
        site_changed()
    return total
