"""/api/: the OParl 1.1 endpoint, structured minutes, and the developer page."""

from django.urls import path
from django.views.generic import TemplateView

from agenda.api import downloads, minutes, open_data, views

app_name = "api"

organization_list, organization_detail = views.list_and_detail(views.OrganizationResource)
person_list, person_detail = views.list_and_detail(views.PersonResource)
membership_list, membership_detail = views.list_and_detail(views.MembershipResource)
meeting_list, meeting_detail = views.list_and_detail(views.MeetingResource)
agendaitem_list, agendaitem_detail = views.list_and_detail(views.AgendaItemResource)
file_list, file_detail = views.list_and_detail(views.FileResource)
location_list, location_detail = views.list_and_detail(views.LocationResource)
decision_list, decision_detail = open_data.list_and_detail(open_data.DecisionResource)
action_list, action_detail = open_data.list_and_detail(open_data.ActionResource)
motion_list, motion_detail = open_data.list_and_detail(open_data.MotionResource)
voteevent_list, voteevent_detail = open_data.list_and_detail(open_data.VoteEventResource)

OPARL = "oparl/v1/"
X = f"{OPARL}x-minutebook/"

urlpatterns = [
    path("", TemplateView.as_view(template_name="agenda/api_docs.html"), name="docs"),
    path(f"{OPARL}system", views.SystemView.as_view(), name="system"),
    path(f"{OPARL}bodies", views.BodyListView.as_view(), name="body_list"),
    path(f"{OPARL}bodies/<slug:body>", views.BodyDetailView.as_view(), name="body_detail"),
    path(f"{OPARL}organizations", organization_list, name="organization_list"),
    path(f"{OPARL}organizations/<int:pk>", organization_detail, name="organization_detail"),
    path(
        f"{OPARL}organizations/<int:pk>/meetings",
        views.OrganizationMeetingsView.as_view(),
        name="organization_meetings",
    ),
    path(f"{OPARL}people", person_list, name="person_list"),
    path(f"{OPARL}people/<int:pk>", person_detail, name="person_detail"),
    path(f"{OPARL}memberships", membership_list, name="membership_list"),
    path(f"{OPARL}memberships/<int:pk>", membership_detail, name="membership_detail"),
    path(f"{OPARL}meetings", meeting_list, name="meeting_list"),
    path(f"{OPARL}meetings/<int:pk>", meeting_detail, name="meeting_detail"),
    path(f"{OPARL}agenda-items", agendaitem_list, name="agendaitem_list"),
    path(f"{OPARL}agenda-items/<int:pk>", agendaitem_detail, name="agendaitem_detail"),
    path(f"{OPARL}files", file_list, name="file_list"),
    path(f"{OPARL}files/<int:pk>", file_detail, name="file_detail"),
    path(f"{OPARL}locations", location_list, name="location_list"),
    path(f"{OPARL}locations/<int:pk>", location_detail, name="location_detail"),
    path(
        f"{OPARL}locations/<int:pk>/meetings",
        views.LocationMeetingsView.as_view(),
        name="location_meetings",
    ),
    path(f"{OPARL}papers", views.EmptyListView.as_view(), name="paper_list"),
    path(f"{OPARL}consultations", views.EmptyListView.as_view(), name="consultation_list"),
    path(f"{OPARL}legislative-terms", views.EmptyListView.as_view(), name="legislativeterm_list"),
    # The x-minutebook extension (docs/open-data.md) and the downloads.
    path(f"{X}decisions", decision_list, name="decision_list"),
    path(f"{X}decisions/<int:pk>", decision_detail, name="decision_detail"),
    path(f"{X}actions", action_list, name="action_list"),
    path(f"{X}actions/<int:pk>", action_detail, name="action_detail"),
    path(f"{X}attendance", open_data.AttendanceListView.as_view(), name="attendance_list"),
    path(f"{X}motions", motion_list, name="motion_list"),
    path(f"{X}motions/<int:pk>", motion_detail, name="motion_detail"),
    path(f"{X}vote-events", voteevent_list, name="voteevent_list"),
    path(f"{X}vote-events/<int:pk>", voteevent_detail, name="voteevent_detail"),
    path("v1/decisions.csv", downloads.DecisionsCsvView.as_view(), name="decisions_csv"),
    path("v1/actions.csv", downloads.ActionsCsvView.as_view(), name="actions_csv"),
    path("v1/attendance.csv", downloads.AttendanceCsvView.as_view(), name="attendance_csv"),
    path("v1/vote-events.csv", downloads.VoteEventsCsvView.as_view(), name="vote_events_csv"),
    path("v1/votes.csv", downloads.VotesCsvView.as_view(), name="votes_csv"),
    path("v1/export.jsonl", downloads.ExportView.as_view(), name="export"),
    path("v1/items/<int:pk>/minutes", minutes.ItemMinutesView.as_view(), name="item_minutes"),
    path(
        "v1/meetings/<int:pk>/minutes",
        minutes.MeetingMinutesView.as_view(),
        name="meeting_minutes",
    ),
    path(
        "v1/meetings/<int:pk>/minutes.json",
        minutes.MeetingMinutesView.as_view(),
        name="meeting_minutes_json",
    ),
]
