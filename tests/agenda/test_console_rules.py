"""The console's rules: who may vote, the quorum, and each action applied once."""

import pytest
from django.core.exceptions import PermissionDenied

from agenda.console import ConsoleRefusal
from agenda.models import Attendance, AttendanceSpan, ConsoleEvent, Motion, Vote, VoteEvent
from agenda.models.eligibility import ABSENT, CAN_VOTE, NO_VOTE, NOT_VOTING, Roster
from tests.agenda.console_helpers import Meeting
from tests.factories import publish

pytestmark = pytest.mark.django_db


def refused(meeting, action, minute, match, **payload):
    with pytest.raises(ConsoleRefusal, match=match):
        meeting.act(action, minute, **payload)


# ---------------------------------------------------------------- the three cases


def test_a_member_who_arrived_at_item_4_cannot_vote_on_item_2():
    m = Meeting()
    m.everyone_arrives(0, "Ahmed", "Brown", "Clarke", "Davies", "Evans", "Fisher", "Green")
    hughes = m.members["Hughes"]
    m.act("start_item", 10, item=m.items[2])
    motion = m.act("propose", 12, item=m.items[2], mover=m.members["Brown"]).event.result
    refused(
        m,
        "vote",
        15,
        "Cllr Hughes was not in the meeting at",
        motion=motion["motion"],
        method="recorded",
        votes={hughes.pk: "yes", m.members["Brown"].pk: "yes"},
    )
    refused(
        m,
        "vote",
        15,
        "8 votes were counted, but only 7 members can vote on item 2",
        motion=motion["motion"],
        method="show_of_hands",
        **{"for": 8},
    )
    m.act("vote", 15, motion=motion["motion"], method="show_of_hands", **{"for": 7})
    m.act("start_item", 30, item=m.items[4])
    m.act("arrive", 30, person=hughes)
    roster = Roster.load(m.meeting)
    assert roster.standing(hughes, m.item(2).started_at, m.item(2)).state == ABSENT
    assert roster.standing(hughes, m.item(4).started_at, m.item(4)).state == CAN_VOTE
    later = m.act("propose", 32, item=m.items[4], mover=hughes).event.result["motion"]
    m.act("vote", 35, motion=later, method="show_of_hands", **{"for": 8})
    assert VoteEvent.objects.get(motion_id=later).eligible == 8


def test_a_member_who_declared_a_pecuniary_interest_and_left_is_not_voting_not_absent():
    m = Meeting()
    m.everyone_arrives()
    clarke = m.members["Clarke"]
    m.act("start_item", 10, item=m.items[3])
    m.act(
        "declare",
        11,
        person=clarke,
        kind="pecuniary",
        description="Owns land next to the site",
        left_room="on",
    )
    refused(
        m,
        "propose",
        12,
        "Cllr Clarke cannot second it",
        item=m.items[3],
        mover=m.members["Brown"],
        seconder=clarke,
    )
    motion = m.act("propose", 12, item=m.items[3], mover=m.members["Brown"]).event.result
    refused(
        m,
        "vote",
        15,
        "only 7 members can vote on item 3 .*Cllr Clarke declared",
        motion=motion["motion"],
        method="show_of_hands",
        **{"for": 8},
    )
    m.act("vote", 15, motion=motion["motion"], method="show_of_hands", **{"for": 6, "against": 1})
    vote = Vote.objects.get(person=clarke)
    assert vote.option == Vote.Option.NOT_VOTING
    assert "declared a disclosable pecuniary interest on item 3" in vote.reason
    assert not Vote.objects.filter(option=Vote.Option.ABSENT).exists()

    # In a recorded vote on the same item too: not voting, and the others named.
    m.act("start_item", 20, item=m.items[4])
    m.act(
        "declare",
        21,
        person=clarke,
        kind="pecuniary",
        description="The same land",
        left_room="1",
        item=m.items[4],
    )
    second = m.act("propose", 22, item=m.items[4], mover=m.members["Brown"]).event.result
    refused(
        m,
        "vote",
        23,
        "Cllr Clarke declared .* Their vote cannot be recorded",
        motion=second["motion"],
        method="recorded",
        votes={clarke.pk: "yes"},
    )
    votes = {person.pk: "yes" for name, person in m.members.items() if name != "Clarke"}
    m.act("vote", 23, motion=second["motion"], method="recorded", votes=votes)
    recorded = VoteEvent.objects.get(motion_id=second["motion"])
    options = {v.person.name: v.option for v in recorded.votes.all()}
    assert options["Clarke"] == Vote.Option.NOT_VOTING
    assert list(options.values()).count(Vote.Option.YES) == 7
    assert Vote.Option.ABSENT not in options.values()


