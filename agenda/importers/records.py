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
    """From "(Darren Minton Manager – 01274 434361)". The name/title split is a guess (two
    words of name); `as_printed` lets the loader prefer a longer name it already knows."""

    name: str
    job_title: str = ""
    phone: str = ""
    as_printed: str = ""


@dataclass
class DocumentLink:
    title: str
    url: str = ""
    external_id: str = ""


@dataclass
class ParsedItem:
    """One agenda item with its minute, as the source gave it."""

    title: str
    number: str = ""
    external_id: str = ""
    agenda_paragraphs: list[str] = field(default_factory=list)
    report_reference: str = ""
    recommendations: list[NumberedEntry] = field(default_factory=list)
    resolutions: list[NumberedEntry] = field(default_factory=list)
    scrutiny_area: str = ""
    contact: ContactOfficer | None = None
    minutes_paragraphs: list[str] = field(default_factory=list)
    action_owner: str = ""
    documents: list[DocumentLink] = field(default_factory=list)
    is_restricted: bool = False
    restricted_paragraph: int | None = None
    restricted_reason: str = ""


@dataclass
class ParsedAttendee:
    name: str
    external_id: str = ""
    role: str = ""
    attendance: str = ""


@dataclass
class ParsedMeeting:
    """A meeting and its items. `committee` / `date` may be empty for a lone item page."""

    committee: str = ""
    committee_external_id: str = ""
    date: datetime.date | None = None
    time: datetime.time | None = None
    external_id: str = ""
    venue: str = ""
    status: str = ""
    minutes_draft: bool = False
    items: list[ParsedItem] = field(default_factory=list)
    attendees: list[ParsedAttendee] = field(default_factory=list)
    documents: list[DocumentLink] = field(default_factory=list)


@dataclass
class ParsedCommittee:
    name: str
    external_id: str = ""


@dataclass
class ParsedSource:
    """Everything one file holds: usually one meeting; GetCommittees/GetMeetings hold lists."""

    kind: str
    meetings: list[ParsedMeeting] = field(default_factory=list)
    committees: list[ParsedCommittee] = field(default_factory=list)
