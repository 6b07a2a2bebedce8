"""Querying the search index: ranked full text on PostgreSQL, a simple match elsewhere.

Both paths take the same websearch-style input: words (all must match), "quoted phrases"
and -exclusions."""

import re
from dataclasses import dataclass, field

from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank
from django.db import connection
from django.db.models import Count, F, Q
from django.utils.html import escape

from agenda.models import SearchEntry
from agenda.models.search import verified

SNIPPET_CHARS = 220
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
    """Public index entries matching `text`, best first, without snippets."""
    entries = SearchEntry.objects.public()
    if committee:
        entries = entries.filter(committee=committee)
    if date_from:
        entries = entries.filter(date__gte=date_from)
    if date_to:
        entries = entries.filter(date__lte=date_to)
    if uses_full_text():
        query = SearchQuery(text, search_type="websearch", config="english")
        entries = entries.filter(vector=query).annotate(rank=SearchRank(F("vector"), query))
        order = ["-rank", "-date", "pk"]
    else:
        parsed = parse_query(text)
        if parsed.is_empty:
            return entries.none(), entries.none()
        for term in parsed.terms:
            entries = entries.filter(Q(title__icontains=term) | Q(body__icontains=term))
        for term in parsed.excluded:
            entries = entries.exclude(Q(title__icontains=term) | Q(body__icontains=term))
        order = ["-date", "pk"]
    matched = entries
    if kind:
        entries = entries.filter(kind=kind)
    return entries.order_by(*order), matched


def counts_by_kind(matched):
    """How many hits of each kind, for the filter labels: one grouped query."""
    rows = matched.order_by().values("kind").annotate(n=Count("pk"))
    return {row["kind"]: row["n"] for row in rows}


def add_snippets(entries, text):
    """Re-check a page of entries against `.public()` and attach `snippet` (safe HTML with
    <mark>ed hits) to those that remain."""
    entries = verified(entries)
    if not entries:
        return entries
    if uses_full_text():
        query = SearchQuery(text, search_type="websearch", config="english")
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
