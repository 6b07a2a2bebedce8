"""The minutes write themselves from the console's record: narrative, resolutions, the
public pages, the printed minutes and the structured minutes JSON."""

import pytest
from django.urls import reverse

from agenda.models import Resolution
from agenda.printing.content import PrintSource
from agenda.printing.documents import render_minutes
from committees.richtext import html_to_text
from tests.agenda.console_helpers import Meeting
from tests.agenda.pdf_helpers import flat, text_of
from tests.factories import ResolutionFactory, publish

pytestmark = pytest.mark.django_db

AMENDED = "(1) That the report be noted.\n(2) That a further update be given in 6 months."


def run_meeting(published=True):
    """Two items: an amendment carried on a casting vote and a recorded vote on item 1
    (Clarke out for an interest, Hughes arriving late); an amendment lost on item 2."""
    m = Meeting(published=published)
    members = m.members
    m.everyone_arrives(0, "Ahmed", "Brown", "Clarke", "Davies", "Evans", "Fisher", "Green")
    m.act("start_item", 5, item=m.items[1])
    m.act(
        "declare",
        6,
        person=members["Clarke"],
        kind="pecuniary",
        description="Owns land next to the site",
        left_room="1",
    )
    motion = m.act(
        "propose", 7, item=m.items[1], mover=members["Ahmed"], seconder=members["Brown"]
    ).event.result["motion"]
    amendment = m.act(
        "amend", 8, motion=motion, mover=members["Davies"], seconder=members["Evans"], text=AMENDED
    ).event.result["motion"]
    m.act("vote", 9, motion=amendment, method="show_of_hands", **{"for": 3, "against": 3})
    m.act("casting_vote", 10, motion=amendment, option="for")
    m.act("arrive", 11, person=members["Hughes"])
    votes = {person.pk: "yes" for name, person in members.items() if name != "Clarke"}
    votes[members["Green"].pk] = "no"
    m.act("vote", 12, motion=motion, method="recorded", votes=votes)
    m.act("note", 13, text="Members asked about the timetable.\n\nThe Director replied.")
    m.act("action", 13, owner="Director of Place", description="Report back", due_date="2027-06-30")
    m.act("end_item", 14, item=m.items[1])
    m.act("start_item", 15, item=m.items[2])
    second = m.act(
        "propose", 16, item=m.items[2], mover=members["Ahmed"], seconder=members["Brown"]
    ).event.result["motion"]
    lost = m.act(
        "amend", 17, motion=second, mover=members["Davies"], text="(1) That the report be rejected."
    ).event.result["motion"]
    m.act("vote", 18, motion=lost, method="show_of_hands", **{"for": 3, "against": 5})
    m.act("vote", 19, motion=second, method="without_dissent")
    m.act("leave", 20, person=members["Hughes"])
    m.act("end_meeting", 40)
    return m


def paragraphs(item):
    return [html_to_text(p).strip() for p in item.minutes_text.split("</p>") if p.strip()]


def test_the_narrative_writes_itself():
    m = run_meeting()
    lines = paragraphs(m.item(1))
    assert lines[5].startswith("Cllr Hughes arrived at ")
    lines[5] = "(arrival)"
    assert lines == [
        "Cllr Clarke declared a disclosable pecuniary interest (Owns land next to the site) "
        "and left the room for this item.",
        "It was moved by Cllr Ahmed, seconded by Cllr Brown, that the recommendations be approved.",
        "An amendment was moved by Cllr Davies, seconded by Cllr Evans, that the motion read: "
        "“(1) That the report be noted. (2) That a further update be given in 6 months.”",
        "The votes being equal (3 for, 3 against), the Chair, Cllr Ahmed, gave a casting vote "
        "for the amendment. The amendment was CARRIED.",
        "Cllr Clarke, having declared an interest, did not vote.",
        "(arrival)",
        "The motion, as amended, was CARRIED (6 for, 1 against).",
        "A recorded vote was taken. For: Cllr Ahmed, Cllr Brown, Cllr Davies, Cllr Evans, "
        "Cllr Fisher and Cllr Hughes. Against: Cllr Green. Did not vote: Cllr Clarke.",
        "Members asked about the timetable.",
        "The Director replied.",
    ]
    item2 = paragraphs(m.item(2))
    assert (
        item2[1] == "An amendment was moved by Cllr Davies that the motion read: “(1) That "
        "the report be rejected.”"
    )
    assert item2[2] == "The amendment was LOST (3 for, 5 against)."
    assert item2[3] == "The motion was CARRIED without dissent."
    assert item2[-1].startswith("The meeting closed at ")


