from django.urls import path, re_path

from agenda import views
from agenda.models import Document
from agenda.views import actions, contributions, councillors, forward_plan
from agenda.views.decisions import (
    DecisionDetailView,
    DecisionRegisterView,
    DecisionsFeed,
    MeetingDecisionsView,
)
from agenda.views.legacy import LegacyAddressView
from agenda.views.printed import MeetingPdfView

app_name = "agenda"

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("meetings/", views.MeetingListView.as_view(), name="meeting_list"),
    path(
        "meetings/calendar/<int:year>/<int:month>/",
        views.MeetingCalendarView.as_view(),
        name="calendar",
    ),
    path("meetings/<slug:slug>/", views.MeetingDetailView.as_view(), name="meeting_detail"),
    path(
        "meetings/<slug:slug>/take-part/",
        contributions.ContributionView.as_view(),
        name="take_part",
    ),
    path(
        "meetings/<slug:slug>/take-part/sent/",
        contributions.ContributionSentView.as_view(),
        name="take_part_sent",
    ),
    path(
        "meetings/<slug:slug>/agenda.pdf",
        MeetingPdfView.as_view(kind=Document.Kind.AGENDA_FRONTSHEET),
        name="meeting_agenda_pdf",
    ),
    path(
        "meetings/<slug:slug>/reports-pack.pdf",
        MeetingPdfView.as_view(kind=Document.Kind.AGENDA_PACK),
        name="meeting_pack_pdf",
    ),
    path(
        "meetings/<slug:slug>/minutes.pdf",
        MeetingPdfView.as_view(kind=Document.Kind.MINUTES),
        name="meeting_minutes_pdf",
    ),
    path(
        "meetings/<slug:slug>/decisions/",
        MeetingDecisionsView.as_view(),
        name="meeting_decisions",
    ),
    path(
        "meetings/<slug:slug>/decisions.pdf",
        MeetingPdfView.as_view(kind=Document.Kind.DECISIONS),
        name="meeting_decisions_pdf",
    ),
    path("items/<int:pk>/", views.AgendaItemDetailView.as_view(), name="item_detail"),
    path("topics/<slug:slug>/", views.TopicDetailView.as_view(), name="topic_detail"),
    path("forward-plan/", forward_plan.ForwardPlanView.as_view(), name="forward_plan"),
    path(
        "forward-plan/forward-plan.pdf",
        forward_plan.ForwardPlanPdfView.as_view(),
        name="forward_plan_pdf",
    ),
    path("forward-plan/feed/", forward_plan.ForwardPlanFeed(), name="forward_plan_feed"),
    path("decisions/", DecisionRegisterView.as_view(), name="decision_register"),
    path("decisions/feed/", DecisionsFeed(), name="decisions_feed"),
    path("decisions/<int:pk>/", DecisionDetailView.as_view(), name="decision_detail"),
    # Old ModernGov addresses (mgAi.aspx?ID=…, under any folder): 301 to the new page.
    re_path(
        r"^(?:[\w.-]+/)*(?P<page>[A-Za-z]{4,40})\.[aA][sS][pP][xX]$",
        LegacyAddressView.as_view(),
        name="legacy_address",
    ),
    path(
        "committees/<slug:slug>/actions/",
        actions.CommitteeActionsView.as_view(),
        name="committee_actions",
    ),
    path(
        "people/<slug:slug>/record/",
        councillors.CouncillorRecordView.as_view(),
        name="councillor_record",
    ),
    path(
        "documents/<int:pk>/<str:filename>",
        views.DocumentDownloadView.as_view(),
        name="document_download",
    ),
    path("accessibility/", views.AccessibilityView.as_view(), name="accessibility"),
    path(
        "accessibility/alternative-format/",
        views.AlternativeFormatView.as_view(),
        name="alternative_format",
    ),
    path(
        "accessibility/alternative-format/sent/",
        views.AlternativeFormatSentView.as_view(),
        name="alternative_format_sent",
    ),
    path("brand.css", views.BrandStylesheetView.as_view(), name="brand_css"),
]
