"""Clear days: when an agenda must be published at the latest.

The Local Government Act 1972 (s.100B) wants the agenda open to inspection at least five
clear days before the meeting. A clear day excludes the day of publication and the day
of the meeting, and only working days count: not weekends, England & Wales bank holidays
(the `holidays` package) or extra office closure days an administrator records. The
agenda must go out on a working day too (the offices must be open for inspection), so
the deadline is the end of the last working day before the first clear day.
"""

import datetime
from functools import lru_cache

import holidays
from django.utils import timezone

DEFAULT_CLEAR_DAYS = 5


@lru_cache(maxsize=32)
def _bank_holidays(year):
    return frozenset(holidays.country_holidays("GB", subdiv="ENG", years=year))


def warm_calendar(today=None):
    """Work out this year's and next year's bank holidays now. The `holidays` package
    takes most of a second the first time, which a web worker should spend when it
    starts rather than in a clerk's first publish (minutes_site/wsgi.py calls this)."""
    year = (today or timezone.localdate()).year
    for each in (year - 1, year, year + 1):
        _bank_holidays(each)


def closure_days():
    from agenda.models import ClosureDay

    return frozenset(ClosureDay.objects.values_list("date", flat=True))


def is_working_day(day, closures=frozenset()):
    return day.weekday() < 5 and day not in _bank_holidays(day.year) and day not in closures


def _previous_working_day(day, closures):
    day -= datetime.timedelta(days=1)
    while not is_working_day(day, closures):
        day -= datetime.timedelta(days=1)
    return day


def deadline_date(meeting_date, clear_days=DEFAULT_CLEAR_DAYS, closures=frozenset()):
    """The last day on which an agenda for a meeting on `meeting_date` may be published."""
    day = meeting_date
    for _ in range(clear_days):
        day = _previous_working_day(day, closures)
    # `day` is now the first clear day; publication must happen on a working day before it.
    return _previous_working_day(day, closures)


def _end_of_day(day):
    tz = timezone.get_default_timezone()
    last = datetime.datetime.combine(day, datetime.time(23, 59, 59))
    return timezone.make_aware(last, tz)


def agenda_deadline(meeting, closures=None):
    """The last moment (aware, end of the council's working day) the agenda may go out."""
    if closures is None:
        closures = closure_days()
    clear = meeting.committee.agenda_clear_days
    clear = DEFAULT_CLEAR_DAYS if clear is None else clear
    meeting_date = timezone.localtime(meeting.start).date()
    return _end_of_day(deadline_date(meeting_date, clear, closures))


def working_days_left(meeting, now=None, closures=None):
    """Working days from today up to and including the deadline day; 0 on the deadline
    day after it has passed, negative never (use `is_late`)."""
    if closures is None:
        closures = closure_days()
    now = now or timezone.now()
    today = timezone.localtime(now).date()
    last = timezone.localtime(agenda_deadline(meeting, closures)).date()
    left, day = 0, today
    while day <= last:
        if is_working_day(day, closures):
            left += 1
        day += datetime.timedelta(days=1)
    return left


def is_late(meeting, now=None, closures=None):
    return (now or timezone.now()) > agenda_deadline(meeting, closures)


def deadline_summary(meeting, now=None):
    """One sentence for the editor: the deadline and how long is left."""
    now = now or timezone.now()
    closures = closure_days()
    deadline = timezone.localtime(agenda_deadline(meeting, closures))
    when = f"{deadline:%A %d %B %Y}"
    if now > deadline:
        return f"The agenda deadline ({when}) has passed: publishing now needs a reason of urgency."
    left = working_days_left(meeting, now, closures)
    plural = "" if left == 1 else "s"
    return f"Publish the agenda by the end of {when} ({left} working day{plural} left)."


def add_working_days(day, count, closures=frozenset()):
    """The working day `count` working days after `day` (e.g. when draft minutes are due)."""
    while count > 0:
        day += datetime.timedelta(days=1)
        if is_working_day(day, closures):
            count -= 1
    return day


def contributions_deadline(meeting, closures=None):
    """The end of the last day residents may send a public question or ask to speak: the
    committee's number of working days before the meeting day."""
    if closures is None:
        closures = closure_days()
    day = timezone.localtime(meeting.start).date()
    for _ in range(meeting.committee.public_questions_days):
        day = _previous_working_day(day, closures)
    return _end_of_day(day)


def sign_off_due(meeting, closures=None):
    """The day reports should be signed off: some working days before the agenda deadline."""
    from django.conf import settings

    if closures is None:
        closures = closure_days()
    day = timezone.localtime(agenda_deadline(meeting, closures)).date()
    for _ in range(getattr(settings, "SIGN_OFF_WORKING_DAYS", 3)):
        day = _previous_working_day(day, closures)
    return day


def call_in_until(published_on, clear_days=None, closures=None):
    """The last day an executive decision published on `published_on` may be called in:
    the end of the `clear_days`-th working day after the day of publication (which does
    not count, nor do weekends, bank holidays and closure days). Setting
    `CALL_IN_WORKING_DAYS`, 5 unless the constitution says otherwise."""
    from django.conf import settings

    if clear_days is None:
        clear_days = getattr(settings, "CALL_IN_WORKING_DAYS", DEFAULT_CLEAR_DAYS)
    if closures is None:
        closures = closure_days()
    return add_working_days(published_on, clear_days, closures)


def effective_after_call_in(last_call_in_day, closures=None):
    """A decision not called in may be implemented from the next working day."""
    if closures is None:
        closures = closure_days()
    return add_working_days(last_call_in_day, 1, closures)
