"""The page cache (agenda/caching): anonymous visitors are answered from the cache, and no
change to what a page shows - a publication, supplement, erratum, withdrawal, date move,
exempt toggle or replaced document - ever leaves a stale or private page in it, while
other meetings' pages stay cached. Every test runs against memory and the real Redis."""

import datetime
import uuid
from types import SimpleNamespace

import pytest
from django.core.files.base import ContentFile
from django.db import transaction
from django.test import Client, RequestFactory
from django.urls import reverse
from django.utils import timezone

from agenda import publishing
from agenda.caching import generations
from agenda.caching.middleware import HEADER, storable
from agenda.models import AgendaItem, Meeting
from agenda.printing.simple_pdf import make_pdf
from agenda.publishing.effects import after_publish
from tests import factories as f
from tests.public_data import realistic_meeting

pytestmark = pytest.mark.django_db

REDIS_URL = "redis://127.0.0.1:6379/8"  # the tests' own database, apart from the site's
SECRET = "Quillfeather"
URGENT = "Test: the papers came late."


def redis_or_skip():
    import redis

    try:
        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1).ping()
    except redis.exceptions.RedisError:
        pytest.skip(f"Redis is not running at {REDIS_URL} (CI starts it: .ci/run)")


@pytest.fixture(
    params=["memory", pytest.param("redis", marks=pytest.mark.xdist_group("redis"))],
)
def page_cache(request, settings):
    """The default cache in memory (as every test) or on the machine's Redis, under a key
    prefix of its own that is deleted afterwards (never FLUSHDB: others share Redis)."""
    if request.param == "memory":
        yield "memory"
        return
    redis_or_skip()
    import redis

    prefix = f"mbtest-{uuid.uuid4().hex}"
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": prefix,
        }
    }
    yield "redis"
    server = redis.Redis.from_url(REDIS_URL)
    for key in server.scan_iter(f"{prefix}*"):
        server.delete(key)


@pytest.fixture(autouse=True)
def no_printing(monkeypatch):
    """The steps' printed PDFs are not what is tested here: skip rendering them."""
    monkeypatch.setattr(
        "agenda.publishing.effects.generate_meeting_pdfs",
        lambda *args, **kwargs: SimpleNamespace(documents=[], problem_messages=[]),
    )


def visit(url, client=None):
    client = client or Client()
    response = client.get(url)
    text = response.content.decode() if response.status_code == 200 else ""
    return response, text


def cached(url):
    """Visit twice: the second answer comes from the cache."""
    first, _ = visit(url)
    assert first.status_code == 200, url
    second, text = visit(url)
    assert second[HEADER] == "hit", url
    return text


def other_meeting():
    """A meeting of another committee, to prove its pages stay cached."""
    meeting = realistic_meeting(items=1, documents=0, attendees=1, committee_name="Licensing")
    url = meeting.get_absolute_url()
    cached(url)
    return url


def still_cached(url):
    assert visit(url)[0][HEADER] == "hit", url


@pytest.fixture
def meeting():
    meeting = realistic_meeting(items=2, documents=1, attendees=2, exempt=False)
    item = meeting.items.order_by("position").first()
    AgendaItem.objects.filter(pk=item.pk).update(
        agenda_text=f"<p>The {SECRET} valuation of the depot.</p>",
        minutes_text=f"<p>Members agreed the {SECRET} price.</p>",
    )
    after_publish(meeting, "all", now=timezone.now())
    return meeting


def pages_of(meeting):
    item = meeting.items.order_by("position").first()
    return [
        meeting.get_absolute_url(),
        item.get_absolute_url(),
        reverse("agenda:home"),
        meeting.committee.get_absolute_url(),
        "/search/?q=valuation",
        f"/feeds/committees/{meeting.committee.slug}.atom",
        f"/calendar/meetings/{meeting.slug}.ics",
        f"/api/oparl/v1/meetings/{meeting.pk}",
        f"/api/oparl/v1/agenda-items/{item.pk}",
        f"/api/v1/meetings/{meeting.pk}/minutes",
    ]


# ------------------------------------------------------------------ answering from cache


def test_a_second_visit_is_answered_from_the_cache_with_no_queries(
    page_cache, meeting, django_assert_num_queries
):
    url = meeting.get_absolute_url()
    first, text = visit(url)
    assert first[HEADER] == "miss" and SECRET in text
    with django_assert_num_queries(0):
        second, again = visit(url)
    assert second[HEADER] == "hit" and again == text
    # The same headers, security and CSP included (added afresh to every answer).
    same = {name: value for name, value in first.items() if name != HEADER}
    assert {name: value for name, value in second.items() if name != HEADER} == same
    assert "Content-Security-Policy" in second and "nonce" not in second["Content-Security-Policy"]
    assert second["Cache-Control"] == "public, max-age=60"
    assert "Cookie" in second["Vary"]
    assert second["ETag"].startswith('"') and second["Last-Modified"]