def test_a_quorum_lost_at_item_12_is_detected_and_recorded():
    m = Meeting(items=12)
    m.everyone_arrives(0, "Ahmed", "Brown", "Clarke", "Davies")
    assert Roster.load(m.meeting).quorum == 3
    for number in range(1, 12):
        m.act("start_item", number * 5, item=m.items[number])
    m.act("start_item", 60, item=m.items[12])
    m.act("leave", 61, person=m.members["Davies"])
    result = m.act("leave", 62, person=m.members["Clarke"])
    assert result.event.result["quorum"] == "lost"
    assert (
        "no longer quorate: 2 voting members present, and the quorum is 3" in (result.warnings[0])
    )
    motion = m.act("propose", 63, item=m.items[12], mover=m.members["Brown"]).event.result
    refused(
        m,
        "vote",
        64,
        "not quorate for item 12: 2 members can vote and the quorum is 3",
        motion=motion["motion"],
        method="without_dissent",
    )
    changes = Roster.load(m.meeting).quorum_changes(list(m.meeting.items.all()))
    lost = [change for change in changes if not change["quorate"]]
    assert len(lost) == 1 and lost[0]["item"].number == "12"
    assert "no longer quorate (2 voting members present; the quorum is 3)" in (
        m.item(12).minutes_text
    )
    back = m.act("arrive", 66, person=m.members["Clarke"])
    assert back.event.result["quorum"] == "regained"
    m.act("vote", 67, motion=motion["motion"], method="without_dissent")


# ---------------------------------------------------------------- voting members


def test_officers_co_optees_and_remote_members_do_not_vote():
    m = Meeting()
    m.everyone_arrives(0, "Ahmed", "Brown", "Clarke")
    m.act("arrive", 0, person=m.officer)
    m.act("arrive", 0, person=m.coopted)
    m.act("arrive", 0, person=m.members["Davies"], status="present_virtually")
    roster = Roster.load(m.meeting)
    moment = m.meeting.start
    assert Attendance.objects.get(person=m.officer).status == "in_attendance"
    assert roster.standing(m.officer, moment).state == NO_VOTE
    assert roster.standing(m.coopted, moment).state == NO_VOTE
    assert "attending remotely" in roster.standing(m.members["Davies"], moment).reason
    assert len(roster.present_voting(moment)) == 3
    refused(
        m,
        "propose",
        5,
        "Mrs Ivory cannot move it: Mrs Ivory is not a voting member",
        item=m.items[1],
        mover=m.coopted,
    )


def test_a_substitute_votes_for_the_member_they_replace():
    m = Meeting()
    m.everyone_arrives(0, "Ahmed", "Brown", "Clarke")
    refused(
        m, "arrive", 1, "does not hold a voting seat", person=m.substitute, substitute_for=m.officer
    )
    m.act("arrive", 1, person=m.substitute, substitute_for=m.members["Hughes"])
    assert Attendance.objects.get(person=m.members["Hughes"]).status == "apologies"
    roster = Roster.load(m.meeting)
    assert roster.standing(m.substitute, m.moment(2)).state == CAN_VOTE
    assert roster.standing(m.members["Hughes"], m.moment(2)).state == ABSENT
    assert len(roster.present_voting(m.moment(2))) == 4


def test_someone_who_leaves_and_returns_is_absent_in_between():
    m = Meeting()
    m.everyone_arrives()
    evans = m.members["Evans"]
    m.act("leave", 20, person=evans)
    refused(m, "leave", 21, "not in the meeting now", person=evans)
    refused(m, "arrive", 19, "left at .* their return must be later", person=evans)
    m.act("arrive", 40, person=evans)
    refused(m, "arrive", 41, "already in the meeting", person=evans)
    assert AttendanceSpan.objects.filter(attendance__person=evans).count() == 2
    motion = m.act("propose", 25, item=m.items[1], mover=m.members["Ahmed"]).event.result
    votes = {p.pk: "yes" for name, p in m.members.items() if name != "Evans"}
    m.act("vote", 30, motion=motion["motion"], method="recorded", votes=votes)
    assert Vote.objects.get(person=evans).option == Vote.Option.ABSENT


# ---------------------------------------------------------------- motions and votes


