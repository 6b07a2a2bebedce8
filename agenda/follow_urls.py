"""Feeds and calendars: subscribe-able views of public meetings."""

from django.urls import path

from agenda.views import feeds, ical

app_name = "follow"

urlpatterns = [
    path("feeds/meetings.atom", feeds.PublicationsFeed(), name="feed"),
    path(
        "feeds/committees/<slug:slug>.atom",
        feeds.CommitteePublicationsFeed(),
        name="committee_feed",
    ),
    path("calendar/meetings.ics", ical.AllMeetingsCalendarView.as_view(), name="calendar"),
    path(
        "calendar/committees/<slug:slug>.ics",
        ical.CommitteeCalendarView.as_view(),
        name="committee_calendar",
    ),
    path(
        "calendar/meetings/<slug:slug>.ics",
        ical.MeetingCalendarView.as_view(),
        name="meeting_calendar",
    ),
]
