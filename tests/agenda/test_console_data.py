"""The console's record holds its shape in the database: spans, motions, votes, events."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from agenda.models import AttendanceSpan, ConsoleEvent, Motion, Vote, VoteEvent
from agenda.models.locks import RecordLocked
from committees.models import Membership
from tests.factories import (
    AgendaItemFactory,
    AttendanceFactory,
    CommitteeFactory,
    MeetingFactory,
    MembershipFactory,
    PersonFactory,
    publish,
)

pytestmark = pytest.mark.django_db

NOW = timezone.now().replace(microsecond=0)


def rejected(callable_):
    with pytest.raises(IntegrityError), transaction.atomic():
        callable_()


def motion(item, **kwargs):
    values = {
        "item": item,
        "position": 1,
        "text": "(1) That the report be noted.",
        "proposed_text": "(1) That the report be noted.",
        "proposed_at": NOW,
    }
    values.update(kwargs)
    return Motion.objects.create(**values)


def test_a_span_ends_after_it_starts_and_one_is_open_at_a_time():
    attendance = AttendanceFactory()
    AttendanceSpan.objects.create(attendance=attendance, arrived_at=NOW)
    rejected(
        lambda: AttendanceSpan.objects.create(
            attendance=attendance, arrived_at=NOW + datetime.timedelta(minutes=5)
        )
    )
    rejected(
        lambda: AttendanceSpan.objects.create(
            attendance=AttendanceFactory(), arrived_at=NOW, left_at=NOW
        )
    )


def test_someone_can_leave_and_come_back():
    attendance = AttendanceFactory()
    AttendanceSpan.objects.create(
        attendance=attendance, arrived_at=NOW, left_at=NOW + datetime.timedelta(minutes=30)
    )
    AttendanceSpan.objects.create(
        attendance=attendance, arrived_at=NOW + datetime.timedelta(minutes=45)
    )
    present = attendance.meeting.attendances.present_at
    assert list(present(NOW + datetime.timedelta(minutes=10))) == [attendance]
    assert list(present(NOW + datetime.timedelta(minutes=40))) == []
    assert list(present(NOW + datetime.timedelta(minutes=50))) == [attendance]
    assert attendance.times_line.count("from") == 2


def test_overlapping_spans_are_refused_in_clean():
    attendance = AttendanceFactory()
    AttendanceSpan.objects.create(
        attendance=attendance, arrived_at=NOW, left_at=NOW + datetime.timedelta(minutes=30)
    )
    overlap = AttendanceSpan(
        attendance=attendance,
        arrived_at=NOW + datetime.timedelta(minutes=10),
        left_at=NOW + datetime.timedelta(minutes=40),
    )
    with pytest.raises(ValidationError, match="overlap"):
        overlap.full_clean()


def test_an_amendment_has_a_motion_and_a_motion_has_none():
    item = AgendaItemFactory()
    substantive = motion(item)
    rejected(lambda: motion(item, position=2, kind=Motion.Kind.AMENDMENT))
    rejected(lambda: motion(item, position=2, parent=substantive))
    amendment = motion(item, position=2, kind=Motion.Kind.AMENDMENT, parent=substantive)
    assert list(substantive.amendments.all()) == [amendment]


def test_nobody_seconds_their_own_motion_and_choices_hold():
    item = AgendaItemFactory()
    member = PersonFactory()
    rejected(lambda: motion(item, mover=member, seconder=member))
    rejected(lambda: motion(item, kind="resolution"))
    rejected(lambda: motion(item, outcome="carried"))  # decided needs its time
    rejected(lambda: motion(item, text=""))


def test_votes_hold_their_counts_and_the_casting_vote_rule():
    substantive = motion(AgendaItemFactory())
    chair = PersonFactory()

    def vote(**kwargs):
        values = {
            "motion": substantive,
            "method": VoteEvent.Method.SHOW_OF_HANDS,
            "votes_for": 3,
            "votes_against": 3,
            "abstentions": 0,
            "eligible": 6,
            "result": VoteEvent.Result.CARRIED,
            "at": NOW,
        }
        values.update(kwargs)
        return VoteEvent.objects.create(**values)

    rejected(lambda: vote(votes_for=5, votes_against=3))  # 8 counted, 6 could vote
    rejected(lambda: vote(casting_vote="for"))  # a casting vote needs the chair
    rejected(lambda: vote(votes_for=4, votes_against=2, casting_vote="for", casting_by=chair))
    rejected(lambda: vote(votes_for=None, votes_against=None))  # counted without counts
    rejected(lambda: vote(method="acclamation"))
    event = vote(casting_vote="for", casting_by=chair)
    assert "casting vote for" in event.counts_line
    rejected(lambda: vote())  # one vote per motion
    Vote.objects.create(vote_event=event, person=chair, option=Vote.Option.YES)
    rejected(lambda: Vote.objects.create(vote_event=event, person=chair, option="no"))
    rejected(lambda: Vote.objects.create(vote_event=event, person=PersonFactory(), option="maybe"))


def test_console_events_are_unique_per_meeting_and_never_change():
    meeting = MeetingFactory()
    event = ConsoleEvent.objects.create(
        meeting=meeting, client_id="a1", sequence=1, kind="note", at=NOW
    )
    rejected(
        lambda: ConsoleEvent.objects.create(
            meeting=meeting, client_id="a1", sequence=2, kind="note", at=NOW
        )
    )
    rejected(
        lambda: ConsoleEvent.objects.create(
            meeting=meeting, client_id="b2", sequence=1, kind="note", at=NOW
        )
    )
    rejected(
        lambda: ConsoleEvent.objects.create(
            meeting=meeting, client_id="c3", sequence=3, kind="shout", at=NOW
        )
    )
    # The same client id at another meeting is another action.
    ConsoleEvent.objects.create(
        meeting=MeetingFactory(), client_id="a1", sequence=1, kind="note", at=NOW
    )
    event.summary = "changed"
    with pytest.raises(ValidationError, match="never changed"):
        event.save()
    with pytest.raises(ValidationError, match="never deleted"):
        event.delete()


def test_the_console_record_is_locked_with_the_minutes():
    item = AgendaItemFactory()
    meeting = item.meeting
    attendance = AttendanceFactory(meeting=meeting)
    span = AttendanceSpan.objects.create(attendance=attendance, arrived_at=NOW)
    substantive = motion(item)
    event = VoteEvent.objects.create(
        motion=substantive,
        method="without_dissent",
        eligible=5,
        result="carried",
        at=NOW,
    )
    publish(meeting, minutes=True, approved=True)
    span.left_at = NOW + datetime.timedelta(hours=1)
    with pytest.raises(RecordLocked):
        span.save()
    with pytest.raises(RecordLocked):
        AttendanceSpan.objects.filter(pk=span.pk).update(left_at=None)
    with pytest.raises(RecordLocked):
        motion(item, position=2)
    with pytest.raises(RecordLocked):
        Vote.objects.create(vote_event=event, person=attendance.person, option="yes")
    with pytest.raises(RecordLocked):
        ConsoleEvent.objects.create(
            meeting=meeting, client_id="late", sequence=1, kind="note", at=NOW
        )
    with pytest.raises(RecordLocked):
        substantive.delete()


def test_the_quorum_is_a_quarter_of_the_seats_and_at_least_three():
    committee = CommitteeFactory()
    for _ in range(9):
        MembershipFactory(committee=committee)
    MembershipFactory(committee=committee, role=Membership.Role.SUBSTITUTE)
    MembershipFactory(committee=committee, role=Membership.Role.CO_OPTED, is_voting=False)
    assert committee.voting_seats() == 9
    assert committee.quorum_needed() == 3
    for _ in range(7):
        MembershipFactory(committee=committee)
    assert committee.quorum_needed() == 4  # 16 seats
    committee.quorum = 6
    assert committee.quorum_needed() == 6
    committee.quorum = 0
    rejected(committee.save)


@pytest.mark.django_db(transaction=True)
def test_typed_recorded_votes_move_into_the_note():
    item = AgendaItemFactory()
    executor = MigrationExecutor(connection)
    before = [("agenda", "0027_decisions_register_and_call_in")]
    after = executor.loader.graph.leaf_nodes()
    executor.migrate(before)
    old = executor.loader.project_state(before).apps
    old_resolution = old.get_model("agenda", "Resolution")
    row = old_resolution.objects.create(
        item_id=item.pk,
        position=1,
        text="<p>That the report be noted.</p>",
        recorded_votes="For: Cllrs Ahmed, Brown. Against: Cllr Clarke.",
    )
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(after)
    from agenda.models import Resolution

    moved = Resolution.objects.get(pk=row.pk)
    assert moved.note.endswith("For: Cllrs Ahmed, Brown. Against: Cllr Clarke.")
    assert moved.note.startswith("Recorded votes")
