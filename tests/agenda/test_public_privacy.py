"""Crawl the whole public site as an anonymous visitor: a marker planted in everything that
is not public (exempt content, drafts, unpublished documents) must appear nowhere."""

import datetime
import re
from collections import deque

import pytest
from django.core.files.base import ContentFile
from django.test import Client
from django.utils import timezone

from agenda.models import AgendaItem, Decision, Meeting, Motion, Vote, VoteEvent
from tests import factories as f
from tests.public_data import realistic_meeting

pytestmark = pytest.mark.django_db

MARKER = "zq7MARKERx41"
HREF = re.compile(r'href="([^"]+)"')


def secret_file(name):
    return ContentFile(f"%PDF-1.4 {MARKER} confidential".encode(), name=name)


def plant_exempt_content(meeting):
    exempt = meeting.items.get(is_exempt=True)
    AgendaItem.objects.filter(pk=exempt.pk).update(
        agenda_text=f"<p>{MARKER} agenda</p>",
        minutes_text=f"<p>{MARKER} minutes</p>",
        report_reference=MARKER,
        action_owner=MARKER,
        public_interest_reason=MARKER,
        urgency_reason=MARKER,
    )
    f.RecommendationFactory(item=exempt, position=1, text=f"{MARKER} recommended")
    resolution = f.ResolutionFactory(item=exempt, position=1, text=f"{MARKER} resolved")
    f.ActionFactory(item=exempt, resolution=resolution, description=MARKER, owner=MARKER)
    f.DeclarationFactory(item=exempt, description=f"{MARKER} interest")
    published = timezone.now() - datetime.timedelta(minutes=1)
    f.DocumentFactory(item=exempt, title=f"{MARKER} report", file=secret_file("e.pdf"))
    f.DocumentFactory(
        item=None,
        meeting=meeting,
        title=f"{MARKER} exempt appendix",
        is_exempt=True,
        published_at=published,
        file=secret_file("x.pdf"),
    )
    meeting.documents.update(published_at=published)
    open_item = meeting.items.filter(is_exempt=False).first()
    f.DocumentFactory(
        item=open_item, title=f"{MARKER} not yet published", file=secret_file("u.pdf")
    )
    f.AgendaItemFactory(meeting=meeting, title=f"{MARKER} late item", agenda_text=MARKER)


DECISION_WORDS = {
    "purpose": f"<p>{MARKER} purpose</p>",
    "text": f"<p>{MARKER} decided</p>",
    "reasons": f"<p>{MARKER} reasons</p>",
    "alternatives": f"<p>{MARKER} alternatives</p>",
    "conflicts": f"<p>{MARKER} conflicts</p>",
    "dispensations": f"<p>{MARKER} dispensations</p>",
}


def plant_exempt_decisions(meeting):
    """Decisions whose words are private: one on the exempt item (called in, urgent
    reasons and all), an officer's own exempt decision, one not yet published and one
    on a public item but of a committee hidden from the site."""
    exempt = meeting.items.get(is_exempt=True)
    scrutiny = f.CommitteeFactory(name="Scrutiny", kind="scrutiny")
    later = f.MeetingFactory(committee=scrutiny)
    scrutiny_item = f.AgendaItemFactory(meeting=later, title=f"{MARKER} call-in item")
    f.DecisionFactory(
        title="Contract award decision",
        kind=Decision.Kind.COMMITTEE,
        committee=meeting.committee,
        meeting=meeting,
        item=exempt,
        decided_on=timezone.localdate(meeting.start),
        called_in_on=timezone.localdate(),
        called_in_by=f"{MARKER} members",
        call_in_reason=f"{MARKER} call-in reason",
        call_in=Decision.CallIn.CALLED_IN,
        scrutiny_item=scrutiny_item,
        **DECISION_WORDS,
    )
    f.DecisionFactory(
        title="Purchase of a depot",
        is_exempt=True,
        exempt_paragraph=3,
        is_urgent=True,
        urgency_reason=f"{MARKER} urgency",
        **DECISION_WORDS,
    )
    f.DecisionFactory(title=f"{MARKER} unpublished decision", published_at=None)
    hidden = f.CommitteeFactory(name="Hidden panel", is_public=False)
    f.DecisionFactory(
        title=f"{MARKER} hidden committee's decision", committee=hidden, **DECISION_WORDS
    )