def test_resolutions_are_written_after_the_ones_typed_by_hand():
    m = Meeting()
    m.everyone_arrives()
    typed = ResolutionFactory(item=m.items[1], position=1, text="<p>Typed by the clerk.</p>")
    motion = m.act("propose", 5, item=m.items[1], mover=m.members["Ahmed"]).event.result
    m.act("vote", 6, motion=motion["motion"], method="show_of_hands", **{"for": 7, "against": 1})
    rows = list(m.item(1).resolutions.order_by("position"))
    assert rows[0] == typed
    assert [(r.position, r.label, r.outcome, r.votes_for) for r in rows[1:]] == [
        (2, "(1)", "carried", 7),
        (3, "(2)", "carried", 7),
    ]
    assert {r.motion_id for r in rows[1:]} == {motion["motion"]}


def test_a_clerks_edits_to_the_narrative_are_kept():
    m = Meeting()
    m.everyone_arrives()
    m.act("start_item", 5, item=m.items[1])
    m.act("note", 6, text="First note.")
    item = m.item(1)
    item.minutes_text = "<p>The clerk's own minute.</p>"
    item.save()
    m.act("note", 7, text="Second note.")
    item = m.item(1)
    assert item.minutes_text == "<p>The clerk's own minute.</p>"
    assert "Second note." in item.console_minutes


def public_meeting(client_minutes=True):
    m = run_meeting()
    m.held()
    publish(m.meeting, minutes=client_minutes)
    return m


def test_public_minutes_show_the_amended_wording_and_the_recorded_vote(client):
    m = public_meeting()
    page = client.get(m.items[1].get_absolute_url()).content.decode()
    assert '<del><span class="visually-hidden">removed: </span>12</del>' in page
    assert '<ins><span class="visually-hidden">inserted: </span>6</ins>' in page
    assert "Recorded vote:" in page
    assert "Against: Cllr Green" in page
    assert "Did not vote: Cllr Clarke" in page
    meeting_page = client.get(m.meeting.get_absolute_url()).content.decode()
    assert "Against: Cllr Green" in meeting_page
    assert "Changed from the recommendations:" in meeting_page
    assert "from " in meeting_page and "Cllr Hughes" in meeting_page


def test_draft_minutes_not_yet_public_show_nothing_of_the_votes(client):
    m = run_meeting()
    publish(m.meeting)  # the agenda only
    page = client.get(m.items[1].get_absolute_url()).content.decode()
    assert "Recorded vote" not in page and "Cllr Green" not in page
    data = client.get(reverse("api:meeting_minutes_json", kwargs={"pk": m.meeting.pk})).json()
    assert data["minutesStatus"] == "not_published"
    assert data["attendance"] == [] and data["quorum"] is None
    assert all("motions" not in item for item in data["items"])


def test_unpublished_meetings_have_no_minutes_json(client):
    m = run_meeting(published=False)
    response = client.get(reverse("api:meeting_minutes_json", kwargs={"pk": m.meeting.pk}))
    assert response.status_code == 404


