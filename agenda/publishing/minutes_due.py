"""Draft minutes due: which meetings still owe them, by which day, and the reminder email
to their clerks. The dashboard lists them; the daily command `remind_clerks_of_minutes`
writes the reminders, which the task worker sends.

Draft minutes are due `MINUTES_DUE_WORKING_DAYS` working days after the meeting (5 unless
set). A clerk is reminded on the working day before, and once a week while they are late.
"""

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from agenda.models import Meeting, OutgoingEmail
from agenda.notices.compose import site_url, write
from agenda.publishing import deadlines
from committees.dates import day_date


def due_days():
    return getattr(settings, "MINUTES_DUE_WORKING_DAYS", 5)


def due_date(meeting, closures=frozenset()):
    """The day by which `meeting`'s draft minutes should be published."""
    return deadlines.add_working_days(timezone.localdate(meeting.start), due_days(), closures)


def reminder_date(meeting, closures=frozenset()):
    """The working day before the due date: when the clerk is first reminded."""
    day = timezone.localdate(meeting.start)
    return deadlines.add_working_days(day, max(due_days() - 1, 0), closures)


def waiting(committees=None, now=None):
    """Meetings owing draft minutes, oldest first (of `committees`, if given)."""
    meetings = Meeting.objects.awaiting_draft_minutes(now).select_related("committee")
    if committees is not None:
        meetings = meetings.filter(committee__in=committees)
    return meetings.order_by("start")


def clerk_addresses(meeting):
    """Who is reminded: the committee's clerks (editor users with an email address), or
    its support officer if it has no clerk with one."""
    addresses = sorted(
        {
            address.strip().lower()
            for address in meeting.committee.clerks.values_list("email", flat=True)
            if address.strip()
        }
    )
    officer = meeting.committee.support_officer
    if not addresses and officer is not None and officer.email.strip():
        addresses = [officer.email.strip().lower()]
    return addresses


def remind_clerks(today=None, now=None):
    """Write the minutes-due reminders of `today` (each once: keyed by meeting, address,
    due date and phase). Returns the messages written."""
    now = now or timezone.now()
    today = today or timezone.localdate(now)
    closures = deadlines.closure_days()
    written = []
    for meeting in waiting(now=now).prefetch_related("committee__clerks"):
        due = due_date(meeting, closures)
        if today < reminder_date(meeting, closures):
            continue
        late = today > due
        year, week, _day = today.isocalendar()
        phase = f"late-{year}-{week}" if late else "due"
        held = day_date(meeting.start)
        subject = (
            f"Overdue since {day_date(due)}: the draft minutes of {meeting}"
            if late
            else f"Due on {day_date(due)}: the draft minutes of {meeting}"
        )
        lines = [
            f"{meeting} met on {held}. Its draft minutes are "
            + (f"overdue: they were due on {day_date(due)}" if late else f"due on {day_date(due)}")
            + f", {due_days()} working days after the meeting.",
            "Write them on the meeting's page in the editor and publish them as draft "
            "minutes; this reminder stops once they are published.",
        ]
        link = site_url(reverse("admin:agenda_meeting_change", args=[meeting.pk]))
        for address in clerk_addresses(meeting):
            email = write(
                key=f"minutes-due:{meeting.pk}:{address}:{due}:{phase}",
                kind=OutgoingEmail.Kind.MINUTES_DUE,
                to=address,
                subject=subject,
                lines=lines,
                link=link,
                meeting=meeting,
            )
            if email is not None:
                written.append(email)
    return written
