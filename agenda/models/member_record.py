"""A member's record over a period: the rules behind a councillor's page (attendance, the
share of meeting time present, votes, motions), kept apart from the page that shows them.

Which rows count is decided by the caller through `agenda.visibility` (only public minutes
of public meetings; nothing on an exempt or withdrawn item). This module says how the rows
that count are read:

*Attendance.* Each meeting whose minutes are public and at which the member was expected
(present in person, virtually or as a substitute, apologies, or absent; an officer or
member only "in attendance" is not expected) counts once. A meeting is "present" when the
minuted status is one of the present ones. Its *share present* is, where the clerk's
console recorded times in the room (attendance spans) and the meeting's close: the time
the member's spans cover between the meeting's start and its close, divided by that
length (an open span runs to the close; time before the start or after the close does not
count). Present with a share of 1 is "present throughout", below 1 "present for part".
Where no times were recorded (or the meeting's close was not), the status alone decides:
present is a share of 1 ("times not recorded"), apologies and absent are 0. The member's
*share of meeting time* is the mean of the shares over the meetings expected.

*Period.* A municipal year (`?year=2024`: 1 May 2024 to 30 April 2025) and/or dates
(`?since=2024-06-01&until=2024-12-31`, both inclusive, in the council's time zone); dates
within a year narrow it. A row belongs to the period by its meeting's start.
"""

import datetime
from dataclasses import dataclass, field
from fractions import Fraction

from django.db.models import Q
from django.utils import timezone

from agenda.models.participation import Attendance
from agenda.models.votes import VoteOption
from committees.dates import long_date
from committees.municipal import (
    EARLIEST_YEAR,
    LATEST_YEAR,
    municipal_year_bounds,
    municipal_year_label,
)
from minutes_site import params


@dataclass(frozen=True)
class Period:
    """[start, end) in aware datetimes (either may be None: open-ended), and how to name it."""

    start: datetime.datetime | None = None
    end: datetime.datetime | None = None
    year: int | None = None
    since: datetime.date | None = None
    until: datetime.date | None = None

    @classmethod
    def from_query(cls, query):
        """The period a visitor asked for; BadParameter (a 400 that says why) if unreadable."""
        year = params.whole_number(query, "year", minimum=EARLIEST_YEAR, maximum=LATEST_YEAR)
        since = params.date(query, "since")
        until = params.date(query, "until")
        if since and until and since > until:
            raise params.BadParameter(
                "“since” must be on or before “until”: "
                f"{long_date(since)} is after {long_date(until)}."
            )
        zone = timezone.get_default_timezone()
        start = end = None
        if year is not None:
            start, end = municipal_year_bounds(year)
        if since is not None:
            moment = datetime.datetime.combine(since, datetime.time(), tzinfo=zone)
            start = max(start, moment) if start else moment
        if until is not None:
            moment = datetime.datetime.combine(
                until + datetime.timedelta(days=1), datetime.time(), tzinfo=zone
            )
            end = min(end, moment) if end else moment
        return cls(start=start, end=end, year=year, since=since, until=until)

    @property
    def is_all(self):
        return self.start is None and self.end is None

    @property
    def is_empty(self):
        return self.start is not None and self.end is not None and self.start >= self.end

    @property
    def label(self):
        """'All published minutes', 'Municipal year 2024/25', '1 June 2024 to 31 December
        2024', 'From 1 June 2024', 'Until 31 December 2024'."""
        if self.is_all:
            return "All published minutes"
        if self.year is not None and self.since is None and self.until is None:
            return f"Municipal year {municipal_year_label(self.year)}"
        first = long_date(timezone.localtime(self.start)) if self.start else None
        last = (
            long_date(timezone.localtime(self.end) - datetime.timedelta(days=1))
            if self.end
            else None
        )
        if first and last:
            return f"{first} to {last}"
        return f"From {first}" if first else f"Until {last}"

    def meetings(self, path="meeting"):
        """A Q keeping rows whose meeting (reached by `path`) started within the period."""
        condition = Q()
        if self.start is not None:
            condition &= Q(**{f"{path}__start__gte": self.start})
        if self.end is not None:
            condition &= Q(**{f"{path}__start__lt": self.end})
        return condition

    def memberships(self):
        """A Q keeping seats held at some time in the period."""
        condition = Q()
        if self.end is not None:
            last_day = timezone.localtime(self.end).date() - datetime.timedelta(days=1)
            condition &= Q(start_date__isnull=True) | Q(start_date__lte=last_day)
        if self.start is not None:
            first_day = timezone.localtime(self.start).date()
            condition &= Q(end_date__isnull=True) | Q(end_date__gte=first_day)
        return condition


