"""OParl 1.1 objects built from public records only.

Each `*_object` function turns one row (with its relations already loaded by the view's
queryset) into the dict the OParl 1.1 specification describes. Ids are absolute URLs."""

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from agenda.models import Meeting
from committees.richtext import html_to_text

SCHEMA = "https://schema.oparl.org/1.1/"
BODY_ID = "council"


def oparl_type(name):
    return f"{SCHEMA}{name}"


def stamp(moment):
    return timezone.localtime(moment).isoformat() if moment else None


class Urls:
    """Absolute OParl URLs for one request (ids are URLs in OParl)."""

    def __init__(self, request):
        self.request = request

    def __call__(self, name, *args):
        return self.request.build_absolute_uri(reverse(f"api:{name}", args=args))

    def web(self, obj):
        return self.request.build_absolute_uri(obj.get_absolute_url())


def _common(urls, name, type_name, pk, created, modified):
    return {
        "id": urls(name, pk),
        "type": oparl_type(type_name),
        "created": stamp(created),
        "modified": stamp(modified or created),
    }


def system_object(urls):
    return {
        "id": urls("system"),
        "type": oparl_type("System"),
        "oparlVersion": SCHEMA,
        "body": urls("body_list"),
        "name": f"{settings.COUNCIL['name']} committee meetings",
        "contactEmail": settings.COUNCIL.get("email") or None,
        "website": urls.request.build_absolute_uri("/"),
        "vendor": "https://github.com/minutebook",
        "product": "Minutebook",
        "otherOparlVersions": [],
        "license": "http://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/",
        "created": None,
        "modified": None,
    }


def body_object(urls, *, created, modified):
    return {
        "id": urls("body_detail", BODY_ID),
        "type": oparl_type("Body"),
        "system": urls("system"),
        "name": settings.COUNCIL["name"],
        "shortName": settings.COUNCIL["short_name"],
        "website": urls.request.build_absolute_uri("/"),
        "license": "http://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/",
        "contactEmail": settings.COUNCIL.get("email") or None,
        "organization": urls("organization_list"),
        "person": urls("person_list"),
        "meeting": urls("meeting_list"),
        "paper": urls("paper_list"),
        "agendaItem": urls("agendaitem_list"),
        "file": urls("file_list"),
        "locationList": urls("location_list"),
        "membership": urls("membership_list"),
        "legislativeTerm": [],
        "legislativeTermList": urls("legislativeterm_list"),
        "consultation": urls("consultation_list"),
        "created": stamp(created),
        "modified": stamp(modified),
        "web": urls.request.build_absolute_uri("/"),
    }


def organization_object(urls, committee):
    data = _common(
        urls,
        "organization_detail",
        "Organization",
        committee.pk,
        committee.created_at,
        committee.updated_at,
    )
    data.update(
        body=urls("body_detail", BODY_ID),
        name=committee.name,
        shortName=committee.name,
        organizationType="Gremium",
        classification=committee.get_kind_display(),
        membership=[urls("membership_detail", m.pk) for m in committee.public_memberships],
        meeting=urls("organization_meetings", committee.pk),
        subOrganizationOf=urls("organization_detail", committee.parent_id)
        if committee.parent_id
        else None,
        location=urls("location_detail", committee.default_venue_id)
        if committee.default_venue_id
        else None,
        web=urls.web(committee),
    )
    return data


def membership_object(urls, membership):
    data = _common(
        urls,
        "membership_detail",
        "Membership",
        membership.pk,
        membership.created_at,
        membership.updated_at,
    )
    data.update(
        person=urls("person_detail", membership.person_id),
        organization=urls("organization_detail", membership.committee_id),
        role=membership.get_role_display(),
        votingRight=membership.is_voting,
        startDate=membership.start_date.isoformat() if membership.start_date else None,
        endDate=membership.end_date.isoformat() if membership.end_date else None,
    )
    return data


def person_object(urls, person):
    data = _common(urls, "person_detail", "Person", person.pk, person.created_at, person.updated_at)
    data.update(
        body=urls("body_detail", BODY_ID),
        name=person.display_name,
        familyName=person.name.split()[-1] if person.name.split() else person.name,
        givenName=" ".join(person.name.split()[:-1]),
        formOfAddress=person.title,
        title=[person.title] if person.title else [],
        affix=person.job_title,
        status=[person.get_kind_display()],
        membership=[membership_object(urls, m) for m in person.public_memberships],
        web=urls.web(person),
    )
    if person.party_id:
        data["party"] = person.party.name
    return data


def location_object(urls, venue):
    data = _common(
        urls, "location_detail", "Location", venue.pk, venue.created_at, venue.updated_at
    )
    data.update(
        description=venue.name,
        streetAddress=venue.address.replace("\n", ", "),
        postalCode=venue.postcode,
        meeting=urls("location_meetings", venue.pk),
    )
    return data


def file_object(urls, document):
    data = _common(
        urls, "file_detail", "File", document.pk, document.created_at, document.published_at
    )
    download = urls.request.build_absolute_uri(document.get_absolute_url())
    data.update(
        name=document.title,
        fileName=document.download_name,
        mimeType=document.content_type or "application/octet-stream",
        size=document.size,
        sha512Checksum=None,
        accessUrl=download,
        downloadUrl=download,
        date=stamp(document.published_at)[:10] if document.published_at else None,
        meeting=[urls("meeting_detail", document.meeting_id)],
        agendaItem=[urls("agendaitem_detail", document.item_id)] if document.item_id else [],
        fileLicense="http://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/",
    )
    return data


def agendaitem_object(urls, item, *, open_content, minutes_public):
    """An exempt item says `public: false` and gives nothing beyond its number and name."""
    data = _common(
        urls, "agendaitem_detail", "AgendaItem", item.pk, item.published_at, item.updated_at
    )
    data.update(
        meeting=urls("meeting_detail", item.meeting_id),
        number=item.number,
        order=item.position,
        name=item.plain_title,
        public=open_content,
        web=urls.web(item),
    )
    if not open_content:
        return data
    data["minutes"] = urls("item_minutes", item.pk)
    if minutes_public:
        resolutions = list(item.resolutions.all())
        if resolutions:
            data["result"] = "; ".join(sorted({r.get_outcome_display() for r in resolutions}))
            data["resolutionText"] = "\n".join(
                f"{r.display_label} {html_to_text(r.text)}" for r in resolutions
            )
    data["auxiliaryFile"] = [file_object(urls, d) for d in item.public_documents]
    return data


def meeting_object(urls, meeting, *, open_item_ids):
    data = _common(
        urls, "meeting_detail", "Meeting", meeting.pk, meeting.created_at, meeting.updated_at
    )
    minutes_public = meeting.minutes_are_public
    data.update(
        name=meeting.name,
        meetingState=meeting.get_status_display(),
        cancelled=meeting.status == Meeting.Status.CANCELLED,
        start=stamp(meeting.start),
        end=stamp(meeting.end),
        location=location_object(urls, meeting.venue) if meeting.venue_id else None,
        organization=[urls("organization_detail", meeting.committee_id)],
        agendaItem=[
            agendaitem_object(
                urls,
                item,
                open_content=item.pk in open_item_ids,
                minutes_public=minutes_public,
            )
            for item in meeting.public_items
        ],
        auxiliaryFile=[file_object(urls, d) for d in meeting.public_documents if not d.item_id],
        minutes=urls("meeting_minutes", meeting.pk) if minutes_public else None,
        web=urls.web(meeting),
    )
    return data
