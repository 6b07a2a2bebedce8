"""Finding the newest matches of a search in the PostgreSQL index, in SQL.

Twenty years of records hold thousands of matches for a common word, and the page needs
only the newest COUNT_CAP of them (to count and rank). A statement asks the GIN index for
recent years first (agenda.search.facets), window after window in one UNION ALL:
PostgreSQL runs the branches in turn and stops as soon as enough rows are out, so later
windows are never executed for a common word. Relevance (`ts_rank`, which reads each
row's whole vector) is computed above the limit, on the rows returned only.

Publication is not decided here: the caller applies `public_candidates`, the rule of
`SearchEntry.objects.public()`. (Joining the public meetings into this statement instead
made PostgreSQL hash all of them on every search: slower than asking for them by key.)

Written as SQL rather than built with the ORM: building and compiling eight windowed
querysets cost more than running them."""

import datetime
import math
from typing import NamedTuple

from django.db import connection
from django.utils import timezone

from agenda.models import SearchEntry
from agenda.search.common_words import index_text, lexeme_shares
from agenda.search.facets import (
    Between,
    Outside,
    committee_lexeme,
    is_ahead,
    kind_lexeme,
    lexeme_year,
    oldest_recent_year,
    year_lexeme,
    year_windows,
)

WORDS = "websearch_to_tsquery('english', %s)"
COLUMNS = "id, kind, has_minutes, meeting_id, committee_id, date"
BRANCH = "(SELECT {columns} FROM {table} WHERE {where} {order} LIMIT %s)"
NEWEST_FIRST = "ORDER BY date DESC, id DESC"  # undated entries (committees) first
# Fixed fragments only; every value is a parameter.
UNRANKED = "SELECT {columns}, NULL FROM ({union}) AS found LIMIT %s"
# The windows sort narrow rows; each returned row's vector is then read by key for its
# rank. Carrying the vectors through the sort made it spill to disk for a common word.
RANKED = (
    "SELECT {found_columns}, ts_rank(entry.vector, {words}) "
    "FROM (SELECT * FROM ({union}) AS windows LIMIT %s) AS found "
    "JOIN {table} AS entry ON entry.id = found.id "
    "ORDER BY found.date DESC, found.id DESC"
)
# How many more years than the first window's rate suggests the second window spans.
SPAN_MARGIN = 1.25
# From how many years on a window asks for the words alone, with the years as dates.
DATE_RANGE_SPAN = 8


class Candidate(NamedTuple):
    """One index entry that matched: what the public check, counts and ranking need."""

    pk: int  # "pk", so the same names serve values_list() on the simple path
    kind: str
    has_minutes: bool
    meeting_id: int | None
    committee_id: int | None
    date: object
    rank: float | None


def _lexemes(*groups):
    """A tsquery of exact facet lexemes: every group must match, any lexeme within one."""
    parts = []
    for group in filter(None, groups):
        quoted = " | ".join(f"'{lexeme}'" for lexeme in group)
        parts.append(f"( {quoted} )" if len(group) > 1 else quoted)
    return " & ".join(parts)


def newest_matches(text, limit, *, committee=None, kind=None, date_from=None, date_to=None):
    """The newest `limit` entries matching `text` and the filters, newest first (undated
    entries before all others), as `Candidate`s with their relevance.

    The most recent window is asked first. If it holds fewer than `limit` matches, the
    number it found says how many years the rest will take: the next window spans that
    many (with a margin), so a word found a hundred times a year costs two index scans,
    not one per year."""
    query = _Query(text, committee, kind, date_from, date_to)
    this_year = timezone.localdate().year
    first, last = (value and value.year for value in (date_from, date_to))
    windows, outlying = year_windows(this_year, first=first, last=last)
    branches = windows + ([outlying] if outlying else [])
    # Undated entries and the years ahead hold few records: ask for them with this year.
    head = 2 if len(windows) > 1 and is_ahead(windows[0], this_year) else 1
    rows = query.run(branches[:head], limit)
    if len(rows) >= limit or len(branches) <= head:
        return rows
    need = limit - len(rows)
    span = math.ceil(need * SPAN_MARGIN / max(len(rows), 1))
    windows, outlying = year_windows(this_year, first=first, last=last, span=span)
    rest = windows[head:] + ([outlying] if outlying else [])
    if rest and isinstance(rest[0], list) and len(rest[0]) >= DATE_RANGE_SPAN:
        years = [lexeme_year(lexeme) for lexeme in rest[0]]
        if min(years) <= oldest_recent_year(this_year, first):
            # A rare word: its window reaches back through every recent year. Naming
            # them all makes the index merge as many long lists, so ask for the words
            # alone and keep those years' rows by date. The rows it reads again (this
            # year's, the years ahead and the far ones) are few for such a word.
            rest[0] = Between(datetime.date(min(years), 1, 1), datetime.date(max(years) + 1, 1, 1))
    return rows + query.run(rest, need)


