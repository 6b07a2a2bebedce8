"""schema.org JSON-LD for public pages, rendered as inert, safely escaped data."""

import json

from django import template
from django.conf import settings
from django.utils.safestring import mark_safe

from agenda.models import Meeting

register = template.Library()

# Escaped so the JSON can never close the <script> element or open markup inside it.
_ESCAPES = {ord("<"): "\\u003c", ord(">"): "\\u003e", ord("&"): "\\u0026"}

EVENT_STATUS = {
    Meeting.Status.CANCELLED: "https://schema.org/EventCancelled",
    Meeting.Status.POSTPONED: "https://schema.org/EventPostponed",
}


@register.filter
def jsonld(value):
    """JSON for a <script type="application/ld+json"> block."""
    data = json.dumps(value, ensure_ascii=False).translate(_ESCAPES)
    return mark_safe(data)  # nosec B308 B703: <, > and & are escaped above


def meeting_event_data(meeting, request):
    """A public meeting as a schema.org Event (only fields the public page already shows)."""
    url = request.build_absolute_uri(meeting.get_absolute_url())
    data = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": f"{meeting.name}: {meeting.published_heading}",
        "url": url,
        "startDate": meeting.start.isoformat(),
        "eventStatus": EVENT_STATUS.get(meeting.status, "https://schema.org/EventScheduled"),
        "eventAttendanceMode": "https://schema.org/MixedEventAttendanceMode"
        if meeting.webcast_url
        else "https://schema.org/OfflineEventAttendanceMode",
        "isAccessibleForFree": True,
        "organizer": {"@type": "GovernmentOrganization", "name": settings.COUNCIL["name"]},
        "description": f"Public meeting of {meeting.committee.name}.",
    }
    if meeting.end:
        data["endDate"] = meeting.end.isoformat()
    if meeting.venue_id:
        venue = meeting.venue
        place = {"@type": "Place", "name": venue.name}
        if venue.address or venue.postcode:
            place["address"] = {
                "@type": "PostalAddress",
                "streetAddress": venue.address.replace("\n", ", "),
                "postalCode": venue.postcode,
                "addressCountry": "GB",
            }
        data["location"] = place
    elif meeting.webcast_url:
        data["location"] = {"@type": "VirtualLocation", "url": meeting.webcast_url}
    return data


@register.simple_tag(takes_context=True)
def meeting_jsonld(context, meeting):
    return jsonld(meeting_event_data(meeting, context["request"]))
