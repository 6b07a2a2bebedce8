"""The shortcuts that keep search fast at scale give the same answers as the plain way:
common words left to the row check, adaptive year windows, the unordered count pass,
reused publication checks and the hand-written page query."""

import datetime

import pytest
from django.db import connection
from django.utils import timezone

from agenda.models import AgendaItem, Document, SearchEntry
from agenda.models.expressions import AnyOf
from agenda.models.reused import ReusedQuery
from agenda.search import candidates, common_words
from agenda.search.common_words import index_text
from agenda.search.indexing import _store_vectors
from agenda.search.public import PUBLIC_DOCUMENTS, PUBLIC_ITEMS, public_candidates
from agenda.search.query import page_entries, search
from agenda.views.search_forms import SearchForm
from tests import factories as f

postgresql_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="PostgreSQL full-text search"
)
SHARES = {"council": 0.92, "report": 0.86, "servic": 0.82, "risk": 0.34, "librari": 0.05}


def test_index_text_leaves_out_common_words_but_never_all():
    assert index_text("council tax", SHARES) == "tax"
    assert index_text("flood risk", SHARES) == "flood"
    assert index_text("Council services", SHARES) == "services"  # the rarer of two
    assert index_text('"climate emergency" report', SHARES) == '"climate emergency"'
    assert index_text("housing -homelessness", SHARES) == "housing"
    assert index_text("library opening hours", SHARES) == "library opening hours"


def test_index_text_sends_or_and_unknown_statistics_whole():
    assert index_text("council or tax", SHARES) == "council or tax"
    assert index_text("council tax", {}) == "council tax"
    assert index_text("-council", SHARES) == "-council"
    assert index_text("", SHARES) == ""


def _spread(entries, years):
    for entry, year in zip(entries, years, strict=True):
        entry.date = datetime.date(year, 6, 1)
        entry.save(update_fields=["date"])
    _store_vectors(SearchEntry.objects.filter(pk__in=[e.pk for e in entries]))


def _expected_newest(word, limit):
    """The plain way: every entry whose text holds the word, undated first, then newest
    first, as the index orders them."""
    matches = [e for e in SearchEntry.objects.all() if word in f"{e.title} {e.body}".lower()]
    undated = sorted((e.pk for e in matches if e.date is None), reverse=True)
    dated = sorted((e for e in matches if e.date), key=lambda e: (e.date, e.pk), reverse=True)
    return (undated + [e.pk for e in dated])[:limit]


@postgresql_only
@pytest.mark.parametrize("limit", [1, 2, 3, 5, 50])
def test_adaptive_windows_return_the_newest_matches(council, limit):
    entries = list(SearchEntry.objects.exclude(kind="committee").order_by("pk"))
    this_year = timezone.localdate().year
    years = [this_year, this_year - 1, this_year - 4, this_year - 12, this_year - 40, 1850, 2150]
    _spread(entries, [years[n % len(years)] for n in range(len(entries))])
    found = candidates.newest_matches("library", limit)
    assert [row.pk for row in found] == _expected_newest("library", limit)


@postgresql_only
def test_outlying_dates_are_found(council):
    entry = SearchEntry.objects.filter(kind="item", body__icontains="library").first()
    _spread([entry], [1850])
    assert entry.pk in [row.pk for row in candidates.newest_matches("library", 100)]
    _spread([entry], [2150])
    dated = [row.pk for row in candidates.newest_matches("library", 100) if row.date]
    assert dated[0] == entry.pk  # the newest of all


@postgresql_only
def test_common_words_left_to_the_row_check_change_nothing(council, monkeypatch):
    queries = [
        "council tax",
        "library opening hours",
        "safeguarding partnership",
        "-library",
        "the library",  # "the" is no lexeme: the index must not be asked for it alone
        "library of the council",
    ]
    plain = {q: [row.pk for row in candidates.newest_matches(q, 100)] for q in queries}
    shares = {"council": 0.9, "librari": 0.9, "safeguard": 0.5, "open": 0.5}
    monkeypatch.setattr(candidates, "lexeme_shares", lambda: shares)
    assert index_text("council tax", shares) == "tax"
    for query in queries:
        assert [row.pk for row in candidates.newest_matches(query, 100)] == plain[query]


@postgresql_only
def test_stop_words_left_alone_still_find_every_year(council, monkeypatch):
    entries = list(SearchEntry.objects.exclude(kind="committee").order_by("pk"))
    this_year = timezone.localdate().year
    _spread(entries, [[this_year, this_year - 35, 1850][n % 3] for n in range(len(entries))])
    plain = [row.pk for row in candidates.newest_matches("the library", 50)]
    assert len(plain) == len(_expected_newest("library", 50))
    monkeypatch.setattr(candidates, "lexeme_shares", lambda: {"librari": 0.9})
    assert index_text("the library", {"librari": 0.9}) == "the"  # a stop word alone
    assert [row.pk for row in candidates.newest_matches("the library", 50)] == plain


