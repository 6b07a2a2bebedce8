"""Public pages about meetings and their business. Querysets come from agenda.visibility."""

from agenda.views.documents import DocumentDownloadView
from agenda.views.items import AgendaItemDetailView, TopicDetailView
from agenda.views.meetings import HomeView, MeetingCalendarView, MeetingDetailView, MeetingListView
from agenda.views.pages import (
    AccessibilityView,
    AlternativeFormatSentView,
    AlternativeFormatView,
    BrandStylesheetView,
)

__all__ = [
    "AccessibilityView",
    "AgendaItemDetailView",
    "AlternativeFormatSentView",
    "AlternativeFormatView",
    "BrandStylesheetView",
    "DocumentDownloadView",
    "HomeView",
    "MeetingCalendarView",
    "MeetingDetailView",
    "MeetingListView",
    "TopicDetailView",
]