def test_the_minutes_json_holds_motions_votes_times_and_the_quorum(client):
    m = public_meeting()
    data = client.get(reverse("api:meeting_minutes_json", kwargs={"pk": m.meeting.pk})).json()
    hughes = next(a for a in data["attendance"] if a["person"] == "Cllr Hughes")
    assert len(hughes["times"]) == 1 and hughes["times"][0]["left"] is not None
    assert data["quorum"]["needed"] == 3
    assert data["quorum"]["changes"][0]["quorate"] is True
    assert data["ended"] is not None
    item = next(i for i in data["items"] if i["number"] == m.items[1].number)
    assert item["started"] and item["ended"]
    motion, amendment = item["motions"]
    assert (motion["kind"], motion["mover"], motion["seconder"]) == (
        "substantive",
        "Cllr Ahmed",
        "Cllr Brown",
    )
    assert motion["fromRecommendation"] and motion["outcome"] == "carried"
    assert motion["text"] == AMENDED
    assert (amendment["kind"], amendment["amends"], amendment["outcome"]) == (
        "amendment",
        1,
        "carried",
    )
    assert amendment["vote"]["castingVote"] == "for"
    assert amendment["vote"]["castingBy"] == "Cllr Ahmed"
    recorded = motion["vote"]
    assert recorded["method"] == "recorded"
    assert recorded["counts"] == {"for": 6, "against": 1, "abstentions": 0}
    options = {v["member"]: v["option"] for v in recorded["votes"]}
    assert options["Cllr Clarke"] == "not_voting" and options["Cllr Green"] == "no"
    resolution = item["resolutions"][1]
    assert resolution["outcome"] == "carried_as_amended"
    assert {"op": "del", "text": "12"} in resolution["changeFromRecommendation"]
    assert {"op": "ins", "text": "6"} in resolution["changeFromRecommendation"]
    assert "Cllr Clarke declared" in item["minutes"]
    # The older address answers the same.
    same = client.get(reverse("api:meeting_minutes", kwargs={"pk": m.meeting.pk})).json()
    assert same["items"] == data["items"]


def test_exempt_items_give_no_motions_in_the_json(client):
    m = run_meeting()
    m.held()
    m.act("exclude_public", 41, item=m.items[1], paragraph=3)
    publish(m.meeting, minutes=True)
    data = client.get(reverse("api:meeting_minutes_json", kwargs={"pk": m.meeting.pk})).json()
    item = next(i for i in data["items"] if i["number"] == m.items[1].number)
    assert item["public"] is False and "motions" not in item and "minutes" not in item
    assert "Cllr Green" not in str(item)


def test_the_printed_minutes_show_times_votes_and_the_amended_wording():
    m = public_meeting()
    text = flat(text_of(render_minutes(PrintSource(m.meeting)).content))
    assert "Cllr Hughes, from " in text
    assert "For 6, against 1, abstentions 0." in text
    assert "Recorded vote:" in text and "Against: Cllr Green" in text
    assert "Changed from the recommendations:" in text
    assert "LOST (3 for, 5 against)" in text
    assert Resolution.objects.filter(motion__isnull=False).count() == 4


def test_search_is_not_rebuilt_for_minutes_nobody_can_see_yet(django_capture_on_commit_callbacks):
    from agenda.search.signal_handlers import Refresh

    with django_capture_on_commit_callbacks(execute=True):  # the index, as set up
        m = Meeting()
        m.everyone_arrives()
    with django_capture_on_commit_callbacks() as callbacks:
        m.act("start_item", 5, item=m.items[1])
        motion = m.act("propose", 6, item=m.items[1], mover=m.members["Ahmed"]).event.result
        m.act("vote", 7, motion=motion["motion"], method="without_dissent")
        m.act("note", 8, text="Words for the minutes.")
    assert not [c for c in callbacks if isinstance(c, Refresh)]
    with django_capture_on_commit_callbacks(execute=True):
        m.held()
        publish(m.meeting, minutes=True)  # the draft minutes are public: the index reads them
    with django_capture_on_commit_callbacks() as callbacks:
        m.act("note", 9, text="A correction.")
    assert [c for c in callbacks if isinstance(c, Refresh)]