THROUGHOUT = "throughout"
PART = "part"
NOT_TIMED = "not_timed"
APOLOGIES = "apologies"
ABSENT = "absent"


def share_present(attendance, spans, meeting):
    """The share (a Fraction from 0 to 1) of `meeting` that `attendance`'s person was in the
    room, and whether times decided it: (share, timed). See the module's rule."""
    if attendance.status not in Attendance.PRESENT_STATES:
        return Fraction(0), False
    start, close = meeting.start, meeting.end
    if not spans or close is None or close <= start:
        return Fraction(1), False
    length = (close - start).total_seconds()
    inside = 0.0
    for span in spans:
        arrived = max(span.arrived_at, start)
        left = min(span.left_at or close, close)
        if left > arrived:
            inside += (left - arrived).total_seconds()
    return min(Fraction(inside) / Fraction(length), Fraction(1)), True


@dataclass
class MeetingAttendance:
    """One expected meeting in the record: the attendance row, its kind (THROUGHOUT, PART,
    NOT_TIMED, APOLOGIES, ABSENT) and the share present."""

    attendance: object
    kind: str
    share: Fraction

    @property
    def meeting(self):
        return self.attendance.meeting

    @property
    def percent(self):
        return round(100 * self.share)


def classify(attendance, spans):
    share, timed = share_present(attendance, spans, attendance.meeting)
    if attendance.status == Attendance.Status.APOLOGIES:
        kind = APOLOGIES
    elif attendance.status == Attendance.Status.ABSENT:
        kind = ABSENT
    elif not timed:
        kind = NOT_TIMED
    else:
        kind = THROUGHOUT if share >= 1 else PART
    return MeetingAttendance(attendance, kind, share)


@dataclass
class AttendanceRecord:
    """The figures of a member's attendance over the meetings given (see the module's rule)."""

    meetings: list = field(default_factory=list)  # MeetingAttendance, newest first
    in_attendance: int = 0

    @classmethod
    def of(cls, attendances):
        """From attendance rows with `meeting` loaded and `spans` prefetched."""
        record = cls()
        for attendance in attendances:
            if attendance.status == Attendance.Status.IN_ATTENDANCE:
                record.in_attendance += 1
            elif attendance.status in Attendance.EXPECTED_STATES:
                record.meetings.append(classify(attendance, list(attendance.spans.all())))
        return record

    def _count(self, *kinds):
        return sum(1 for row in self.meetings if row.kind in kinds)

    def _status(self, status):
        return sum(1 for row in self.meetings if row.attendance.status == status)

    @property
    def expected(self):
        return len(self.meetings)

    @property
    def present(self):
        return self._count(THROUGHOUT, PART, NOT_TIMED)

    @property
    def present_throughout(self):
        return self._count(THROUGHOUT)

    @property
    def present_part(self):
        return self._count(PART)

    @property
    def present_not_timed(self):
        return self._count(NOT_TIMED)

    @property
    def present_virtually(self):
        return self._status(Attendance.Status.PRESENT_VIRTUALLY)

    @property
    def as_substitute(self):
        return self._status(Attendance.Status.SUBSTITUTE)

    @property
    def apologies(self):
        return self._count(APOLOGIES)

    @property
    def absent(self):
        return self._count(ABSENT)

    @property
    def rate(self):
        """Meetings present as a whole percentage of meetings expected (None if none)."""
        return round(100 * self.present / self.expected) if self.expected else None

    @property
    def share(self):
        """The mean share present over the meetings expected (a Fraction, or None)."""
        if not self.meetings:
            return None
        return sum((row.share for row in self.meetings), Fraction(0)) / len(self.meetings)

    @property
    def share_percent(self):
        share = self.share
        return None if share is None else round(100 * share)


def vote_tally(votes):
    """How many of `votes` (a member's Vote rows) were each option, as (option, label,
    count) in the options' order, leaving out options never used."""
    counts = {}
    for vote in votes:
        counts[vote.option] = counts.get(vote.option, 0) + 1
    return [(value, label, counts[value]) for value, label in VoteOption.choices if value in counts]
