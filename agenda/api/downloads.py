"""Downloads: the decisions register, actions, attendance, vote events and members' votes
as CSV, and the whole
council as JSON Lines (agenda/api/open_data_files.py builds the rows)."""

from django.views import View

from agenda.api import open_data, open_data_files
from agenda.api.base import error_response
from agenda.api.views import MeetingResource, OrganizationResource, PersonResource
from agenda.models import Decision
from agenda.models.decisions import register_filters
from minutes_site import params


class DecisionsCsvView(View):
    """`/api/v1/decisions.csv`, with the register's filters (`?maker=cabinet&key=1`)."""

    def get(self, request):
        try:
            filters = register_filters(request.GET)
        except params.BadParameter as error:
            return error_response(400, str(error))
        queryset = (
            Decision.objects.public()
            .register(**filters)
            .prefetch_related("wards", "item__wards_affected")
            .select_related("forward_plan_entry", "topic", "scrutiny_item", "item__topic")
            .order_by("-decided_on", "-pk")
        )
        return open_data_files.decisions_csv(request, queryset)


class ActionsCsvView(View):
    def get(self, request):
        return open_data_files.actions_csv(request)


class AttendanceCsvView(View):
    def get(self, request):
        return open_data_files.attendance_csv(request)


class VoteEventsCsvView(View):
    def get(self, request):
        return open_data_files.vote_events_csv(request)


class VotesCsvView(View):
    """`/api/v1/votes.csv`: members' named votes; `?person=<id>` for one member's."""

    def get(self, request):
        try:
            person = params.whole_number(request.GET, "person")
        except params.BadParameter as error:
            return error_response(400, str(error))
        return open_data_files.votes_csv(request, person=person)


def _resource(resource_class):
    resource = resource_class()
    return resource.get_queryset(), resource.serialize


class ExportView(View):
    """`/api/v1/export.jsonl`: every public object, one a line."""

    def get(self, request):
        resources = [
            _resource(OrganizationResource),
            _resource(PersonResource),
            _resource(MeetingResource),
            (open_data.public_decisions(), open_data.DecisionResource().serialize),
            (open_data.public_actions(), open_data.ActionResource().serialize),
            (open_data.public_attendance(), open_data.AttendanceListView().serialize),
            (open_data.public_motions(), open_data.MotionResource().serialize),
            (open_data.public_vote_events(), open_data.VoteEventResource().serialize),
        ]
        return open_data_files.export_response(request, resources)
