"""Clear-days arithmetic: weekends, England & Wales bank holidays and closure days."""

import datetime

import pytest
from django.utils import timezone

from agenda.models import ClosureDay
from agenda.publishing import deadlines
from tests.factories import CommitteeFactory, MeetingFactory

D = datetime.date


@pytest.mark.parametrize(
    ("meeting_day", "clear_days", "closures", "deadline"),
    [
        # Thursday meeting: five clear days Thu-Wed, so out by Wednesday the week before.
        (D(2026, 3, 19), 5, (), D(2026, 3, 11)),
        # Monday meeting: clear Mon-Fri of the week before, so out by the Friday before that.
        (D(2026, 3, 16), 5, (), D(2026, 3, 6)),
        # Tuesday meeting: clear Tue-Mon, out by the Monday a week earlier.
        (D(2026, 3, 17), 5, (), D(2026, 3, 9)),
        # Easter 2026: Good Friday 3 April and Easter Monday 6 April are not clear days.
        (D(2026, 4, 9), 5, (), D(2026, 3, 30)),
        # Bank holiday inside the window (late May bank holiday, Monday 25 May 2026).
        (D(2026, 5, 28), 5, (), D(2026, 5, 19)),
        # Christmas and New Year: 25, 28 (Boxing Day observed) Dec and 1 Jan do not count.
        (D(2027, 1, 7), 5, (), D(2026, 12, 29)),
        (D(2027, 1, 5), 5, (), D(2026, 12, 23)),
        # An office closure day between Christmas and New Year counts like a bank holiday.
        (D(2027, 1, 7), 5, (D(2026, 12, 29), D(2026, 12, 30)), D(2026, 12, 23)),
        # Publication must be on a working day: a holiday just before the window moves it.
        (D(2026, 4, 14), 5, (), D(2026, 4, 2)),
        # Committee with three clear days (an extraordinary arrangement).
        (D(2026, 3, 19), 3, (), D(2026, 3, 13)),
        # Weekend meeting (rare, e.g. a Saturday council): Fri, Thu, Wed, Tue, Mon clear.
        (D(2026, 3, 21), 5, (), D(2026, 3, 13)),
    ],
)
def test_deadline_table(meeting_day, clear_days, closures, deadline):
    assert deadlines.deadline_date(meeting_day, clear_days, frozenset(closures)) == deadline


def test_working_day_rules():
    assert deadlines.is_working_day(D(2026, 3, 18))
    assert not deadlines.is_working_day(D(2026, 3, 21))  # Saturday
    assert not deadlines.is_working_day(D(2026, 12, 25))
    assert not deadlines.is_working_day(D(2026, 8, 31))  # late summer bank holiday


@pytest.mark.django_db
def test_agenda_deadline_uses_committee_days_and_closure_days(settings):
    committee = CommitteeFactory(agenda_clear_days=5)
    start = timezone.make_aware(datetime.datetime(2026, 3, 19, 18, 30))
    meeting = MeetingFactory(committee=committee, start=start)
    deadline = timezone.localtime(deadlines.agenda_deadline(meeting))
    assert (deadline.date(), deadline.hour, deadline.minute) == (D(2026, 3, 11), 23, 59)
    ClosureDay.objects.create(date=D(2026, 3, 16), reason="Office move")
    assert timezone.localtime(deadlines.agenda_deadline(meeting)).date() == D(2026, 3, 10)
    committee.agenda_clear_days = 3
    committee.save()
    meeting.refresh_from_db()
    assert timezone.localtime(deadlines.agenda_deadline(meeting)).date() == D(2026, 3, 12)


@pytest.mark.django_db
def test_days_left_and_lateness():
    start = timezone.make_aware(datetime.datetime(2026, 3, 19, 18, 30))
    meeting = MeetingFactory(start=start)
    monday = timezone.make_aware(datetime.datetime(2026, 3, 9, 9, 0))
    assert deadlines.working_days_left(meeting, monday) == 3  # Mon, Tue, Wed
    assert not deadlines.is_late(meeting, monday)
    assert "3 working days left" in deadlines.deadline_summary(meeting, monday)
    thursday = timezone.make_aware(datetime.datetime(2026, 3, 12, 0, 1))
    assert deadlines.is_late(meeting, thursday)
    assert "has passed" in deadlines.deadline_summary(meeting, thursday)