def test_etag_and_last_modified_give_304(page_cache, meeting):
    url = meeting.get_absolute_url()
    first, _ = visit(url)
    client = Client()
    not_modified = client.get(url, headers={"If-None-Match": first["ETag"]})
    assert not_modified.status_code == 304 and not_modified.content == b""
    assert not_modified["ETag"] == first["ETag"]
    assert "Cache-Control" in not_modified and "Cookie" in not_modified["Vary"]
    since = client.get(url, headers={"If-Modified-Since": first["Last-Modified"]})
    assert since.status_code == 304
    assert client.get(url, headers={"If-None-Match": '"something-else"'}).status_code == 200
    # After a change the old ETag no longer matches: the new page is sent.
    item = meeting.items.order_by("position").first()
    item.title = "Depot valuation (revised)"
    item.save()
    changed = client.get(url, headers={"If-None-Match": first["ETag"]})
    assert changed.status_code == 200 and changed["ETag"] != first["ETag"]


def test_an_uncached_answer_also_carries_its_etag(page_cache, meeting):
    url = meeting.get_absolute_url()
    first, _ = visit(url)
    generations.bump([generations.meeting_key(meeting.pk)])
    response = Client().get(url, headers={"If-None-Match": first["ETag"]})
    assert response.status_code == 304 and response["ETag"] == first["ETag"]


def test_a_signed_in_clerk_is_never_answered_from_nor_stored_in_the_cache(
    page_cache, meeting, clerk_client
):
    url = meeting.get_absolute_url()
    cached(url)
    response = clerk_client.get(url)
    assert response.status_code == 200
    assert HEADER not in response
    assert response["Cache-Control"] == "private, no-store"
    assert "Cookie" in response["Vary"]
    # A clerk's preview of a draft meeting is never stored for the public.
    draft = f.AgendaItemFactory(title=f"{SECRET} draft business").meeting
    draft_url = draft.get_absolute_url()
    assert SECRET in clerk_client.get(draft_url).content.decode()
    assert Client().get(draft_url).status_code == 404
    # Nor is anything a clerk visits first.
    generations.bump([generations.meeting_key(meeting.pk), generations.SITE])
    clerk_client.get(url)
    assert visit(url)[0][HEADER] == "miss"


def test_any_cookie_but_csrf_bypasses_the_cache(page_cache, meeting):
    url = meeting.get_absolute_url()
    cached(url)
    client = Client()
    client.cookies["csrftoken"] = "x" * 32
    assert client.get(url)[HEADER] == "hit"
    for name in ("sessionid", "messages"):
        client = Client()
        client.cookies[name] = "anything"
        response = client.get(url)
        assert HEADER not in response and response["Cache-Control"] == "private, no-store"


def test_the_editor_forms_and_files_are_never_cached(page_cache, meeting, clerk_client):
    item = meeting.items.order_by("position").first()
    document = meeting.documents.filter(item=item).first()
    for url in (
        reverse("admin:index"),
        reverse("agenda:take_part", kwargs={"slug": meeting.slug}),
        reverse("agenda:alternative_format"),
        document.get_absolute_url(),
        reverse("healthz"),
    ):
        for _ in range(2):
            assert HEADER not in Client().get(url), url


def test_a_page_that_needs_a_csrf_token_a_cookie_or_a_nonce_is_not_stored():
    from django.http import HttpResponse

    request = RequestFactory().get("/")
    assert storable(request, HttpResponse("page"))
    request.META["CSRF_COOKIE_NEEDS_UPDATE"] = True
    assert not storable(request, HttpResponse("page"))
    request = RequestFactory().get("/")
    request._csp_nonce = "abc"
    assert not storable(request, HttpResponse("page"))
    request = RequestFactory().get("/")
    with_cookie = HttpResponse("page")
    with_cookie.set_cookie("seen", "1")
    assert not storable(request, with_cookie)
    for control in ("private", "no-store", "no-cache"):
        response = HttpResponse("page", headers={"Cache-Control": control})
        assert not storable(request, response)
    assert not storable(request, HttpResponse("page", headers={"Vary": "Accept-Language"}))


