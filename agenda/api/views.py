"""OParl 1.1 endpoints. Each resource states its public queryset once (through the
`.public()` QuerySets, with the relations it serialises loaded up front so the number of
queries does not grow with the page) and is served as a paged list and as single objects."""

from django.db.models import Max, Min, Prefetch, Q

from agenda.api import oparl
from agenda.api.base import JsonView, NotFound, OParlDetailView, OParlListView
from agenda.models import AgendaItem, Document, Meeting, Resolution
from committees.models import Committee, Membership, Person, Venue


def public_memberships():
    return Prefetch(
        "memberships",
        queryset=Membership.objects.public().order_by("pk"),
        to_attr="public_memberships",
    )


def public_documents():
    return Prefetch(
        "documents", queryset=Document.objects.public().order_by("pk"), to_attr="public_documents"
    )


def public_resolutions():
    """Resolutions are part of the minutes: only loaded for items whose minutes are public."""
    return Prefetch(
        "resolutions",
        queryset=Resolution.objects.filter(item__in=AgendaItem.objects.with_public_minutes()),
    )


def open_ids(items):
    ids = [item.pk for item in items]
    return set(AgendaItem.objects.open_content().filter(pk__in=ids).values_list("pk", flat=True))


class SystemView(JsonView):
    def get_data(self, urls):
        return oparl.system_object(urls)


class BodyMixin:
    def body(self, urls):
        span = Meeting.objects.public().aggregate(first=Min("created_at"), last=Max("updated_at"))
        return oparl.body_object(urls, created=span["first"], modified=span["last"])


class BodyListView(BodyMixin, JsonView):
    """One council, one body: the list is written out rather than paged from a table."""

    def get_data(self, urls):
        data = [self.body(urls)]
        return {
            "data": data,
            "pagination": {
                "totalElements": 1,
                "elementsPerPage": 1,
                "currentPage": 1,
                "totalPages": 1,
            },
            "links": {"first": urls("body_list"), "last": urls("body_list")},
        }


class BodyDetailView(BodyMixin, JsonView):
    def get_data(self, urls, body):
        if body != oparl.BODY_ID:
            raise NotFound
        return self.body(urls)


class EmptyListView(OParlListView):
    """Object types we do not hold (papers, consultations, terms): valid, empty lists."""

    def get_queryset(self):
        return Meeting.objects.none()

    def serialize(self, urls, objects):
        return []


class OrganizationResource:
    def get_queryset(self):
        return (
            Committee.objects.public()
            .select_related("default_venue")
            .prefetch_related(public_memberships())
        )

    def serialize(self, urls, objects):
        return [oparl.organization_object(urls, committee) for committee in objects]


class PersonResource:
    def get_queryset(self):
        return (
            Person.objects.public().select_related("party").prefetch_related(public_memberships())
        )

    def serialize(self, urls, objects):
        return [oparl.person_object(urls, person) for person in objects]


class MembershipResource:
    def get_queryset(self):
        return Membership.objects.public()

    def serialize(self, urls, objects):
        return [oparl.membership_object(urls, membership) for membership in objects]


class LocationResource:
    def get_queryset(self):
        used = Q(meetings__in=Meeting.objects.public()) | Q(
            default_for_committees__in=Committee.objects.public()
        )
        return Venue.objects.filter(pk__in=Venue.objects.filter(used).values("pk"))

    def serialize(self, urls, objects):
        return [oparl.location_object(urls, venue) for venue in objects]


class FileResource:
    created_field = "created_at"
    modified_field = "published_at"

    def get_queryset(self):
        return Document.objects.public()

    def serialize(self, urls, objects):
        return [oparl.file_object(urls, document) for document in objects]


class AgendaItemResource:
    created_field = "published_at"

    def get_queryset(self):
        return AgendaItem.objects.public().prefetch_related(
            public_resolutions(), public_documents()
        )

    def serialize(self, urls, objects):
        open_items = open_ids(objects)
        public_minutes = set(
            Meeting.objects.public()
            .with_public_minutes()
            .filter(pk__in={item.meeting_id for item in objects})
            .values_list("pk", flat=True)
        )
        return [
            oparl.agendaitem_object(
                urls,
                item,
                open_content=item.pk in open_items,
                minutes_public=item.meeting_id in public_minutes,
            )
            for item in objects
        ]


class MeetingResource:
    def get_queryset(self):
        items = AgendaItem.objects.public().prefetch_related(
            public_resolutions(), public_documents()
        )
        return (
            Meeting.objects.public()
            .select_related("committee", "venue")
            .prefetch_related(
                Prefetch("items", queryset=items, to_attr="public_items"), public_documents()
            )
        )

    def serialize(self, urls, objects):
        open_items = open_ids([item for meeting in objects for item in meeting.public_items])
        return [oparl.meeting_object(urls, m, open_item_ids=open_items) for m in objects]


def list_and_detail(resource):
    """The list and detail views of one resource class."""
    list_view = type(f"{resource.__name__}List", (resource, OParlListView), {})
    detail_view = type(f"{resource.__name__}Detail", (resource, OParlDetailView), {})
    return list_view.as_view(), detail_view.as_view()


class OrganizationMeetingsView(MeetingResource, OParlListView):
    def get_queryset(self, pk):
        return super().get_queryset().filter(committee_id=pk)


class LocationMeetingsView(MeetingResource, OParlListView):
    def get_queryset(self, pk):
        return super().get_queryset().filter(venue_id=pk)