def any_matches(text, limit, *, committee=None, date_from=None, date_to=None):
    """Up to `limit` entries of any type matching, in no order and without relevance:
    enough to count the matches by type, or to know there are more than `limit`. One
    index scan, and no more rows read than `limit`."""
    query = _Query(text, committee, None, date_from, date_to)
    first, last = (value and value.year for value in (date_from, date_to))
    window = None  # any year
    if first and last:  # a closed range: its years as lexemes let the index apply it
        window = [year_lexeme(year) for year in range(first, last + 1)]
    return query.run([window], limit, ranked=False)


class _Query:
    """The parts of the statements that every window shares."""

    def __init__(self, text, committee, kind, date_from, date_to):
        self.text = text
        self.index_text = index_text(text, lexeme_shares())
        self.filters, self.filter_params = [], []
        for sql, value in (
            ("committee_id = %s", committee and committee.pk),
            ("kind = %s", kind),
            ("date >= %s", date_from),
            ("date <= %s", date_to),
        ):
            if value:
                self.filters.append(sql)
                self.filter_params.append(value)
        # The column filters above decide; the same filters as lexemes only help the index.
        self.facets = [
            [committee_lexeme(committee.pk)] if committee else None,
            [kind_lexeme(kind)] if kind else None,
        ]

    def branch(self, window, limit, *, order):
        """One window: a list of year lexemes, an `Outside` or `Between` range of dates,
        or None for any year."""
        years = window if isinstance(window, list) else None
        lexemes = _lexemes(*self.facets, years)
        words, words_params = WORDS, [self.text]
        if self.index_text != self.text:
            # What is left may be stop words only ("the council"): then ask for it all.
            words = f"(CASE WHEN numnode({WORDS}) > 0 THEN {WORDS} ELSE {WORDS} END)"
            words_params = [self.index_text, self.index_text, self.text]
        if lexemes:
            conditions = [(f"vector @@ ({words} && %s::tsquery)", [*words_params, lexemes])]
        else:
            conditions = [(f"vector @@ {words}", words_params)]
        if self.index_text != self.text:  # the whole query, on each row (not the index)
            conditions.append((f"ts_match_vq(vector, {WORDS})", [self.text]))
        if isinstance(window, Outside):  # as the partial index OUTLYING_DATES has it
            conditions.append(("(date < %s OR date >= %s)", list(window)))
        if isinstance(window, Between):
            conditions.append(("date >= %s AND date < %s", list(window)))
        conditions += zip(self.filters, ([value] for value in self.filter_params), strict=True)
        where = " AND ".join(sql for sql, _params in conditions)
        table = connection.ops.quote_name(SearchEntry._meta.db_table)
        sql = BRANCH.format(columns=COLUMNS, table=table, where=where, order=order)
        return sql, [*(p for _sql, params in conditions for p in params), limit]

    def run(self, windows, limit, *, ranked=True):
        """At most `limit` matches, window after window (PostgreSQL runs the branches of
        the UNION ALL in turn and stops once `limit` rows are out), newest first if
        `ranked`, with their relevance; otherwise in no order, without it."""
        if not windows:
            return []
        order = NEWEST_FIRST if ranked else ""
        branches = [self.branch(window, limit, order=order) for window in windows]
        union = " UNION ALL ".join(sql for sql, _params in branches)
        params = [param for _sql, branch_params in branches for param in branch_params]
        if ranked:
            found_columns = ", ".join(f"found.{column}" for column in COLUMNS.split(", "))
            table = connection.ops.quote_name(SearchEntry._meta.db_table)
            sql = RANKED.format(found_columns=found_columns, words=WORDS, union=union, table=table)
            params = [self.text, *params, limit]
        else:
            sql = UNRANKED.format(columns=COLUMNS, union=union)
            params.append(limit)
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return [Candidate._make(row) for row in cursor.fetchall()]