@postgresql_only
def test_lexeme_shares_come_from_the_column_statistics(council, monkeypatch):
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE agenda_searchentry")
    monkeypatch.setitem(common_words._statistics, "read_at", None)
    shares = common_words.lexeme_shares()
    assert shares and all(0 < share <= 1 for share in shares.values())
    assert "committe" in shares  # in every committee's and meeting's entry here


def test_type_filter_counts_every_type_and_lists_one(council):
    everything = search("library")
    items = search("library", kind="item")
    assert items.by_kind == everything.by_kind
    assert items.count == everything.by_kind["item"]
    assert {entry.kind for entry in items.entries[0:20]} == {"item"}


def test_type_filter_past_the_cap_shows_no_counts_by_type(council, monkeypatch):
    from agenda.search import query

    monkeypatch.setattr(query, "COUNT_CAP", 1)
    found = search("library", kind="item")
    assert found.capped and found.by_kind == {}
    assert [entry.kind for entry in found.entries[0:5]] == ["item"]


def test_reused_checks_agree_with_public(council):
    now = timezone.now()
    item_ids = list(AgendaItem.objects.values_list("pk", flat=True))
    document_ids = list(Document.objects.values_list("pk", flat=True))
    for moment in (now, now - datetime.timedelta(days=400), now + datetime.timedelta(days=1)):
        expected = set(
            AgendaItem.objects.public(moment).filter(pk__in=item_ids).values_list("pk", "is_exempt")
        )
        assert set(PUBLIC_ITEMS.rows(item_ids, moment)) == expected
        public_documents = Document.objects.public(moment).filter(pk__in=document_ids)
        expected = set(public_documents.values_list("pk"))
        assert set(PUBLIC_DOCUMENTS.rows(document_ids, moment)) == expected
    # Judged now: an item made exempt a moment ago is reported exempt at once.
    AgendaItem.objects.filter(pk=council.library.pk).update(is_exempt=True, exempt_paragraph=3)
    assert dict(PUBLIC_ITEMS.rows([council.library.pk]))[council.library.pk] is True


def test_reused_query_needs_its_ids_as_one_parameter(db):
    if connection.vendor != "postgresql":
        pytest.skip("compiled once only on PostgreSQL")
    reused = ReusedQuery(lambda now, ids: AgendaItem.objects.filter(pk__in=ids).values_list("pk"))
    with pytest.raises(ValueError, match="AnyOf"):
        reused.rows([1])
    assert (
        ReusedQuery(
            lambda now, ids: AgendaItem.objects.filter(AnyOf("pk", ids)).values_list("pk")
        ).rows([])
        == []
    )


def test_public_candidates_follow_unpublishing_at_once(council):
    fields = ("pk", "kind", "has_minutes", "meeting_id", "committee_id", "date")
    rows = list(SearchEntry.objects.values_list(*fields))
    before = public_candidates(rows)
    council.area_meeting.minutes_status = council.area_meeting.MinutesStatus.DRAFT
    council.area_meeting.save()
    after = public_candidates(rows)
    assert after < before
    assert set(SearchEntry.objects.public().values_list("pk", flat=True)) == after


def test_page_entries_keep_the_order_and_leave_the_text_unloaded(council):
    ids = list(SearchEntry.objects.order_by("-pk").values_list("pk", flat=True)[:4])
    entries = page_entries([*ids, 10**9], "library")
    assert [entry.pk for entry in entries] == ids
    if connection.vendor == "postgresql":
        assert all(hasattr(entry, "headline") for entry in entries)
        assert "body" in entries[0].get_deferred_fields()


def test_hostile_search_text_is_only_ever_a_parameter(client, council):
    for text in ["'; DROP TABLE agenda_searchentry; --", "x') OR 1=1 --", '"\\', "%s %(x)s"]:
        response = client.get("/search/", {"q": text})
        assert response.status_code == 200, text
    assert SearchEntry.objects.exists()


def test_committee_select_marks_the_choice_and_escapes_names(db):
    f.CommitteeFactory(name="Audit <b>& Risk</b>", slug="audit")
    chosen = f.CommitteeFactory(name="Licensing", slug="licensing")
    form = SearchForm({"q": "x", "committee": chosen.slug})
    assert form.is_valid()
    html = str(form["committee"])
    assert '<option value="licensing" selected>Licensing</option>' in html
    assert "Audit &lt;b&gt;&amp; Risk&lt;/b&gt;" in html
    assert html.startswith('<select name="committee"') and 'id="id_committee"' in html


@postgresql_only
def test_vectors_stay_in_their_rows(db):
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT attstorage FROM pg_attribute "
            "WHERE attrelid = 'agenda_searchentry'::regclass AND attname = 'vector'"
        )
        assert cursor.fetchone()[0] == "m"  # MAIN: out of line only as a last resort
