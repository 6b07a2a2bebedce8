"""Nothing private leaks through search, feeds, calendars, the API or the sitemap.

The `council` fixture plants MARKER in an exempt item's agenda text, minutes,
recommendations, resolutions, declaration and action; in an exempt document and an
unpublished document (as PDF text); in draft minutes; and in a draft meeting. Every
output of this issue is fetched and searched for it."""

import json
import re

import feedparser
from django.urls import reverse

from agenda.models import Document, SearchEntry
from agenda.search.indexing import rebuild_search_index
from committees.models import Committee
from tests.agenda.find.conftest import MARKER

HOST = "http://testserver"


def fetch(client, url):
    response = client.get(url.replace(HOST, ""))
    assert response.status_code in (200, 404), (url, response.status_code)
    body = response.content.decode()
    assert MARKER not in body.lower(), f"private text leaked at {url}"
    return response


def assert_no_marker(entries):
    for entry in entries:
        text = " ".join([entry.title, entry.body, entry.snippet, entry.url]).lower()
        assert MARKER not in text


def crawl_api(client):
    """Every URL on this host found in any API answer, starting from System."""
    todo, seen = [reverse("api:system")], set()
    while todo:
        url = todo.pop()
        if url in seen or len(seen) > 400:
            continue
        seen.add(url)
        response = fetch(client, url)
        if response["Content-Type"] != "application/json":
            continue
        for found in re.findall(r'"(http://testserver/api/[^"]+)"', json.dumps(response.json())):
            todo.append(found)
    return seen


def test_marker_reaches_no_output(client, council):
    # Text from exempt and unpublished PDFs was really extracted-able: the test is meaningful.
    secret_docs = Document.objects.filter(title__in=["Valuation appendix", "Late survey results"])
    assert secret_docs.count() == 2
    rebuild_search_index(extract=True)
    assert not SearchEntry.objects.filter(body__icontains=MARKER).exists()
    assert not SearchEntry.objects.filter(title__icontains=MARKER).exists()

    # The search page and feed echo the query, so check what they return, not the echo.
    for query in [MARKER, f'"{MARKER}"', f"{MARKER} land", f"-{MARKER}"]:
        response = client.get("/search/", {"q": query})
        assert response.context["total"] == 0 or query.startswith("-")
        assert_no_marker(response.context["results"])
        feed = feedparser.parse(client.get(reverse("search:feed"), {"q": query}).content)
        assert MARKER not in json.dumps(feed.entries, default=str).lower()
    for query in ["Mill Lane", "secret plan", "land", "valuation", "survey", "price"]:
        fetch(client, f"/search/?q={query.replace(' ', '+')}")
        fetch(client, f"{reverse('search:feed')}?q={query.replace(' ', '+')}")

    fetch(client, reverse("follow:feed"))
    fetch(client, reverse("follow:calendar"))
    for committee in Committee.objects.all():
        fetch(client, reverse("follow:committee_feed", args=[committee.slug]))
        fetch(client, reverse("follow:committee_calendar", args=[committee.slug]))
    for meeting in (council.area_meeting, council.planning_meeting, council.cabinet_meeting):
        fetch(client, reverse("follow:meeting_calendar", args=[meeting.slug]))
        fetch(client, meeting.get_absolute_url())  # carries the JSON-LD
    fetch(client, reverse("follow:meeting_calendar", args=[council.draft.slug]))

    visited = crawl_api(client)
    assert len(visited) > 30
    for pk in (council.exempt.pk, council.pothole.pk):
        fetch(client, reverse("api:item_minutes", args=[pk]))
        fetch(client, reverse("api:agendaitem_detail", args=[pk]))
    fetch(client, reverse("api:meeting_minutes", args=[council.draft.pk]))
    fetch(client, reverse("api:meeting_detail", args=[council.draft.pk]))

    index = fetch(client, "/sitemap.xml").content.decode()
    for section in re.findall(r"<loc>([^<]+)</loc>", index):
        sitemap = fetch(client, section).content.decode()
        assert council.draft.slug not in sitemap
    fetch(client, "/robots.txt")
