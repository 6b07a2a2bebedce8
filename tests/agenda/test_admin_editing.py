"""Editing in the clerk's editor: hostile HTML is cleaned, items reorder, defaults fill in."""

import datetime

import pytest
from django.utils import timezone

from agenda.models import AgendaItem, Meeting
from committees.models import Committee
from tests.admin_objects import admin_url, management
from tests.factories import (
    AgendaItemFactory,
    CommitteeFactory,
    MeetingFactory,
    OfficerFactory,
    ScrutinyAreaFactory,
)

pytestmark = pytest.mark.django_db

HOSTILE = (
    '<p>Fine <script>alert("x")</script><img src="x" onerror="alert(1)">'
    '<a href="javascript:alert(2)" onclick="steal()">link</a>'
    '<iframe src="https://evil.example/"></iframe>'
    '<span style="position:fixed">styled</span><strong>kept</strong></p>'
)
FORBIDDEN = ("<script", "alert", "onerror", "onclick", "javascript:", "<iframe", "style=", "<img")


def assert_clean(html):
    assert "kept" in html and "Fine" in html
    for needle in FORBIDDEN:
        assert needle not in html.lower(), (needle, html)


def test_hostile_html_saved_through_the_editor_is_stored_clean(admin_client):
    item = AgendaItemFactory()
    data = {
        "meeting": item.meeting_id,
        "position": item.position,
        "number": item.number,
        "kind": "business",
        "title": "Hostile",
        "agenda_text": HOSTILE,
        "minutes_text": HOSTILE,
        "report_reference": "",
        "action_owner": "",
        **management("recommendations", 1),
        "recommendations-0-position": "1",
        "recommendations-0-text": HOSTILE,
        **management("resolutions", 0),
        **management("actions", 0),
        **management("documents", 0),
        **management("declarations", 0),
    }
    response = admin_client.post(admin_url(AgendaItem, "change", item.pk), data)
    assert response.status_code == 302
    item.refresh_from_db()
    assert_clean(item.agenda_text)
    assert_clean(item.minutes_text)
    assert_clean(item.recommendations.get().text)


def test_hostile_committee_purpose_is_stored_clean(admin_client):
    committee = CommitteeFactory()
    data = {
        "name": committee.name,
        "kind": committee.kind,
        "is_active": "on",
        "is_public": "on",
        "purpose": HOSTILE,
        "terms_of_reference": HOSTILE,
        "default_venue": committee.default_venue_id,
        "default_start_time": "18:00",
        "agenda_clear_days": "5",
        "public_questions_days": "3",
        "position": "100",
        **management("memberships", 0),
    }
    response = admin_client.post(admin_url(Committee, "change", committee.pk), data)
    assert response.status_code == 302
    committee.refresh_from_db()
    assert_clean(committee.purpose)
    assert_clean(committee.terms_of_reference)


def meeting_data(meeting, rows):
    data = {
        "committee": meeting.committee_id,
        "start_0": f"{timezone.localtime(meeting.start):%Y-%m-%d}",
        "start_1": f"{timezone.localtime(meeting.start):%H:%M}",
        "venue": meeting.venue_id or "",
        "status": meeting.status,
        **management("items", len(rows), len(rows)),
        **management("attendances", 0),
        **management("documents", 0),
    }
    for n, (item, position) in enumerate(rows):
        data.update(
            {
                f"items-{n}-id": item.pk,
                f"items-{n}-meeting": meeting.pk,
                f"items-{n}-position": position,
                f"items-{n}-number": item.number,
                f"items-{n}-kind": item.kind,
                f"items-{n}-title": item.title,
                f"items-{n}-exempt_paragraph": "",
            }
        )
    return data


def test_swapping_two_items_in_one_save_reorders_them(clerk_client):
    meeting = MeetingFactory()
    first = AgendaItemFactory(meeting=meeting, position=1, title="First")
    second = AgendaItemFactory(meeting=meeting, position=2, title="Second")
    data = meeting_data(meeting, [(first, 2), (second, 1)])
    response = clerk_client.post(admin_url(Meeting, "change", meeting.pk), data)
    assert response.status_code == 302, response.context and response.context["errors"]
    assert list(meeting.items.values_list("title", flat=True)) == ["Second", "First"]


def test_duplicate_positions_give_a_form_error_not_a_crash(clerk_client):
    meeting = MeetingFactory()
    first = AgendaItemFactory(meeting=meeting, position=1, title="First")
    second = AgendaItemFactory(meeting=meeting, position=2, title="Second")
    data = meeting_data(meeting, [(first, 1), (second, 1)])
    response = clerk_client.post(admin_url(Meeting, "change", meeting.pk), data)
    assert response.status_code == 200
    errors = str(response.context["errors"])
    assert "Two rows have the same order (1)" in errors, errors
    assert list(meeting.items.values_list("title", "position")) == [("First", 1), ("Second", 2)]


def test_new_meeting_takes_the_committees_usual_venue_and_time(clerk_client):
    committee = CommitteeFactory(
        default_start_time=datetime.time(14, 30), support_officer=OfficerFactory()
    )
    response = clerk_client.get(admin_url(Meeting, "add"), {"committee": committee.pk})
    initial = response.context["adminform"].form.initial
    assert initial["committee"] == committee.pk
    assert initial["venue"] == committee.default_venue_id
    assert initial["contact_officer"] == committee.support_officer_id
    assert timezone.localtime(initial["start"]).time() == datetime.time(14, 30)
    assert b"14:30" in response.content


def test_new_item_takes_the_next_number(clerk_client):
    meeting = MeetingFactory()
    AgendaItemFactory(meeting=meeting, position=1)
    AgendaItemFactory(meeting=meeting, position=2)
    response = clerk_client.get(admin_url(AgendaItem, "add"), {"meeting": meeting.pk})
    initial = response.context["adminform"].form.initial
    assert (initial["meeting"], initial["position"], initial["number"]) == (meeting.pk, 3, "3")


def test_new_item_via_the_editor_is_saved_with_that_number(clerk_client):
    meeting = MeetingFactory()
    AgendaItemFactory(meeting=meeting, position=1)
    area = ScrutinyAreaFactory()
    data = {
        "meeting": meeting.pk,
        "position": "2",
        "number": "2",
        "kind": "business",
        "title": "Next",
        "scrutiny_area": area.pk,
        **dict.fromkeys(("agenda_text", "minutes_text", "report_reference", "action_owner"), ""),
        **management("recommendations", 0),
        **management("resolutions", 0),
        **management("actions", 0),
        **management("documents", 0),
        **management("declarations", 0),
    }
    response = clerk_client.post(admin_url(AgendaItem, "add") + f"?meeting={meeting.pk}", data)
    assert response.status_code == 302
    assert meeting.items.get(title="Next").number == "2"


def test_exempt_item_without_a_paragraph_gives_a_form_error(clerk_client):
    meeting = MeetingFactory()
    item = AgendaItemFactory(meeting=meeting, position=1, title="Land sale")
    data = meeting_data(meeting, [(item, 1)])
    data["items-0-is_exempt"] = "on"
    response = clerk_client.post(admin_url(Meeting, "change", meeting.pk), data)
    assert response.status_code == 200
    errors = response.context["errors"]
    assert errors == [
        ["An exempt item needs its Schedule 12A paragraph: choose one, or untick “exempt”."]
    ]
    item.refresh_from_db()
    assert not item.is_exempt
