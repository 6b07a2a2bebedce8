"""The business of meetings. Split by subject; import everything from `agenda.models`."""

from agenda.models.contacts import AdditionalContact
from agenda.models.decisions import Decision, DecisionQuerySet
from agenda.models.documents import Document, DocumentQuerySet, document_upload_to
from agenda.models.importing import ImportReview, SourceAddress
from agenda.models.items import (
    Action,
    AgendaItem,
    AgendaItemQuerySet,
    Recommendation,
    Resolution,
    Topic,
)
from agenda.models.meetings import Meeting, MeetingQuerySet
from agenda.models.participation import Attendance, Declaration
from agenda.models.search import SearchEntry, SearchKind
from agenda.models.workflow import ClosureDay, Erratum, TextDraft, Transition

__all__ = [
    "Action",
    "AdditionalContact",
    "AgendaItem",
    "AgendaItemQuerySet",
    "Attendance",
    "ClosureDay",
    "Decision",
    "DecisionQuerySet",
    "Declaration",
    "Document",
    "DocumentQuerySet",
    "Erratum",
    "ImportReview",
    "Meeting",
    "MeetingQuerySet",
    "Recommendation",
    "Resolution",
    "SearchEntry",
    "SearchKind",
    "SourceAddress",
    "TextDraft",
    "Topic",
    "Transition",
    "document_upload_to",
]