def test_a_carried_amendment_changes_the_motion_and_a_lost_one_does_not():
    m = Meeting()
    m.everyone_arrives()
    motion = m.act(
        "propose", 5, item=m.items[1], mover=m.members["Ahmed"], seconder=m.members["Brown"]
    ).event.result["motion"]
    substantive = Motion.objects.get(pk=motion)
    assert substantive.from_recommendation
    assert substantive.text.splitlines()[0] == "(1) That the report be noted."
    lost = m.act(
        "amend",
        6,
        motion=motion,
        mover=m.members["Clarke"],
        seconder=m.members["Davies"],
        text="(1) That the report be rejected.",
    ).event.result["motion"]
    refused(m, "vote", 7, "vote on the amendment first", motion=motion, method="without_dissent")
    refused(
        m,
        "amend",
        7,
        "already before the meeting",
        motion=motion,
        mover=m.members["Evans"],
        text="(1) Something else.",
    )
    m.act("vote", 8, motion=lost, method="show_of_hands", **{"for": 3, "against": 5})
    assert Motion.objects.get(pk=lost).outcome == "lost"
    assert Motion.objects.get(pk=motion).text == substantive.text
    carried = m.act(
        "amend",
        9,
        motion=motion,
        mover=m.members["Evans"],
        seconder=m.members["Fisher"],
        text="(1) That the report be noted.\n(2) That a further update be given in 6 months.",
    ).event.result["motion"]
    m.act(
        "vote", 10, motion=carried, method="show_of_hands", **{"for": 5, "against": 2, "abstain": 1}
    )
    amended = Motion.objects.get(pk=motion)
    assert amended.text.endswith("in 6 months.") and amended.is_amended
    m.act("vote", 11, motion=motion, method="show_of_hands", **{"for": 6, "against": 2})
    resolutions = list(m.item(1).resolutions.order_by("position"))
    assert [r.outcome for r in resolutions] == ["carried_as_amended"] * 2
    assert resolutions[1].text == "<p>That a further update be given in 6 months.</p>"
    assert (resolutions[1].label, resolutions[1].votes_for) == ("(2)", 6)


def test_equal_votes_wait_for_the_chairs_casting_vote():
    m = Meeting()
    m.everyone_arrives()
    motion = m.act("propose", 5, item=m.items[1], mover=m.members["Clarke"]).event.result
    refused(
        m,
        "vote",
        6,
        "casting vote only when the votes are equal",
        motion=motion["motion"],
        method="show_of_hands",
        casting="for",
        **{"for": 5, "against": 3},
    )
    tied = m.act(
        "vote", 6, motion=motion["motion"], method="show_of_hands", **{"for": 4, "against": 4}
    )
    assert "record the chair's casting vote" in tied.warnings[0]
    assert Motion.objects.get(pk=motion["motion"]).is_pending
    m.act("leave", 6, person=m.members["Ahmed"])
    m.act("casting_vote", 7, motion=motion["motion"], option="against")
    vote = VoteEvent.objects.get(motion_id=motion["motion"])
    assert vote.casting_by == m.members["Brown"]  # the chair had left: the vice-chair
    assert (vote.result, Motion.objects.get(pk=motion["motion"]).outcome) == ("lost", "lost")
    refused(m, "casting_vote", 8, "no equal vote", motion=motion["motion"], option="for")


def test_outcomes_without_a_vote_and_an_item_deferred():
    m = Meeting()
    m.everyone_arrives()
    motion = m.act("propose", 5, item=m.items[1], mover=m.members["Clarke"]).event.result
    m.act("outcome", 6, motion=motion["motion"], outcome="withdrawn")
    refused(m, "vote", 7, "already decided", motion=motion["motion"], method="without_dissent")
    m.act("start_item", 10, item=m.items[2])
    m.act("outcome", 11, outcome="deferred")
    deferred = Motion.objects.get(item=m.items[2])
    assert (deferred.kind, deferred.outcome) == ("procedural", "deferred")
    assert "The item was DEFERRED." in m.item(2).minutes_text


def test_the_motion_can_be_named_by_the_client_id_that_proposed_it():
    m = Meeting()
    m.everyone_arrives()
    m.act("propose", 5, client_id="offline-1", item=m.items[1], mover=m.members["Clarke"])
    m.act("vote", 6, motion="offline-1", method="unanimous")
    assert VoteEvent.objects.get().votes_for == 8
    refused(m, "vote", 7, "not known", motion="offline-404", method="unanimous")


# ---------------------------------------------------------------- once, and only for clerks


