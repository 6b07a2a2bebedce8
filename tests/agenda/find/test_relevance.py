"""Ranking on PostgreSQL: for realistic queries the expected record is in the top three."""

import pytest

pytestmark = pytest.mark.postgres

CASES = [
    ("child exploitation", "exploitation"),
    ("safeguarding children", "exploitation"),
    ("county lines", "exploitation"),
    ("library closure", "library"),
    ("volunteer library", "library"),
    ("pothole", "pothole"),
    ("carriageway resurfacing", "pothole"),
    ("council tax increase", "budget"),
    ('"financial strategy"', "budget"),
    ("contextual safeguarding", "Document E: exploitation report"),
]


# Items that mention the same words in passing, so ranking has something to beat.
DISTRACTORS = [
    ("Minutes of the previous meeting", "Including the library item and council tax."),
    ("Children's centres review", "Children and families services; no exploitation data."),
    ("Parks and open spaces", "Volunteers in parks; the library garden; roads nearby."),
    ("Highways update", "Footway lighting; a pothole was mentioned by a resident."),
    ("Treasury management", "Borrowing strategy; council tax base; financial reporting."),
    ("Public questions", "Questions on safeguarding, libraries, potholes and budgets."),
    ("Community safety", "Anti-social behaviour; county court orders; lines of enquiry."),
    ("Member development", "Training on safeguarding and the council's strategy."),
]


@pytest.fixture
def crowded_council(council):
    from agenda.search.indexing import refresh_search_for_meeting
    from tests import factories as f

    meeting = f.MeetingFactory(committee=council.area)
    for title, text in DISTRACTORS:
        f.AgendaItemFactory(meeting=meeting, title=title, agenda_text=f"<p>{text}</p>")
    f.publish(meeting)
    refresh_search_for_meeting(meeting)
    return council


@pytest.mark.parametrize(("query", "expected"), CASES)
def test_expected_result_in_top_three(client, crowded_council, postgres_only, query, expected):
    council = crowded_council
    target = getattr(council, expected, None)
    title = target.plain_title if target is not None else expected
    response = client.get("/search/", {"q": query})
    top = [entry.title for entry in response.context["results"][:3]]
    assert title in top, (query, top)


def test_stemming_and_phrase(client, council, postgres_only):
    response = client.get("/search/", {"q": "libraries"})
    assert "Future of Eastbrook Library" in [e.title for e in response.context["results"]]
    response = client.get("/search/", {"q": '"library closure"'})
    assert response.context["total"] == 0  # the words are never adjacent


def test_snippet_highlights_why_it_matched(client, council, postgres_only):
    response = client.get("/search/", {"q": "volunteers", "type": "item"})
    snippet = response.context["results"][0].snippet
    assert "<mark>volunteers</mark>" in snippet


def test_simple_match_on_sqlite(client, council):
    from django.db import connection

    if connection.vendor == "postgresql":
        pytest.skip("the simple path runs on SQLite")
    response = client.get("/search/", {"q": '"Eastbrook Library" -closure', "type": "item"})
    assert [e.title for e in response.context["results"]] == []
    response = client.get("/search/", {"q": '"Eastbrook Library"', "type": "item"})
    assert [e.title for e in response.context["results"]] == ["Future of Eastbrook Library"]
