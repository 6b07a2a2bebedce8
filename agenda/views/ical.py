"""iCalendar (RFC 5545) feeds of public meetings: all, per committee, and one meeting."""

import datetime

import icalendar
from django.conf import settings
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.views import View

from agenda.models import Meeting
from agenda.views.former import former_address_redirect
from committees.models import Committee

# Meetings without a recorded end are shown as two hours long, the usual length.
DEFAULT_LENGTH = datetime.timedelta(hours=2)
# A feed covers the last year and everything ahead: enough for calendars, cheap to build.
PAST_WINDOW = datetime.timedelta(days=366)
STATUS = {
    Meeting.Status.CANCELLED: "CANCELLED",
    Meeting.Status.POSTPONED: "CANCELLED",
    Meeting.Status.SCHEDULED: "CONFIRMED",
    Meeting.Status.HELD: "CONFIRMED",
    Meeting.Status.ADJOURNED: "CONFIRMED",
}


def meeting_uid(meeting, host):
    """Stable for the life of the meeting: calendars update rather than duplicate it."""
    return f"meeting-{meeting.pk}@{host}"


def _utc(moment):
    return moment.astimezone(datetime.UTC)


def meeting_event(meeting, *, request, stamp):
    event = icalendar.Event()
    host = request.get_host().split(":")[0]
    event.add("uid", meeting_uid(meeting, host))
    event.add("dtstamp", _utc(stamp))
    event.add("dtstart", _utc(meeting.start))
    event.add("dtend", _utc(meeting.end or meeting.start + DEFAULT_LENGTH))
    event.add("summary", meeting.name)
    event.add("status", STATUS.get(meeting.status, "CONFIRMED"))
    event.add("sequence", meeting.version)
    event.add("last-modified", _utc(meeting.updated_at))
    event.add("url", request.build_absolute_uri(meeting.get_absolute_url()))
    if meeting.venue_id:
        venue = meeting.venue
        event.add(
            "location",
            ", ".join(
                p for p in [venue.name, venue.address.replace("\n", ", "), venue.postcode] if p
            ),
        )
    lines = [meeting.committee.name]
    if meeting.is_called_off and meeting.status_notice:
        lines.append(meeting.status_notice)
    lines.append(request.build_absolute_uri(meeting.get_absolute_url()))
    event.add("description", "\n".join(lines))
    return event


def build_calendar(meetings, *, request, name):
    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//Minutebook//Committee meetings//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", settings.TIME_ZONE)
    stamp = timezone.now()
    for meeting in meetings:
        calendar.add_component(meeting_event(meeting, request=request, stamp=stamp))
    return calendar


def calendar_response(calendar, filename):
    response = HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


def _meetings():
    since = timezone.now() - PAST_WINDOW
    return (
        Meeting.objects.public()
        .filter(start__gte=since)
        .select_related("committee", "venue")
        .order_by("start")
    )


class AllMeetingsCalendarView(View):
    def get(self, request):
        name = f"{settings.COUNCIL['name']} meetings"
        return calendar_response(
            build_calendar(_meetings(), request=request, name=name), "meetings.ics"
        )


class CommitteeCalendarView(View):
    def get(self, request, slug):
        committee = get_object_or_404(Committee.objects.public(), slug=slug)
        meetings = _meetings().filter(committee=committee)
        calendar = build_calendar(meetings, request=request, name=committee.name)
        return calendar_response(calendar, f"{committee.slug}.ics")


class MeetingCalendarView(View):
    """One meeting, for "Add to calendar"."""

    def get(self, request, slug):
        meeting = (
            Meeting.objects.public().select_related("committee", "venue").filter(slug=slug).first()
        )
        if meeting is None:
            return former_address_redirect(request, slug, Meeting.objects.public())
        calendar = build_calendar([meeting], request=request, name=meeting.name)
        return calendar_response(calendar, f"{meeting.slug}.ics")