def test_a_change_while_the_page_renders_is_never_stored(page_cache, meeting, monkeypatch):
    from agenda.views.meetings import MeetingDetailView

    original = MeetingDetailView.get_context_data

    def changing_meanwhile(self, **kwargs):
        context = original(self, **kwargs)
        generations.bump([generations.meeting_key(meeting.pk), generations.SITE])
        return context

    monkeypatch.setattr(MeetingDetailView, "get_context_data", changing_meanwhile)
    url = meeting.get_absolute_url()
    assert visit(url)[0][HEADER] == "miss"
    assert visit(url)[0][HEADER] == "miss"


# --------------------------------------------------------- each kind of change retires


def test_publishing_an_agenda(page_cache, manager):
    item = f.AgendaItemFactory(title=f"{SECRET} depot sale")
    f.DocumentFactory(item=item, title="Depot report")
    elsewhere = other_meeting()
    meeting = Meeting.objects.get(pk=item.meeting_id)
    Meeting.objects.filter(pk=meeting.pk).update(is_listed=True)
    meeting.refresh_from_db()
    urls = [meeting.get_absolute_url(), reverse("agenda:home"), "/api/oparl/v1/meetings"]
    for url in urls:
        assert SECRET not in cached(url)
    publishing.run("publish_agenda", meeting, manager, urgency_reason=URGENT)
    for url in urls:
        assert visit(url)[0][HEADER] == "miss", url
    assert SECRET in cached(meeting.get_absolute_url())
    assert meeting.committee.name in cached(reverse("agenda:home"))
    still_cached(elsewhere)


def test_publishing_a_supplement(page_cache, meeting, manager):
    elsewhere = other_meeting()
    Meeting.objects.filter(pk=meeting.pk).update(
        start=timezone.now() + datetime.timedelta(days=10),
        minutes_status=Meeting.MinutesStatus.NONE,
    )
    meeting.refresh_from_db()
    url = meeting.get_absolute_url()
    cached(url)
    f.AgendaItemFactory(meeting=meeting, title="Late item on the boathouse", position=50)
    assert "boathouse" not in cached(url)  # added, not yet published
    publishing.run("publish_supplement", meeting, manager, urgency_reason=URGENT)
    response, text = visit(url)
    assert response[HEADER] == "miss" and "boathouse" in text
    still_cached(elsewhere)


def test_recording_an_erratum(page_cache, manager):
    meeting = realistic_meeting(items=1, documents=0, attendees=1, approved=True)
    elsewhere = other_meeting()
    url = meeting.get_absolute_url()
    cached(url)
    publishing.run("record_erratum", meeting, manager, text="Minute 1: for 7 votes read 8.")
    response, text = visit(url)
    assert response[HEADER] == "miss" and "for 7 votes read 8" in text
    still_cached(elsewhere)


def test_withdrawing_an_item(page_cache, meeting, manager):
    elsewhere = other_meeting()
    pages = pages_of(meeting)
    for url in pages:
        cached(url)
    item = meeting.items.order_by("position").first()
    publishing.run("withdraw_item", meeting, manager, item=item, note="Deferred to May.")
    for url in pages:
        response, text = visit(url)
        assert response.get(HEADER) != "hit" and SECRET not in text, url
    assert "Withdrawn: Deferred to May." in visit(meeting.get_absolute_url())[1]
    still_cached(elsewhere)


def test_moving_the_meeting(page_cache, meeting, manager):
    elsewhere = other_meeting()
    old_url = meeting.get_absolute_url()
    committee_url = meeting.committee.get_absolute_url()
    cached(old_url)
    cached(committee_url)
    new_start = meeting.start + datetime.timedelta(days=1)
    publishing.run(
        "move_meeting", meeting, manager, start=new_start, notice="The hall is being repaired."
    )
    meeting.refresh_from_db()
    moved = Client().get(old_url)
    assert moved.status_code == 301 and moved["Location"].endswith(meeting.get_absolute_url())
    response, text = visit(meeting.get_absolute_url())
    assert response.status_code == 200 and "The hall is being repaired." in text
    response, text = visit(committee_url)
    assert response[HEADER] == "miss" and meeting.slug in text
    still_cached(elsewhere)