def plant_draft_meeting(committee):
    topic = f.TopicFactory(name=f"{MARKER} topic")
    meeting = f.MeetingFactory(
        committee=committee,
        title=f"{MARKER} title",
        status_notice=MARKER,
        webcast_url=f"https://example.org/{MARKER}",
        start=timezone.now() - datetime.timedelta(days=3),
    )
    item = f.AgendaItemFactory(
        meeting=meeting,
        title=f"{MARKER} item",
        agenda_text=MARKER,
        minutes_text=MARKER,
        report_reference=MARKER,
        action_owner=MARKER,
        public_interest_reason=MARKER,
        urgency_reason=MARKER,
        topic=topic,
        published_at=timezone.now() - datetime.timedelta(days=1),
    )
    f.RecommendationFactory(item=item, position=1, text=MARKER)
    f.ResolutionFactory(item=item, position=1, text=MARKER)
    f.DocumentFactory(
        item=item,
        title=f"{MARKER} draft report",
        published_at=timezone.now() - datetime.timedelta(days=1),
        file=secret_file("d.pdf"),
    )
    f.AttendanceFactory(meeting=meeting, note=MARKER)
    f.DeclarationFactory(item=item, description=MARKER)
    f.DecisionFactory(
        title=f"{MARKER} draft decision", meeting=meeting, item=item, **DECISION_WORDS
    )
    # A meeting listed in the calendar before its agenda: date and venue only.
    listed = f.MeetingFactory(committee=committee, is_listed=True)
    f.AgendaItemFactory(meeting=listed, title=f"{MARKER} listed item", agenda_text=MARKER)
    return meeting


def plant_vote(item, mover, *, text, reason="", seconder=None):
    """A motion on `item` moved by `mover`, decided by a recorded vote naming them."""
    moment = item.meeting.start + datetime.timedelta(minutes=20)
    motion = Motion.objects.create(
        item=item,
        position=item.motions.count() + 1,
        text=text,
        proposed_text=text,
        mover=mover,
        seconder=seconder,
        outcome=Motion.Outcome.CARRIED,
        proposed_at=moment,
        decided_at=moment,
    )
    event = VoteEvent.objects.create(
        motion=motion,
        method=VoteEvent.Method.RECORDED,
        votes_for=1,
        votes_against=0,
        abstentions=0,
        eligible=2,
        result=VoteEvent.Result.CARRIED,
        at=moment,
    )
    Vote.objects.create(vote_event=event, person=mover, option="yes", reason=reason)
    if seconder is not None:
        Vote.objects.create(vote_event=event, person=seconder, option="not_voting", reason=reason)
    return event


def plant_votes(meeting, draft):
    """Votes whose every word is private: on the exempt item of the published meeting, on
    the draft meeting's item, and in a meeting whose agenda is out but whose minutes are
    not. One open vote on a public item shows that votes are served at all."""
    member = meeting.attendances.select_related("person").first().person
    other = f.PersonFactory(name="Seconder Secondson")
    f.AttendanceFactory(meeting=meeting, person=other)
    plant_vote(
        meeting.items.get(is_exempt=True),
        member,
        seconder=other,
        text=f"(1) {MARKER} exempt motion",
        reason=f"{MARKER} reason",
    )
    plant_vote(draft.items.first(), member, text=f"(1) {MARKER} draft meeting motion")
    pending = f.MeetingFactory(
        committee=meeting.committee, start=timezone.now() - datetime.timedelta(days=2)
    )
    f.AttendanceFactory(meeting=pending, person=member, note=MARKER)
    pending_item = f.AgendaItemFactory(meeting=pending, title="Pending minutes item")
    plant_vote(
        pending_item, member, seconder=other, text=f"(1) {MARKER} minutes not out", reason=MARKER
    )
    f.publish(pending)  # the agenda only
    open_item = meeting.items.filter(is_exempt=False).first()
    return plant_vote(open_item, member, seconder=other, text="(1) That the report be noted.")


def crawl(client, start="/"):
    years = {str(day.year) for day in Meeting.objects.dates("start", "year")}
    seen, queue, bodies = set(), deque([start]), {}
    while queue:
        url = queue.popleft()
        if url in seen:
            continue
        seen.add(url)
        response = client.get(url)
        assert response.status_code in (200, 302, 404), url
        if hasattr(response, "streaming_content"):
            body = b"".join(response.streaming_content)
        else:
            body = response.content
        bodies[url] = body
        if "html" not in response.get("Content-Type", ""):
            continue
        for href in HREF.findall(body.decode()):
            href = href.replace("&amp;", "&").split("#")[0]
            if not href.startswith("/") or href.startswith("//"):
                continue
            if href.startswith(("/editor/", "/static/")):
                continue
            calendar = re.match(r"/meetings/calendar/(\d{4})/", href)
            if calendar and calendar.group(1) not in years:
                continue
            if href.startswith("?"):
                continue
            queue.append(href)
        assert len(seen) < 800, "crawl is not converging"
    return bodies


