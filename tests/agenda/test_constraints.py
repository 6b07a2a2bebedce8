"""Invariants hold in the database itself, not just in forms."""

import datetime

import pytest
from django.db import IntegrityError, transaction

from agenda.models import AgendaItem, Attendance, Meeting, Recommendation, Resolution
from tests.factories import (
    AgendaItemFactory,
    MeetingFactory,
    PersonFactory,
    RecommendationFactory,
    ResolutionFactory,
)

pytestmark = pytest.mark.django_db


def rejected(callable_):
    with pytest.raises(IntegrityError), transaction.atomic():
        callable_()


def test_item_position_is_unique_per_meeting():
    item = AgendaItemFactory(position=3)
    rejected(lambda: AgendaItem.objects.create(meeting=item.meeting, position=3, title="Twin"))
    other = AgendaItemFactory(position=3)
    assert other.meeting != item.meeting


def test_recommendation_and_resolution_numbers_are_unique_per_item():
    rec = RecommendationFactory(position=1)
    rejected(lambda: Recommendation.objects.create(item=rec.item, position=1, text="Again"))
    res = ResolutionFactory(position=2)
    rejected(lambda: Resolution.objects.create(item=res.item, position=2, text="Again"))


def test_numbers_start_at_one():
    item = AgendaItemFactory()
    rejected(lambda: Resolution.objects.create(item=item, position=0, text="Zero"))


def test_meeting_must_end_after_it_starts():
    meeting = MeetingFactory()
    meeting.end = meeting.start - datetime.timedelta(hours=1)
    rejected(meeting.save)


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("status", "sort_of_happened"),
        ("agenda_status", "leaked"),
        ("minutes_status", "whenever"),
    ],
)
def test_meeting_choices_are_enforced(field, value):
    meeting = MeetingFactory()
    rejected(lambda: Meeting.objects.filter(pk=meeting.pk).update(**{field: value}))


def test_resolution_outcome_and_attendance_status_are_enforced():
    res = ResolutionFactory()
    rejected(lambda: Resolution.objects.filter(pk=res.pk).update(outcome="maybe"))
    meeting = MeetingFactory()
    rejected(
        lambda: Attendance.objects.create(meeting=meeting, person=PersonFactory(), status="asleep")
    )


def test_exempt_item_needs_a_valid_paragraph():
    meeting = MeetingFactory()
    rejected(
        lambda: AgendaItem.objects.create(meeting=meeting, position=1, title="X", is_exempt=True)
    )
    rejected(
        lambda: AgendaItem.objects.create(
            meeting=meeting, position=2, title="Y", is_exempt=True, exempt_paragraph=9
        )
    )
    ok = AgendaItem.objects.create(
        meeting=meeting, position=3, title="Z", is_exempt=True, exempt_paragraph=3
    )
    assert ok.exempt_label == "Exempt: Schedule 12A paragraph 3"


def test_minutes_cannot_be_public_while_agenda_is_draft():
    meeting = MeetingFactory()
    rejected(lambda: Meeting.objects.filter(pk=meeting.pk).update(minutes_status="approved"))


def test_substitute_for_only_on_substitutes():
    meeting = MeetingFactory()
    rejected(
        lambda: Attendance.objects.create(
            meeting=meeting,
            person=PersonFactory(),
            status="present",
            substitute_for=PersonFactory(),
        )
    )


def test_new_item_takes_next_number():
    meeting = MeetingFactory()
    AgendaItemFactory(meeting=meeting)
    second = AgendaItem(meeting=meeting, title="Second")
    second.save()
    assert (second.position, second.number) == (2, "2")
