"""The console page: clerks only, every action a plain form post that works without
JavaScript (and records once when sent twice), and JSON for scripts."""

import json
import re

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from agenda.models import AttendanceSpan, ConsoleEvent, Declaration, Motion, Vote, VoteEvent
from tests.agenda.console_helpers import Meeting

pytestmark = pytest.mark.django_db


def url(m):
    return reverse("editor_meeting_console", kwargs={"pk": m.meeting.pk})


def client_ids(page):
    return re.findall(r'name="client_id" value="([0-9a-f]{32})"', page)


def post(client, m, kind, **fields):
    data = {
        "kind": kind,
        "client_id": fields.pop("client_id", None)
        or client_ids(client.get(url(m)).content.decode())[0],
    }
    data.update({key: getattr(value, "pk", value) for key, value in fields.items()})
    return client.post(url(m), data)


def test_only_clerks_open_the_console(clerk_client, django_user_model):
    m = Meeting()
    client = Client()
    response = client.get(url(m))
    assert response.status_code == 302 and "login" in response["Location"]
    staff = django_user_model.objects.create_user("staff", "s@example.org", "x", is_staff=True)
    client.force_login(staff)
    assert client.get(url(m)).status_code == 403
    assert client.post(url(m), {"kind": "arrive"}).status_code == 403
    page = clerk_client.get(url(m))
    assert page.status_code == 200
    text = page.content.decode()
    assert "Roll call" in text and "Not yet quorate" in text
    ids = client_ids(text)
    assert len(ids) > 20 and len(set(ids)) == len(ids)  # one fresh id per form
    assert "<script" not in text.split('id="content-main"')[1]  # nothing inline
    missing = reverse("editor_meeting_console", kwargs={"pk": 999999})
    assert clerk_client.get(missing).status_code == 404


def test_the_meeting_page_links_to_the_console(clerk_client):
    m = Meeting()
    page = clerk_client.get(reverse("admin:agenda_meeting_change", args=[m.meeting.pk]))
    assert url(m) in page.content.decode()


def test_roll_call_by_form_posts_and_a_double_press_records_once(clerk_client):
    m = Meeting()
    ahmed = m.members["Ahmed"]
    start = timezone.localtime(m.moment(0))
    response = post(
        clerk_client, m, "arrive", client_id="a" * 32, person=ahmed, at=f"{start:%H}.{start:%M}"
    )
    assert response.status_code == 302 and response["Location"].endswith("#roll-call")
    again = post(clerk_client, m, "arrive", client_id="a" * 32, person=ahmed)
    assert again.status_code == 302
    assert AttendanceSpan.objects.filter(attendance__person=ahmed).count() == 1
    page = clerk_client.get(again["Location"]).content.decode()
    assert "Already recorded: Cllr Ahmed arrived" in page
    assert "In the room since" in page
    # A clock time typed by the clerk is taken on the meeting's day.
    typed = timezone.localtime(m.moment(1))
    left = post(clerk_client, m, "leave", person=ahmed, at=f"{typed:%H}:{typed:%M}")
    assert left.status_code == 302
    span = AttendanceSpan.objects.get(attendance__person=ahmed)
    assert span.left_at == m.moment(1)
    post(clerk_client, m, "apologies", person=m.members["Brown"])
    post(
        clerk_client,
        m,
        "arrive",
        person=m.substitute,
        status="substitute",
        substitute_for=m.members["Brown"],
    )
    assert ConsoleEvent.objects.count() == 4


