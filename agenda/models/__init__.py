"""The business of meetings. Split by subject; import everything from `agenda.models`."""

from agenda.models.action_updates import ActionUpdate
from agenda.models.actions import Action
from agenda.models.agenda_templates import AgendaTemplateItem
from agenda.models.changes import FormerSlug, Notice
from agenda.models.console import AttendanceSpan, ConsoleEvent
from agenda.models.contacts import AdditionalContact
from agenda.models.contributions import PublicContribution
from agenda.models.decision_corrections import DecisionCorrection
from agenda.models.decisions import Decision, DecisionQuerySet
from agenda.models.documents import Document, DocumentQuerySet, document_upload_to
from agenda.models.forward_plan import ForwardPlanEntry
from agenda.models.importing import ImportReview, SourceAddress
from agenda.models.items import AgendaItem, AgendaItemQuerySet, Topic
from agenda.models.meetings import Meeting, MeetingQuerySet
from agenda.models.minute_numbers import MinuteNumber
from agenda.models.motions import Motion
from agenda.models.notices import OutgoingEmail, Subscription
from agenda.models.participation import Attendance, Declaration
from agenda.models.publications import Publication
from agenda.models.rows import Recommendation, Resolution
from agenda.models.scans import (
    DocumentScan,
    DocumentSource,
    FindingCode,
    FindingKind,
    ScanFinding,
    ScanOverride,
)
from agenda.models.search import SearchEntry, SearchKind
from agenda.models.sign_off import ReportSignOff
from agenda.models.staged_uploads import StagedUpload
from agenda.models.statement import StatementWording
from agenda.models.votes import Vote, VoteEvent
from agenda.models.workflow import ClosureDay, Erratum, TextDraft, Transition

__all__ = [
    "Action",
    "ActionUpdate",
    "AdditionalContact",
    "AgendaItem",
    "AgendaItemQuerySet",
    "AgendaTemplateItem",
    "Attendance",
    "AttendanceSpan",
    "ClosureDay",
    "ConsoleEvent",
    "Decision",
    "DecisionCorrection",
    "DecisionQuerySet",
    "Declaration",
    "Document",
    "DocumentQuerySet",
    "DocumentScan",
    "DocumentSource",
    "Erratum",
    "FindingCode",
    "FindingKind",
    "FormerSlug",
    "ForwardPlanEntry",
    "ImportReview",
    "Meeting",
    "MeetingQuerySet",
    "MinuteNumber",
    "Motion",
    "Notice",
    "OutgoingEmail",
    "PublicContribution",
    "Publication",
    "Recommendation",
    "ReportSignOff",
    "Resolution",
    "ScanFinding",
    "ScanOverride",
    "SearchEntry",
    "SearchKind",
    "SourceAddress",
    "StagedUpload",
    "StatementWording",
    "Subscription",
    "TextDraft",
    "Topic",
    "Transition",
    "Vote",
    "VoteEvent",
    "document_upload_to",
]
