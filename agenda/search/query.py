"""Querying the search index: ranked full text on PostgreSQL, a simple match elsewhere.

Both paths take the same websearch-style input: words (all must match), "quoted phrases"
and -exclusions."""

import re
from collections import Counter
from dataclasses import dataclass, field

from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank
from django.db import connection
from django.db.models import F, Q
from django.utils.html import escape

from agenda.models import SearchEntry
from agenda.models.search import verified

SNIPPET_CHARS = 220
# A common word can match a large share of twenty years of records. Ranking and counting
# every match would read every matching row, so both are bounded: the most recent
# RANKED_CANDIDATES matches are ranked by relevance, and counts stop at COUNT_CAP.
RANKED_CANDIDATES = 1000
COUNT_CAP = 1000
HEADLINE_OPTIONS = {
    "start_sel": "<mark>",
    "stop_sel": "</mark>",
    "max_words": 35,
    "min_words": 15,
    "max_fragments": 2,
    "fragment_delimiter": " … ",
}
_TOKEN = re.compile(r'(-?)"([^"]+)"|(-?)(\S+)')


@dataclass
class ParsedQuery:
    """The parts of a websearch-style query, for the simple (non-PostgreSQL) path."""

    terms: list = field(default_factory=list)
    excluded: list = field(default_factory=list)

    @property
    def is_empty(self):
        return not self.terms


def parse_query(text):
    parsed = ParsedQuery()
    for minus_phrase, phrase, minus_word, word in _TOKEN.findall(text or ""):
        term = (phrase or word).strip().strip('"')
        if not term or term.lower() == "or":
            continue
        (parsed.excluded if (minus_phrase or minus_word) else parsed.terms).append(term)
    return parsed


def uses_full_text():
    return connection.vendor == "postgresql"


def search_entries(text, *, committee=None, kind=None, date_from=None, date_to=None):
    """Public index entries matching `text` (and the filters), unordered, and the same
    without the type filter (`matched`, for the counts by type)."""
    entries = SearchEntry.objects.public()
    if committee:
        entries = entries.filter(committee=committee)
    if date_from:
        entries = entries.filter(date__gte=date_from)
    if date_to:
        entries = entries.filter(date__lte=date_to)
    if uses_full_text():
        matched = entries.filter(vector=_ts_query(text))
    else:
        parsed = parse_query(text)
        if parsed.is_empty:
            return entries.none(), entries.none()
        matched = entries
        for term in parsed.terms:
            matched = matched.filter(Q(title__icontains=term) | Q(body__icontains=term))
        for term in parsed.excluded:
            matched = matched.exclude(Q(title__icontains=term) | Q(body__icontains=term))
    return (matched.filter(kind=kind) if kind else matched), matched


def _ts_query(text):
    return SearchQuery(text, search_type="websearch", config="english")


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


def _recent(queryset, limit):
    """(pk, kind) of the newest `limit` entries: walks the (date, id) index backwards and
    stops there, so a very common word costs no more than a rare one."""
    return list(queryset.order_by("-date", "-pk").values_list("pk", "kind")[:limit])


def search(text, *, kind=None, **filters):
    """Run a search as the page shows it: counts from one bounded query, then the most
    recent RANKED_CANDIDATES matches ranked by relevance (PostgreSQL) or by date."""
    entries, matched = search_entries(text, kind=kind, **filters)
    recent = _recent(matched, COUNT_CAP + 1)
    capped = len(recent) > COUNT_CAP
    by_kind = {} if capped else dict(Counter(k for _pk, k in recent))
    if kind and capped:  # the newest of all kinds may hold few of this one: ask for them
        recent = _recent(entries, COUNT_CAP + 1)
    elif kind:
        recent = [(pk, k) for pk, k in recent if k == kind]
    count = len(recent)
    ids = [pk for pk, _kind in recent[:RANKED_CANDIDATES]]
    # The candidates are fetched first (a plain list of ids) so the planner never ranks
    # the whole index before joining to them.
    candidates = SearchEntry.objects.filter(pk__in=ids)
    if uses_full_text():
        query = _ts_query(text)
        ranked = candidates.annotate(rank=SearchRank(F("vector"), query))
        ordered = ranked.order_by("-rank", "-date", "pk")
    else:
        ordered = candidates.order_by("-date", "pk")
    return SearchResults(entries=ordered, by_kind=by_kind, count=count, capped=capped)


def add_snippets(entries, text):
    """Re-check a page of entries against `.public()` and attach `snippet` (safe HTML with
    <mark>ed hits) to those that remain."""
    entries = verified(entries)
    if not entries:
        return entries
    if uses_full_text():
        query = _ts_query(text)
        headlines = dict(
            SearchEntry.objects.filter(pk__in=[e.pk for e in entries])
            .annotate(headline=SearchHeadline("body", query, config="english", **HEADLINE_OPTIONS))
            .values_list("pk", "headline")
        )
        for entry in entries:
            entry.snippet = _safe_headline(headlines.get(entry.pk) or "")
    else:
        terms = parse_query(text).terms
        for entry in entries:
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
