"""Querying the search index: ranked full text on PostgreSQL, a simple match elsewhere.

Both paths take the same websearch-style input: words (all must match), "quoted phrases"
and -exclusions."""

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from django.db import connection
from django.db.models import F, FloatField, Q, Value
from django.utils.html import escape

from agenda.models import SearchEntry
from agenda.models.expressions import id_array
from agenda.search.candidates import Candidate, any_matches, newest_matches
from agenda.search.parsing import parse_query
from agenda.search.public import public_candidates, verified

SNIPPET_CHARS = 220
# A common word can match a large share of twenty years of records. Ranking and counting
# every match would read every matching row, so both are bounded: the most recent
# RANKED_CANDIDATES matches are ranked by relevance, and counts stop at COUNT_CAP. 500 is
# 25 pages of results, more than anyone reads; 1,000 cost a quarter more time at the
# 95th percentile (docs/search.md).
RANKED_CANDIDATES = 500
COUNT_CAP = 500
HEADLINE_LEAD = 150  # characters of context before the first hit
HEADLINE_WINDOW = 600
HEADLINE_OPTIONS = (
    "StartSel=<mark>, StopSel=</mark>, MaxWords=35, MinWords=15, MaxFragments=2, "
    'FragmentDelimiter=" … "'
)


def uses_full_text():
    return connection.vendor == "postgresql"


def search_entries(text, *, committee=None, kind=None, date_from=None, date_to=None):
    """The simple path (SQLite): index entries whose title or text holds every term and
    none of the exclusions, case-insensitively, unordered and not yet checked against
    `.public()`. PostgreSQL searches through agenda.search.candidates instead."""
    entries = SearchEntry.objects.all()
    if committee:
        entries = entries.filter(committee=committee)
    if kind:
        entries = entries.filter(kind=kind)
    if date_from:
        entries = entries.filter(date__gte=date_from)
    if date_to:
        entries = entries.filter(date__lte=date_to)
    parsed = parse_query(text)
    if parsed.is_empty:
        return entries.none()
    for term in parsed.terms:
        entries = entries.filter(Q(title__icontains=term) | Q(body__icontains=term))
    for term in parsed.excluded:
        entries = entries.exclude(Q(title__icontains=term) | Q(body__icontains=term))
    return entries


def _newest_rows(text, limit, **filters):
    """`Candidate`s (pk, kind, has_minutes, meeting_id, committee_id, date, rank) of the
    newest `limit` index entries matching, newest first: on PostgreSQL through the year
    windows of agenda.search.candidates, so a common word costs about `limit` rows, not
    every match in twenty years."""
    if uses_full_text():
        return newest_matches(text, limit, **filters)
    matched = search_entries(text, **filters).annotate(rank=Value(0.0))
    newest_first = matched.order_by(F("date").desc(nulls_first=True), "-pk")
    return [Candidate(*row) for row in newest_first.values_list(*FIELDS)[:limit]]


FIELDS = ("pk", "kind", "has_minutes", "meeting_id", "committee_id", "date", "rank")


def _any_rows(text, limit, **filters):
    """Up to `limit` `Candidate`s of any type matching, in no order, rank unset."""
    if uses_full_text():
        return any_matches(text, limit, **filters)
    matched = (
        search_entries(text, **filters)
        .annotate(rank=Value(None, output_field=FloatField()))
        .order_by()
    )
    return [Candidate(*row) for row in matched.values_list(*FIELDS)[:limit]]


def newest(text, limit, **filters):
    """Rows (pk, kind, date, rank) of the newest public entries matching, at most `limit`,
    newest first, and whether more matched. Candidates are found in the index alone, then
    checked with `public_candidates`, the rule of `SearchEntry.objects.public()`."""
    rows = _newest_rows(text, limit + 1, **filters)
    return _rows(rows, public_candidates(rows))[:limit], len(rows) > limit


def _rows(candidates, public):
    return [(row.pk, row.kind, row.date, row.rank) for row in candidates if row.pk in public]


@dataclass
class SearchResults:
    """One search: `entries` best first (at most RANKED_CANDIDATES), hits by kind and the
    number of `entries`' matches, both counted up to COUNT_CAP; `capped` past that."""

    entries: object
    by_kind: dict
    count: int
    capped: bool

    @property
    def total(self):
        return COUNT_CAP + 1 if self.capped else sum(self.by_kind.values())