def test_nothing_private_is_reachable_from_the_home_page(client):
    meeting = realistic_meeting(items=3, documents=3, attendees=4)
    plant_exempt_content(meeting)
    plant_exempt_decisions(meeting)
    f.DecisionFactory(title="Open decision", meeting=meeting, item=meeting.items.first())
    draft = plant_draft_meeting(meeting.committee)
    open_vote = plant_votes(meeting, draft)

    bodies = crawl(client)

    leaks = [url for url, body in bodies.items() if MARKER.encode() in body]
    assert leaks == []
    # The crawl really covered the site: pages, an item, a download, the committee.
    assert meeting.get_absolute_url() in bodies
    assert meeting.committee.get_absolute_url() in bodies
    assert any(url.startswith("/items/") for url in bodies)
    assert any(url.startswith("/documents/") for url in bodies)
    assert any(url.startswith("/people/") for url in bodies)
    # ... and the decisions register, notices, the CSVs, the API and the bulk export.
    assert "/decisions/" in bodies
    assert b"Contract award decision" in bodies["/decisions/"]
    assert b"Purchase of a depot" in bodies["/decisions/"]
    decisions = {d.title: d.get_absolute_url() for d in Decision.objects.all()}
    assert decisions["Contract award decision"] in bodies
    assert decisions["Purchase of a depot"] in bodies
    assert f"/meetings/{meeting.slug}/decisions/" in bodies
    for address in (
        "/decisions/feed/",
        "/api/v1/decisions.csv",
        "/api/v1/actions.csv",
        "/api/v1/attendance.csv",
        "/api/v1/export.jsonl",
        "/api/oparl/v1/x-minutebook/decisions",
        "/api/oparl/v1/x-minutebook/actions",
        "/api/oparl/v1/x-minutebook/attendance",
        "/api/oparl/v1/x-minutebook/vote-events",
        "/api/oparl/v1/x-minutebook/motions",
        "/api/v1/vote-events.csv",
        "/api/v1/votes.csv",
    ):
        assert address in bodies, address
    assert b"Purchase of a depot" in bodies["/api/v1/export.jsonl"]
    assert b"Purchase of a depot" in bodies["/decisions/feed/"]
    # Votes: the open one is served and shown on its mover's record; no other is.
    voter = open_vote.votes.get(option="yes").person
    record = f"/people/{voter.slug}/record/"
    assert record in bodies
    assert b"That the report be noted." in bodies[record]
    assert (
        f"/api/oparl/v1/x-minutebook/vote-events/{open_vote.pk}".encode()
        in (bodies["/api/oparl/v1/x-minutebook/vote-events"])
    )
    assert bodies["/api/v1/export.jsonl"].count(b"x-minutebook:VoteEvent") == 1
    assert bodies["/api/v1/export.jsonl"].count(b'"type": "x-minutebook:Motion"') == 1
    assert bodies["/api/v1/votes.csv"].count(b"\n") == 1 + 2  # header, the open vote's two
    for event in VoteEvent.objects.exclude(pk=open_vote.pk):
        assert client.get(f"/api/oparl/v1/x-minutebook/vote-events/{event.pk}").status_code == 404
        assert client.get(f"/api/oparl/v1/x-minutebook/motions/{event.motion_id}").status_code == (
            404
        )
    assert draft.get_absolute_url() not in bodies
    assert client.get(draft.get_absolute_url()).status_code == 404

    # The page cache: a clerk's preview of the draft (marker and all) is never stored for
    # the public, and a second crawl, answered from the cache, is as clean as the first.
    clerk = Client()
    clerk.force_login(f.user_in_group("previewer", "Clerk"))
    assert MARKER in clerk.get(draft.get_absolute_url()).content.decode()
    again = crawl(client)
    assert again.keys() == bodies.keys()
    assert [url for url, body in again.items() if MARKER.encode() in body] == []
    assert client.get(meeting.get_absolute_url())["X-Page-Cache"] == "hit"
