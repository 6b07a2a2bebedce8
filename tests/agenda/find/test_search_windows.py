"""Searching recent years first: facet lexemes, year windows and the public re-check of
candidates read from the index."""

import datetime

import pytest
from django.db import connection

from agenda.models import SearchEntry
from agenda.search.facets import (
    EARLIEST_YEAR,
    LATEST_YEAR,
    UNDATED,
    Outside,
    year_lexeme,
    year_windows,
)
from agenda.search.indexing import _store_vectors
from agenda.search.public import public_candidates
from agenda.search.query import newest, search


def test_windows_cover_recent_years_newest_first_then_the_rest():
    windows, outlying = year_windows(2026)
    assert windows[0] == [UNDATED] + [year_lexeme(y) for y in range(2031, 2026, -1)]
    assert windows[1:-1] == [
        [year_lexeme(2026)],
        [year_lexeme(2025)],
        [year_lexeme(2024), year_lexeme(2023)],
        [year_lexeme(y) for y in range(2022, 2018, -1)],
        [year_lexeme(y) for y in range(2018, 2010, -1)],
        [year_lexeme(y) for y in range(2010, 1996, -1)],
    ]
    far = [*range(LATEST_YEAR, 2031, -1), *range(1996, EARLIEST_YEAR - 1, -1)]
    assert windows[-1] == [year_lexeme(y) for y in far]
    assert outlying == Outside(datetime.date(1900, 1, 1), datetime.date(2101, 1, 1))


def test_windows_follow_a_date_filter():
    windows, outlying = year_windows(2026, first=2015, last=2018)
    assert windows == [
        [year_lexeme(2018)],
        [year_lexeme(2017), year_lexeme(2016)],
        [year_lexeme(2015)],
    ]
    assert outlying is None  # a closed range is named in full
    windows, outlying = year_windows(2026, last=2020)
    assert windows[:3] == [[UNDATED], [year_lexeme(2020)], [year_lexeme(2019), year_lexeme(2018)]]
    assert windows[-1][0] == year_lexeme(1996) and windows[-1][-1] == year_lexeme(1900)
    assert outlying is not None  # before 1900
    # A wider first span, as a search sets it from the matches of its first window:
    windows, _outlying = year_windows(2026, span=10)
    assert windows[2] == [year_lexeme(y) for y in range(2025, 2015, -1)]


@pytest.mark.parametrize(
    ("first", "last", "span"),
    [
        (None, None, 1),
        (None, None, 7),
        (2015, 2018, 1),
        (None, 2020, 3),
        (2024, None, 2),
        (1850, 1950, 1),
        (2090, 2150, 4),
        (2040, None, 1),
        (None, 1890, 1),
    ],
)
def test_windows_name_every_year_once(first, last, span):
    windows, outlying = year_windows(2026, first=first, last=last, span=span)
    named = [lexeme for window in windows for lexeme in window if lexeme != UNDATED]
    years = [int(lexeme.split()[1]) for lexeme in named]
    assert len(years) == len(set(years))
    wanted = range(max(first or 0, EARLIEST_YEAR), min(last or 9999, LATEST_YEAR) + 1)
    assert set(years) == set(wanted)
    assert (outlying is not None) == (first is None or first < 1900 or last is None or last > 2100)


def _spread_over_years(entries, years):
    for entry, year in zip(entries, years, strict=True):
        entry.date = entry.date.replace(year=year)
        entry.save(update_fields=["date"])
    _store_vectors(SearchEntry.objects.filter(pk__in=[e.pk for e in entries]))


def test_newest_reaches_back_through_every_window(council):
    entries = list(SearchEntry.objects.filter(kind="item", date__isnull=False).order_by("pk")[:3])
    this_year = datetime.date.today().year
    _spread_over_years(entries, [this_year, this_year - 3, this_year - 15])
    for entry in entries:  # fifteen years back is "any other year"
        found, _more = newest(entry.title, 10)
        assert entry.pk in [row[0] for row in found], entry.title


def test_newest_is_ordered_and_bounded(council):
    this_year = datetime.date.today().year
    rows = list(SearchEntry.objects.filter(kind="meeting").order_by("pk"))
    assert len(rows) >= 3, "the fixture has several meetings"
    _spread_over_years(rows, [this_year - 6 * (n % 3) for n in range(len(rows))])
    found, more = newest("committee", 100)
    assert {entry.pk for entry in rows} <= {row[0] for row in found}
    dates = [row[2] or datetime.date.max for row in found]  # undated (committees) first
    assert dates == sorted(dates, reverse=True)
    few, more = newest("committee", 2)
    assert [row[0] for row in few] == [row[0] for row in found[:2]] and more


def test_public_candidates_agrees_with_public(council):
    council.area_meeting.minutes_status = council.area_meeting.MinutesStatus.DRAFT
    council.area_meeting.save()
    rows = list(
        SearchEntry.objects.values_list("pk", "kind", "has_minutes", "meeting_id", "committee_id")
    )
    expected = set(SearchEntry.objects.public().values_list("pk", flat=True))
    assert public_candidates(rows) == expected
    assert expected != {row[0] for row in rows}  # the draft minutes really were left out


@pytest.mark.skipif(connection.vendor != "postgresql", reason="facet lexemes live in vectors")
def test_facet_lexemes_cannot_be_typed(client, council):
    # A typed "committee 12" is two words; it may find text holding both (a meeting on
    # the 12th in a committee room), never an entry through its facet lexeme alone.
    for text in ["undated", "year 2026", "kind item", f"committee {council.area.pk}"]:
        response = client.get("/search/", {"q": text})
        for entry in response.context["results"]:
            words = f"{entry.title} {SearchEntry.objects.get(pk=entry.pk).body}".lower()
            assert all(word[:5] in words for word in text.split()), (text, entry.title)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="facet lexemes live in vectors")
def test_committee_and_type_filters_agree_with_the_columns(council):
    found = search("library", committee=council.area, kind="item")
    titles = {entry.title for entry in found.entries[0:20]}
    expected = set(
        SearchEntry.objects.filter(
            committee=council.area, kind="item", body__icontains="library"
        ).values_list("title", flat=True)
    )
    assert titles == expected


@pytest.mark.skipif(connection.vendor != "postgresql", reason="facet lexemes live in vectors")
def test_migration_adds_the_same_lexemes_as_indexing(council):
    import importlib

    from django.contrib.postgres.search import SearchVector

    migration = importlib.import_module("agenda.migrations.0008_search_facet_lexemes")
    stored = dict(SearchEntry.objects.values_list("pk", "vector"))
    SearchEntry.objects.update(  # vectors as they were before the lexemes
        vector=SearchVector("title", weight="A", config="english")
        + SearchVector("body", weight="B", config="english")
    )
    with connection.cursor() as cursor:
        cursor.execute(migration.ADD_FACETS)
    assert dict(SearchEntry.objects.values_list("pk", "vector")) == stored


@pytest.mark.skipif(connection.vendor != "postgresql", reason="ts_headline snippets")
def test_snippet_of_a_long_text_shows_a_late_hit(client, council):
    entry = SearchEntry.objects.filter(kind="item").order_by("pk").first()
    entry.body = "Routine business. " * 2000 + "The aqueduct repairs were agreed."
    entry.save(update_fields=["body"])
    _store_vectors(SearchEntry.objects.filter(pk=entry.pk))
    response = client.get("/search/", {"q": "aqueduct"})
    snippets = [result.snippet for result in response.context["results"]]
    assert any("<mark>aqueduct</mark>" in snippet for snippet in snippets), snippets