def search(text, *, kind=None, **filters):
    """Run a search as the page shows it: counts over the newest COUNT_CAP matches, then
    the newest RANKED_CANDIDATES matches ranked by relevance (PostgreSQL) or by date.

    With a type filter the counts by type need every type too: up to COUNT_CAP matches of
    any type are read for them, in no order, unless that type alone passes the cap. One
    public check covers both."""
    rows = _newest_rows(text, COUNT_CAP + 1, kind=kind, **filters)
    counted = rows
    if kind and len(rows) <= COUNT_CAP:
        counted = _any_rows(text, COUNT_CAP + 1, **filters)
    public = public_candidates(rows if counted is rows else rows + counted)
    recent = _rows(rows, public)[:COUNT_CAP]
    capped = len(counted) > COUNT_CAP
    by_kind = {} if capped else dict(Counter(row[1] for row in _rows(counted, public)))
    best = sorted(recent[:RANKED_CANDIDATES], key=_best_first)
    return SearchResults(
        entries=RankedEntries([row[0] for row in best], text),
        by_kind=by_kind,
        count=len(recent),
        capped=capped,
    )


def _best_first(row):
    """Highest rank, then newest (undated first, as in the index order), then by id."""
    pk, _kind, date, rank = row
    return (-rank, -(date.toordinal() if date else 10**9), pk)


class RankedEntries(Sequence):
    """Search entries in a fixed order of ids; a slice (one page) loads just those rows."""

    def __init__(self, ids, text):
        self.ids, self.text = ids, text

    def __len__(self):
        return len(self.ids)

    def __getitem__(self, index):
        if not isinstance(index, slice):
            return self[index : index + 1 or None][0]
        return page_entries(self.ids[index], self.text)


# Fixed fragments only; every value is a parameter.
PAGE_SQL = (
    "SELECT id, kind, object_id, committee_id, meeting_id, date, title, url, has_minutes, "
    "indexed_at, body = '' AS title_only, ts_headline('english', "
    "substr(body, greatest(strpos(lower(body), %s) - %s, 1), %s), "
    "websearch_to_tsquery('english', %s), %s) AS headline "
    "FROM {table} WHERE id = ANY(%s::bigint[])"
)


def page_entries(ids, text):
    """The entries with these ids, in this order, without their (long) text and vectors.
    On PostgreSQL each has `headline` (ts_headline's text, not yet escaped) and
    `title_only`; elsewhere the text is loaded for `plain_snippet`.

    ts_headline parses all the text it is given, at about 0.1 ms per 500 characters here,
    so it gets a short window from just before the first place the longest typed term
    occurs (or the start, if only a stemmed form of it does). Written as SQL: compiling
    the same through the ORM took as long as running it."""
    if not ids:
        return []
    if uses_full_text():
        terms = parse_query(text).terms
        anchor = max(terms, key=len).lower() if terms else ""
        table = connection.ops.quote_name(SearchEntry._meta.db_table)
        params = [anchor, HEADLINE_LEAD, HEADLINE_WINDOW, text, HEADLINE_OPTIONS, id_array(ids)]
        rows = SearchEntry.objects.raw(PAGE_SQL.format(table=table), params)
    else:
        rows = SearchEntry.objects.filter(pk__in=ids).defer("vector")
    by_pk = {entry.pk: entry for entry in rows}
    return [by_pk[pk] for pk in ids if pk in by_pk]


def add_snippets(entries, text):
    """Re-check a page of entries (from `page_entries`) against `.public()` and attach
    `snippet` (safe HTML with <mark>ed hits) to those that remain."""
    entries = verified(entries)
    terms = None if uses_full_text() else parse_query(text).terms
    for entry in entries:
        if terms is None:
            entry.snippet = _safe_headline(entry.headline or "")
        else:
            entry.snippet = plain_snippet(entry.body, terms)
    return entries


def _safe_headline(headline):
    """ts_headline does not escape the text: escape it all, then restore our markers."""
    escaped = escape(headline)
    return escaped.replace("&lt;mark&gt;", "<mark>").replace("&lt;/mark&gt;", "</mark>")


def plain_snippet(body, terms):
    """A window of text around the first hit, with every term <mark>ed (escaped HTML)."""
    if not body:
        return ""
    lower = body.lower()
    positions = [lower.find(term.lower()) for term in terms if lower.find(term.lower()) >= 0]
    start = max(0, min(positions) - SNIPPET_CHARS // 3) if positions else 0
    window = body[start : start + SNIPPET_CHARS]
    html = escape(window)
    for term in sorted(terms, key=len, reverse=True):
        pattern = re.compile(re.escape(escape(term)), re.IGNORECASE)
        html = pattern.sub(lambda m: f"<mark>{m.group(0)}</mark>", html)
    prefix = "… " if start else ""
    suffix = " …" if start + SNIPPET_CHARS < len(body) else ""
    return f"{prefix}{html}{suffix}"
