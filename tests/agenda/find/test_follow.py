"""Atom feeds, iCalendar feeds, sitemap, robots.txt and the meeting page's JSON-LD."""

import json
import re

import feedparser
import icalendar
from django.urls import reverse


def parse_feed(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.bozo_exception
    return feed


def test_atom_feed_lists_publications(client, council, django_assert_num_queries):
    with django_assert_num_queries(2):
        feed = parse_feed(client, reverse("follow:feed"))
    titles = [entry.title for entry in feed.entries]
    assert any(t.startswith("Minutes: Eastbrook Area Committee") for t in titles)
    assert any(t.startswith("Agenda: Planning Committee") for t in titles)
    assert not any("Minutes: Planning" in t for t in titles)  # draft minutes are not out
    assert all(entry.link.startswith("http://testserver/meetings/") for entry in feed.entries)


def test_committee_feed_and_discovery_link(client, council):
    url = reverse("follow:committee_feed", args=[council.planning.slug])
    feed = parse_feed(client, url)
    assert {e.title.split(":")[1].strip().split(",")[0] for e in feed.entries} == {
        "Planning Committee"
    }
    page = client.get(council.planning.get_absolute_url()).content.decode()
    assert (
        'type="application/atom+xml" title="Planning Committee: new agendas and minutes" '
        f'href="{url}"' in page
    )
    assert reverse("follow:committee_calendar", args=[council.planning.slug]) in page
    listing = client.get(reverse("agenda:meeting_list")).content.decode()
    assert f'href="{reverse("follow:feed")}"' in listing
    assert reverse("follow:calendar") in listing


def test_private_committee_feed_is_404(client, council):
    council.planning.is_public = False
    council.planning.save()
    assert (
        client.get(reverse("follow:committee_feed", args=[council.planning.slug])).status_code
        == 404
    )
    assert (
        client.get(reverse("follow:committee_calendar", args=[council.planning.slug])).status_code
        == 404
    )


def parse_calendar(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    calendar = icalendar.Calendar.from_ical(response.content)
    assert calendar.to_ical() == response.content  # round-trips unchanged
    return calendar


def test_calendar_feed(client, council, django_assert_num_queries):
    with django_assert_num_queries(1):
        calendar = parse_calendar(client, reverse("follow:calendar"))
    events = {str(e["uid"]): e for e in calendar.walk("VEVENT")}
    assert set(events) == {
        f"meeting-{m.pk}@testserver"
        for m in (council.area_meeting, council.planning_meeting, council.cabinet_meeting)
    }
    cancelled = events[f"meeting-{council.cabinet_meeting.pk}@testserver"]
    assert str(cancelled["status"]) == "CANCELLED"
    assert "City Hall" in str(cancelled["location"])
    assert str(cancelled["url"]).endswith(council.cabinet_meeting.get_absolute_url())
    assert cancelled.decoded("dtstart") == council.cabinet_meeting.start
    assert cancelled.decoded("dtend") > cancelled.decoded("dtstart")
    assert int(cancelled["sequence"]) == council.cabinet_meeting.version
    assert "last-modified" in cancelled and "dtstamp" in cancelled


def test_committee_and_meeting_calendars(client, council):
    url = reverse("follow:committee_calendar", args=[council.area.slug])
    events = parse_calendar(client, url).walk("VEVENT")
    assert [str(e["uid"]) for e in events] == [f"meeting-{council.area_meeting.pk}@testserver"]
    one = reverse("follow:meeting_calendar", args=[council.planning_meeting.slug])
    assert len(parse_calendar(client, one).walk("VEVENT")) == 1
    page = client.get(council.planning_meeting.get_absolute_url()).content.decode()
    assert f'href="{one}"' in page
    draft = reverse("follow:meeting_calendar", args=[council.draft.slug])
    assert client.get(draft).status_code == 404


def test_meeting_jsonld(client, council):
    council.cabinet_meeting.title = "Budget </script><b>special</b> & more"
    council.cabinet_meeting.save()
    page = client.get(council.cabinet_meeting.get_absolute_url()).content.decode()
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', page, re.S)
    assert len(blocks) == 1
    assert "<" not in blocks[0] and "&" not in blocks[0]
    data = json.loads(blocks[0])
    assert data["@type"] == "Event"
    assert data["name"].startswith("Budget </script><b>special</b> & more")
    assert data["eventStatus"] == "https://schema.org/EventCancelled"
    assert data["location"]["name"] == "City Hall, Committee Room 1"
    assert data["url"] == "http://testserver" + council.cabinet_meeting.get_absolute_url()


def test_sitemap_lists_public_pages_only(client, council):
    index = client.get("/sitemap.xml")
    assert index.status_code == 200
    sections = re.findall(r"<loc>([^<]+)</loc>", index.content.decode())
    locations = []
    for section in sections:
        response = client.get(section.replace("http://testserver", ""))
        assert response.status_code == 200
        locations += re.findall(r"<loc>([^<]+)</loc>", response.content.decode())
    assert "http://testserver" + council.area_meeting.get_absolute_url() in locations
    assert "http://testserver" + council.exempt.get_absolute_url() in locations  # title only
    assert "http://testserver" + council.draft.get_absolute_url() not in locations


def test_robots_txt(client, db):
    response = client.get("/robots.txt")
    text = response.content.decode()
    assert response["Content-Type"].startswith("text/plain")
    assert "Disallow: /editor/" in text
    assert "Sitemap: http://testserver/sitemap.xml" in text
