"""Atom feeds of newly published agendas and minutes, for everything and per committee."""

from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed

from agenda.models import Meeting
from committees.models import Committee

FEED_LENGTH = 30


@dataclass
class Publication:
    """One thing made public: a meeting's agenda or its minutes, at a time."""

    meeting: Meeting
    what: str  # "agenda" or "minutes"
    when: datetime

    @property
    def title(self):
        local = timezone.localtime(self.meeting.start)
        if self.what == "minutes":
            label = "Minutes" if not self.meeting.minutes_are_draft else "Draft minutes"
        else:
            label = "Agenda"
        return f"{label}: {self.meeting.name}, {local:%-d %B %Y}"


def recent_publications(committee=None, limit=FEED_LENGTH):
    """The latest agenda and minutes publications, newest first (two queries)."""
    meetings = Meeting.objects.public().select_related("committee", "venue")
    if committee is not None:
        meetings = meetings.filter(committee=committee)
    agendas = meetings.with_public_agenda().filter(agenda_published_at__isnull=False)
    minutes = meetings.with_public_minutes().filter(minutes_published_at__isnull=False)
    publications = [
        Publication(m, "agenda", m.agenda_published_at)
        for m in agendas.order_by("-agenda_published_at")[:limit]
    ] + [
        Publication(m, "minutes", m.minutes_published_at)
        for m in minutes.order_by("-minutes_published_at")[:limit]
    ]
    publications.sort(key=lambda p: p.when, reverse=True)
    return publications[:limit]


class PublicationsFeed(Feed):
    feed_type = Atom1Feed

    def title(self, obj):
        return f"{settings.COUNCIL['name']}: new agendas and minutes"

    def subtitle(self, obj):
        return "Agendas and minutes of committee meetings, as they are published."

    def link(self, obj):
        return reverse("agenda:meeting_list")

    def items(self, obj):
        return recent_publications()

    def item_title(self, publication):
        return publication.title

    def item_description(self, publication):
        meeting = publication.meeting
        local = timezone.localtime(meeting.start)
        where = f" at {meeting.venue.name}" if meeting.venue_id else ""
        notice = f" {meeting.get_status_display()}." if meeting.is_called_off else ""
        return f"{meeting.committee.name}, {local:%A %-d %B %Y, %H:%M}{where}.{notice}"

    def item_link(self, publication):
        return publication.meeting.get_absolute_url()

    def item_guid(self, publication):
        return f"{publication.what}-{publication.meeting.pk}-{publication.when:%Y%m%d%H%M%S}"

    item_guid_is_permalink = False

    def item_pubdate(self, publication):
        return publication.when

    def item_updateddate(self, publication):
        return publication.when

    def item_author_name(self, publication):
        return settings.COUNCIL["name"]


class CommitteePublicationsFeed(PublicationsFeed):
    def get_object(self, request, slug):
        return get_object_or_404(Committee.objects.public(), slug=slug)

    def title(self, committee):
        return f"{committee.name}: new agendas and minutes"

    def link(self, committee):
        return committee.get_absolute_url()

    def items(self, committee):
        return recent_publications(committee)
