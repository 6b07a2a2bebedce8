"""Plain records the parsers produce and the loader consumes. No Django here."""

import datetime
from dataclasses import dataclass, field


class SourceError(Exception):
    """The file cannot be imported; the message is shown to the clerk as is."""


@dataclass
class NumberedEntry:
    """One recommendation or resolution: the printed label ("(a)", "1.") and its text."""

    label: str
    text: str


@dataclass
class ContactOfficer:
    """From "(Darren Minton Manager – 01274 434361)" or "Contact: Ann Lee, Tel: …". The
    name/title split may be a guess (`guessed`); `as_printed` lets the loader prefer a
    longer name it already knows."""

    name: str
    job_title: str = ""
    phone: str = ""
    as_printed: str = ""
    email: str = ""
    guessed: bool = False


@dataclass
class DocumentLink:
    title: str
    url: str = ""
    external_id: str = ""


@dataclass
class ItemReport:
    """What the importer made of one item: shown by --dry-run and kept for review."""

    recognised: list[str] = field(default_factory=list)
    guessed: list[str] = field(default_factory=list)
    narrative: list[str] = field(default_factory=list)
    motion: dict = field(default_factory=dict)

    @property
    def uncertain(self):
        return bool(self.guessed)

    def recognise(self, text):
        if text not in self.recognised:
            self.recognised.append(text)

    def guess(self, text):
        if text not in self.guessed:
            self.guessed.append(text)


@dataclass
class ParsedDeclaration:
    """ "Councillor Ann Lee declared a disclosable pecuniary interest in item 6 … and left
    the room." `item_number` is the item it concerns as printed ("" for the meeting)."""

    member: str
    kind: str
    item_number: str = ""
    description: str = ""
    left_room: bool = False
    has_dispensation: bool = False
    kind_guessed: bool = False


@dataclass
class ParsedItem:
    """One agenda item with its minute, as the source gave it."""

    title: str
    number: str = ""
    external_id: str = ""
    source_url: str = ""
    kind: str = ""
    agenda_paragraphs: list[str] = field(default_factory=list)
    report_reference: str = ""
    recommendations: list[NumberedEntry] = field(default_factory=list)
    resolutions: list[NumberedEntry] = field(default_factory=list)
    scrutiny_area: str = ""
    contacts: list[ContactOfficer] = field(default_factory=list)
    minutes_paragraphs: list[str] = field(default_factory=list)
    action_owner: str = ""
    documents: list[DocumentLink] = field(default_factory=list)
    is_restricted: bool = False
    restricted_paragraph: int | None = None
    restricted_reason: str = ""
    declarations: list[ParsedDeclaration] = field(default_factory=list)
    after_private_heading: bool = False
    topic: str = ""
    topic_external_id: str = ""
    report: ItemReport = field(default_factory=ItemReport)

    @property
    def contact(self):
        return self.contacts[0] if self.contacts else None

    @contact.setter
    def contact(self, value):
        self.contacts = [value] if value else []

    @property
    def has_minutes(self):
        return bool(self.minutes_paragraphs or self.resolutions)


@dataclass
class ParsedAttendee:
    name: str
    external_id: str = ""
    role: str = ""
    attendance: str = ""
    substitute_for: str = ""
    is_officer: bool = False


@dataclass
class ParsedMeeting:
    """A meeting and its items. `committee` / `date` may be empty for a lone item page."""

    committee: str = ""
    committee_external_id: str = ""
    date: datetime.date | None = None
    time: datetime.time | None = None
    external_id: str = ""
    source_url: str = ""
    venue: str = ""
    status: str = ""
    minutes_draft: bool = False
    items: list[ParsedItem] = field(default_factory=list)
    attendees: list[ParsedAttendee] = field(default_factory=list)
    documents: list[DocumentLink] = field(default_factory=list)
    contacts: list[ContactOfficer] = field(default_factory=list)


@dataclass
class ParsedCommittee:
    name: str
    external_id: str = ""
    source_url: str = ""
    purpose: list[str] = field(default_factory=list)
    contacts: list[ContactOfficer] = field(default_factory=list)
    members: list[ParsedAttendee] = field(default_factory=list)


@dataclass
class ParsedDecision:
    """A decision record (ieDecisionDetails / mgDecisionDetails / a delegated-decisions
    list entry). `meeting_committee`/`meeting_date` come from "Decided at meeting"."""

    title: str
    external_id: str = ""
    source_url: str = ""
    kind: str = ""
    decision_maker: str = ""
    status: str = ""
    is_key: bool | None = None
    call_in: str = ""
    purpose: list[str] = field(default_factory=list)
    paragraphs: list[str] = field(default_factory=list)
    entries: list[NumberedEntry] = field(default_factory=list)
    reasons: list[str] = field(default_factory=list)
    alternatives: list[str] = field(default_factory=list)
    conflicts: list[str] = field(default_factory=list)
    dispensations: list[str] = field(default_factory=list)
    decided_on: datetime.date | None = None
    publication_date: datetime.date | None = None
    effective_from: datetime.date | None = None
    meeting_committee: str = ""
    meeting_date: datetime.date | None = None
    item_external_id: str = ""
    lead_officer: ContactOfficer | None = None
    is_exempt: bool = False
    exempt_paragraph: int | None = None
    documents: list[DocumentLink] = field(default_factory=list)
    report: ItemReport = field(default_factory=ItemReport)


@dataclass
class ParsedSource:
    """Everything one file holds: usually one meeting; GetCommittees/GetMeetings hold
    lists; decision pages hold decisions; an issue page several meetings' items."""

    kind: str
    meetings: list[ParsedMeeting] = field(default_factory=list)
    committees: list[ParsedCommittee] = field(default_factory=list)
    decisions: list[ParsedDecision] = field(default_factory=list)
    source_url: str = ""
