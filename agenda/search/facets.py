"""Facet lexemes: committee, type and year filters that the full-text index applies itself.

Every stored vector also holds three lexemes naming its entry's facets: "year 2019" (or
"undated" for committees), "committee 12" and "kind item". Each contains a space, which
the text parser never produces, so nothing typed in the search box can match one. Adding
them to a query (`words & 'committee 12' & ('year 2026' | 'year 2025')`) lets the GIN
index leave out other committees, types and years before any row is read: finding the
newest matches of a common word then reads about as many rows as it needs, not every
match in twenty years."""

from django.contrib.postgres.search import (
    SearchVectorCombinable,
    SearchVectorField,
)
from django.db.models import Func

from agenda.models.search import (  # noqa: F401  (re-exported: the windows use them)
    EARLIEST_YEAR,
    LATEST_YEAR,
    OUTLYING,
    OUTLYING_DATES,
    Between,
    Outside,
)

UNDATED = "undated"


def year_lexeme(year):
    return f"year {year}"


def committee_lexeme(committee_id):
    return f"committee {committee_id}"


def kind_lexeme(kind):
    return f"kind {kind}"


# The same SQL is in migration 0008, which added the lexemes to vectors stored before.
FACETS_SQL = (
    "array_to_tsvector(ARRAY["
    f"coalesce('year ' || extract(year from date)::int, '{UNDATED}'), "
    "'committee ' || coalesce(committee_id::text, 'none'), "
    "'kind ' || kind])"
)


class FacetVector(SearchVectorCombinable, Func):
    """A row's facet lexemes as a tsvector, computed from its date, committee and kind."""

    template = FACETS_SQL
    output_field = SearchVectorField()

    def __init__(self):
        super().__init__()


# Meetings are seldom scheduled more than a few years ahead; without a date filter the
# windows cover this year and the 29 before (a council's online archive rarely reaches
# further) in growing steps, and then every other year at once.
FUTURE_YEARS = 5
RECENT_YEARS = 30


def lexeme_year(lexeme):
    """The year a `year_lexeme` names."""
    return int(lexeme.removeprefix("year "))


def oldest_recent_year(this_year, first=None):
    """The last year `year_windows` walks back to before its window of every other year."""
    return max(this_year - RECENT_YEARS + 1 if first is None else first, EARLIEST_YEAR)


def is_ahead(window, this_year):
    """Whether a window holds only undated entries and years after `this_year`."""
    return all(lexeme == UNDATED or lexeme_year(lexeme) > this_year for lexeme in window)


def year_windows(this_year, *, first=None, last=None, span=1):
    """Lists of year lexemes to search in turn, newest first: undated entries and the next
    few years, which hold few records; this year; then `span` years, twice as many, four
    times, ... back RECENT_YEARS; then every other year from EARLIEST_YEAR to LATEST_YEAR
    at once. Also OUTLYING (the dates outside which the years no window names lie) if
    such dates may match, else None.

    `first` and `last` are the years of a date filter."""
    high = this_year + FUTURE_YEARS if last is None else min(last, this_year + FUTURE_YEARS)
    high, low = min(high, LATEST_YEAR), oldest_recent_year(this_year, first)
    years = list(range(high, low - 1, -1))
    ahead = [year for year in years if year > this_year]
    windows = [[UNDATED] if first is None else []]
    windows[0] += [year_lexeme(year) for year in ahead]
    if this_year in years:
        windows.append([year_lexeme(this_year)])
    older = [year for year in years if year < this_year]
    while older:
        windows.append([year_lexeme(year) for year in older[:span]])
        older, span = older[span:], span * 2
    highest = LATEST_YEAR if last is None else min(last, LATEST_YEAR)
    lowest = EARLIEST_YEAR if first is None else max(first, EARLIEST_YEAR)
    far = [year for year in range(highest, lowest - 1, -1) if year > high or year < low]
    windows.append([year_lexeme(year) for year in far])
    windows = [window for window in windows if window]
    outlying = (first is None or first < EARLIEST_YEAR) or (last is None or last > LATEST_YEAR)
    return windows, OUTLYING if outlying else None