def test_a_retried_action_applies_once():
    m = Meeting()
    first = m.act("arrive", 0, client_id="retry-me", person=m.members["Ahmed"])
    again = m.act("arrive", 0, client_id="retry-me", person=m.members["Ahmed"])
    assert first.applied and not again.applied
    assert again.event.pk == first.event.pk
    assert AttendanceSpan.objects.count() == 1
    assert ConsoleEvent.objects.count() == 1
    refused(
        m,
        "leave",
        5,
        "already used for another action",
        client_id="retry-me",
        person=m.members["Ahmed"],
    )
    m.act("arrive", 0, client_id="next-one", person=m.members["Brown"])
    assert list(ConsoleEvent.objects.values_list("sequence", flat=True)) == [1, 2]


def test_a_refused_action_records_nothing_and_can_be_sent_again():
    m = Meeting()
    refused(m, "leave", 5, "not in the meeting now", client_id="fix-me", person=m.members["Ahmed"])
    assert not ConsoleEvent.objects.exists()
    m.act("arrive", 5, client_id="fix-me", person=m.members["Ahmed"])
    assert ConsoleEvent.objects.count() == 1


def test_bad_input_is_refused_with_sentences():
    m = Meeting()
    refused(m, "arrive", 0, "Choose who arrived from the list", person="abc")
    refused(m, "arrive", 0, "not known", person=999999)
    refused(m, "vote", 0, "Choose the motion")
    refused(m, "exclude_public", 0, "Schedule 12A paragraph", item=m.items[1], paragraph=9)
    refused(m, "action", 0, "Say who is to act", item=m.items[1])
    refused(m, "action", 0, "due date", item=m.items[1], owner="Director", due_date="31/03")
    refused(m, "dance", 0, "not an action the console knows")
    with pytest.raises(ConsoleRefusal, match="future"):
        m.act("arrive", 60 * 24, person=m.members["Ahmed"])
    with pytest.raises(ConsoleRefusal, match="no valid id"):
        m.act("arrive", 0, client_id="has spaces", person=m.members["Ahmed"])


def test_only_clerks_use_the_console_and_approved_minutes_are_closed(django_user_model):
    m = Meeting()
    visitor = django_user_model.objects.create_user("visitor", "v@example.org", "x")
    with pytest.raises(PermissionDenied):
        m.act("arrive", 0, actor=visitor, person=m.members["Ahmed"])
    m.act("arrive", 0, person=m.members["Ahmed"])
    m.meeting.status = "held"
    publish(m.meeting, minutes=True, approved=True)
    refused(m, "leave", 5, "approved as a correct record", person=m.members["Ahmed"])


def test_exclusion_of_the_public_makes_the_published_item_exempt():
    m = Meeting()
    m.everyone_arrives()
    m.act("exclude_public", 5, item=m.items[5], paragraph=3, reason="Tender prices")
    item = m.item(5)
    assert item.is_exempt and item.exempt_paragraph == 3
    exclusion = Motion.objects.get(item=item)
    assert exclusion.outcome == "carried" and "paragraph 3 of Part 1" in exclusion.text
    assert "paragraph 3 of Part 1" in item.resolutions.get().text


def test_not_voting_states_cover_everyone():
    m = Meeting()
    m.everyone_arrives(0, "Ahmed")
    m.act(
        "declare",
        1,
        person=m.members["Ahmed"],
        item=m.items[1],
        kind="pecuniary",
        description="Shares",
        dispensation="",
    )
    roster = Roster.load(m.meeting)
    states = {s.person.name: s.state for s in roster.standings(m.meeting.start, m.item(1))}
    assert states["Ahmed"] == NOT_VOTING  # pecuniary, no dispensation, even in the room
    assert states["Brown"] == ABSENT
    assert "Ivory" not in states


def test_only_a_member_in_the_room_declares_an_interest():
    m = Meeting()
    m.everyone_arrives(0, "Ahmed", "Brown", "Clarke")
    m.act("start_item", 10, item=m.items[3])
    refused(
        m,
        "declare",
        11,
        "Cllr Hughes is not in the room now: record their arrival first",
        person=m.members["Hughes"],
        kind="pecuniary",
        description="Owns land next to the site",
    )
    m.act("arrive", 12, person=m.members["Hughes"])
    m.act(
        "declare",
        13,
        person=m.members["Hughes"],
        kind="pecuniary",
        description="Owns land next to the site",
    )
    assert ConsoleEvent.objects.filter(kind="declare").count() == 1