def test_an_item_run_through_by_form_posts(clerk_client):
    m = Meeting()
    m.everyone_arrives()
    item = m.items[2]
    post(clerk_client, m, "start_item", item=item, focus=item.pk)
    post(
        clerk_client,
        m,
        "declare",
        item=item,
        person=m.members["Clarke"],
        interest_kind="pecuniary",
        description="Owns the site",
        left_room="1",
    )
    assert Declaration.objects.get().kind == "pecuniary"
    response = post(
        clerk_client,
        m,
        "propose",
        item=item,
        mover=m.members["Ahmed"],
        seconder=m.members["Brown"],
        focus=item.pk,
    )
    assert response["Location"].endswith(f"?item={item.pk}#item")
    motion = Motion.objects.get()
    assert motion.from_recommendation
    page = clerk_client.get(response["Location"]).content.decode()
    assert "Vote on the motion moved by Cllr Ahmed" in page
    assert f'name="vote_{m.members["Clarke"].pk}"' not in page  # out for the interest
    post(
        clerk_client,
        m,
        "amend",
        motion=motion,
        mover=m.members["Davies"],
        text="(1) That the report be noted.",
        focus=item.pk,
    )
    amendment = Motion.objects.get(kind="amendment")
    post(
        clerk_client,
        m,
        "vote",
        motion=amendment,
        method="show_of_hands",
        **{"for": "2", "against": "5", "abstain": "0"},
    )
    assert Motion.objects.get(pk=amendment.pk).outcome == "lost"
    votes = {f"vote_{p.pk}": "yes" for name, p in m.members.items() if name != "Clarke"}
    votes[f"vote_{m.members['Green'].pk}"] = "no"
    votes[f"vote_{m.members['Hughes'].pk}"] = ""
    post(clerk_client, m, "vote", motion=motion, method="recorded", **votes)
    vote = VoteEvent.objects.get(motion=motion)
    assert (vote.votes_for, vote.votes_against, vote.result) == (5, 1, "carried")
    assert Vote.objects.get(vote_event=vote, person=m.members["Hughes"]).option == "not_voting"
    post(
        clerk_client,
        m,
        "action",
        item=item,
        owner="Chief Executive",
        description="Write to the applicant",
        due_date="2027-03-31",
        report_back="1",
    )
    post(clerk_client, m, "note", item=item, text="The Director answered questions.")
    post(
        clerk_client,
        m,
        "propose",
        item=item,
        motion_kind="procedural",
        text="That the meeting be adjourned for ten minutes.",
        mover=m.members["Ahmed"],
    )
    procedural = Motion.objects.get(kind="procedural")
    post(clerk_client, m, "outcome", motion=procedural, outcome="withdrawn")
    post(clerk_client, m, "end_item", item=item)
    post(clerk_client, m, "exclude_public", item=m.items[5], paragraph="1", reason="Staffing")
    post(clerk_client, m, "end_meeting")
    kinds = list(ConsoleEvent.objects.order_by("sequence").values_list("kind", flat=True))
    assert (
        kinds[-9:]
        == [
            "vote",
            "vote",
            "action",
            "note",
            "propose",
            "outcome",
            "end_item",
            "exclude_public",
            "end_meeting",
        ][-9:]
    )
    minutes = m.item(2).minutes_text
    assert "The amendment was LOST (2 for, 5 against)." in minutes
    assert "The Director answered questions." in minutes


def test_a_refusal_keeps_what_was_typed(clerk_client):
    m = Meeting()
    response = post(clerk_client, m, "note", client_id="b" * 32, text="Words worth keeping.")
    assert response.status_code == 400
    page = response.content.decode()
    assert "No item is being taken now: choose the item." in page
    assert "Words worth keeping." in page
    assert 'value="' + "b" * 32 + '"' in page  # the same id, so a retry records once
    assert not ConsoleEvent.objects.exists()
    bad = post(clerk_client, m, "vote", motion="x", method="recorded")
    assert bad.status_code == 400


def test_the_console_answers_json_for_scripts(clerk_client):
    m = Meeting()
    body = {"client_id": "queued-1", "kind": "arrive", "payload": {"person": m.members["Ahmed"].pk}}
    response = clerk_client.post(url(m), json.dumps(body), content_type="application/json")
    assert response.status_code == 200
    assert response.json()["applied"] is True and response.json()["sequence"] == 1
    again = clerk_client.post(url(m), json.dumps(body), content_type="application/json")
    assert again.json()["applied"] is False
    refused = clerk_client.post(
        url(m),
        json.dumps(
            {"client_id": "queued-2", "kind": "leave", "payload": {"person": m.members["Brown"].pk}}
        ),
        content_type="application/json",
    )
    assert refused.status_code == 400 and "not in the meeting" in refused.json()["error"]
    garbled = clerk_client.post(url(m), "{not json", content_type="application/json")
    assert garbled.status_code == 400
    state = clerk_client.get(url(m) + "?format=json").json()
    assert state["present"] == 1 and state["quorum"] == 3 and not state["quorate"]
    assert state["lastSequence"] == 1


def test_a_queued_action_may_give_its_time_as_a_clock_time(clerk_client):
    """The offline queue sends what the clerk typed in "Time, if not now" as it stands."""
    from django.utils import timezone

    from agenda.models import AttendanceSpan

    m = Meeting()
    typed = timezone.localtime(m.meeting.start).strftime("%H:%M")
    body = {
        "client_id": "queued-clock",
        "kind": "arrive",
        "payload": {"person": m.members["Ahmed"].pk, "at": typed},
    }
    response = clerk_client.post(url(m), json.dumps(body), content_type="application/json")
    assert response.status_code == 200, response.content
    span = AttendanceSpan.objects.get(attendance__person=m.members["Ahmed"])
    assert span.arrived_at == m.meeting.start