@pytest.mark.parametrize("how", ["step", "editor"])
def test_making_an_item_exempt_and_public_again(page_cache, meeting, clerk, manager, how):
    elsewhere = other_meeting()
    pages = pages_of(meeting)
    for url in pages:
        cached(url)
    assert SECRET in visit(pages[0])[1]
    item = meeting.items.order_by("position").first()
    if how == "step":
        publishing.run("exempt_item", meeting, clerk, item=item, paragraph=3)
    else:
        from tests.agenda.admin_forms import change_form_data

        editor = Client()
        editor.force_login(clerk)
        url = reverse("admin:agenda_agendaitem_change", args=[item.pk])
        data = change_form_data(editor.get(url))
        data.update(is_exempt="on", exempt_paragraph="3", public_interest_reason="Commercial.")
        editor.post(url, data)
    answers = {url: visit(url) for url in pages}
    assert [url for url, (response, _) in answers.items() if response.get(HEADER) == "hit"] == []
    assert [url for url, (_, text) in answers.items() if SECRET in text] == []
    still_cached(elsewhere)
    # A manager makes it public again: the content is back at once, not after a timeout.
    item.refresh_from_db()
    publishing.run("exempt_item", meeting, manager, item=item, exempt=False)
    assert SECRET in visit(meeting.get_absolute_url())[1]


def test_replacing_a_document(page_cache, meeting):
    elsewhere = other_meeting()
    url = meeting.get_absolute_url()
    document = meeting.documents.filter(item__isnull=False).first()
    assert document.title in cached(url)
    document.title = "Revised depot valuation"
    document.file.save("revised.pdf", ContentFile(make_pdf("Revised", ["New figures."])))
    response, text = visit(url)
    assert response[HEADER] == "miss" and "Revised depot valuation" in text
    still_cached(elsewhere)


def test_a_published_document_made_exempt_leaves_every_page(page_cache, meeting, clerk):
    document = meeting.documents.filter(item__isnull=False).first()
    pages = [*pages_of(meeting), "/api/oparl/v1/files", f"/api/oparl/v1/files/{document.pk}"]
    for url in pages:
        cached(url)
    publishing.run("exempt_document", meeting, clerk, document=document)
    assert [url for url in pages if document.title in visit(url)[1]] == []


def test_cancelling_a_meeting_and_a_change_of_committee(page_cache, meeting, manager):
    upcoming = realistic_meeting(
        items=1,
        documents=0,
        attendees=1,
        minutes=False,
        start=timezone.now() + datetime.timedelta(days=9),
        committee_name="Harbour Committee",
    )
    url = upcoming.get_absolute_url()
    cached(url)
    publishing.run("cancel", upcoming, manager, notice="The chair is unwell.")
    assert "ancelled" in visit(url)[1]
    cached(url)
    # The organisation (a committee renamed) retires every page.
    committee = upcoming.committee
    committee.name = "Renamed Area Committee"
    committee.save()
    assert "Renamed Area Committee" in visit(url)[1]


# ----------------------------------------------------------------- transactions, for real


@pytest.mark.django_db(transaction=True)
def test_pages_are_retired_when_the_transaction_commits_and_not_on_rollback(page_cache):
    meeting = realistic_meeting(items=1, documents=0, attendees=1, exempt=False)
    url = meeting.get_absolute_url()
    cached(url)
    item = meeting.items.get()
    with pytest.raises(RuntimeError), transaction.atomic():
        AgendaItem.objects.filter(pk=item.pk).update(agenda_text=f"<p>{SECRET}</p>")
        after_publish(meeting, "all", now=timezone.now())
        raise RuntimeError("rolled back")
    still_cached(url)  # nothing changed, nothing retired
    with transaction.atomic():
        item = AgendaItem.objects.get(pk=item.pk)
        item.title = "Retitled in a transaction"
        item.save()
        # Not yet committed: other visitors may still be shown the committed page.
        assert "Retitled" not in visit(url)[1]
    response, text = visit(url)
    assert response[HEADER] == "miss" and "Retitled in a transaction" in text


def test_a_bulk_write_retires_everything_rather_than_a_token_per_meeting(db):
    from agenda.caching.invalidation import MANY_MEETINGS, Changes

    changes = Changes()
    changes.add(meetings=range(1, MANY_MEETINGS + 2))
    assert changes.names() == {generations.ORG, generations.SITE}
    few = Changes()
    few.add(meetings=[1, 2])
    assert few.names() == {"m:1", "m:2", generations.SITE}


def test_every_model_is_placed_knowingly():
    """Each model either names a meeting (its writes retire that meeting's pages), is the
    organisation's (retires everything) or is private (retires nothing)."""
    from agenda.caching.dependencies import ORGANISATION, PRIVATE, meeting_links, watched_models

    assert not ORGANISATION & PRIVATE

    unplaced, misplaced = [], []
    for model in watched_models():
        label = model._meta.label_lower
        names_a_meeting = any(meeting_links(model))
        if not names_a_meeting and label not in ORGANISATION:
            unplaced.append(label)
        if names_a_meeting and label in ORGANISATION:
            misplaced.append(label)
    assert unplaced == [], "add to ORGANISATION or PRIVATE in agenda/caching/dependencies.py"
    assert misplaced == []
