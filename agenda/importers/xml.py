"""mgWebService.asmx responses: GetMeeting, GetMeetings and GetCommittees.

Parsed with defusedxml (no entity expansion, no external entities, no DTD tricks). The
SOAP envelope and namespaces are ignored: elements are found by local name, lower-cased.
Agenda, decision and minutes HTML inside the XML is flattened to the same page-model lines
as a saved page and read by the same item reader and meeting rules."""

import datetime
import re

# Only the exception class comes from the standard library; defusedxml parses.
from xml.etree.ElementTree import ParseError  # nosec B405

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring

from agenda.importers import meeting_rules
from agenda.importers.html import flatten
from agenda.importers.numbering import clean_text, unescape_all
from agenda.importers.page import Page, document_link
from agenda.importers.reader import ItemReader, read_lines
from agenda.importers.records import (
    ParsedAttendee,
    ParsedCommittee,
    ParsedMeeting,
    ParsedSource,
    SourceError,
)

ROOTS = {"getmeeting", "getmeetings", "getcommittees"}
_PARAGRAPH = re.compile(r"paragraph\s*(\d{1,2})", re.I)


def _local(tag):
    return tag.rsplit("}", 1)[-1].lower() if isinstance(tag, str) else ""


def _child(element, *names):
    for child in element:
        if _local(child.tag) in names:
            return child
    return None


def _text(element, *names):
    child = _child(element, *names)
    return clean_text(child.text or "") if child is not None else ""


def _raw(element, *names):
    """Text that holds HTML: decode double-encoded entities but keep the markup."""
    child = _child(element, *names)
    return unescape_all(child.text or "") if child is not None else ""


def _all(element, name):
    return [child for child in element.iter() if _local(child.tag) == name]


def _date(value):
    value = value.strip()
    for pattern in ("%d/%m/%Y", "%Y-%m-%d", "%Y-%m-%dT%H:%M:%S", "%d/%m/%Y %H:%M:%S"):
        try:
            return datetime.datetime.strptime(value[: len(pattern) + 2], pattern)
        except ValueError:
            continue
    return None


def _time(value):
    found = re.match(r"^(\d{1,2})[.:](\d{2})\s*(am|pm)?", value.strip(), re.I)
    if not found:
        return None
    hour, minute = int(found[1]), int(found[2])
    if found[3]:
        hour = hour % 12 + (12 if found[3].lower() == "pm" else 0)
    return datetime.time(hour, minute) if hour < 24 and minute < 60 else None


def _html_lines(markup):
    """An HTML fragment of the response as page-model lines."""
    if not markup.strip():
        return []
    return flatten(markup).lines


def parse_xml(data):
    if not data or not data.strip():
        raise SourceError("The file is empty.")
    try:
        root = fromstring(data)
    except DefusedXmlException:
        raise SourceError(
            "The XML declares entities or a DTD, which are refused for safety."
        ) from None
    except ParseError as error:
        raise SourceError(
            f"The XML is damaged or truncated, or not in the encoding it declares ({error}). "
            "Download the response again."
        ) from None
    except (ValueError, LookupError) as error:
        raise SourceError(f"The XML could not be read ({error}).") from None
    found = next((el for el in root.iter() if _local(el.tag) in ROOTS), None)
    if found is None:
        found = next((el for el in root.iter() if _local(el.tag).endswith("result")), None)
        found = _child(found, *ROOTS) if found is not None else None
    if found is None:
        raise SourceError(
            "This XML is not a ModernGov web-service response (expected GetMeeting, "
            "GetMeetings or GetCommittees)."
        )
    kind = _local(found.tag)
    if kind == "getcommittees":
        committees = [
            ParsedCommittee(
                name=_text(el, "committeetitle", "committeename", "title"),
                external_id=_text(el, "committeeid"),
            )
            for el in _all(found, "committee")
        ]
        committees = [c for c in committees if c.name]
        if not committees:
            raise SourceError("The GetCommittees response lists no committees.")
        return ParsedSource(kind="GetCommittees", committees=committees)
    meetings = [_meeting(el) for el in _all(found, "meeting")]
    meetings = [m for m in meetings if m.date]
    if not meetings:
        raise SourceError("The response holds no meeting with a readable date.")
    return ParsedSource(
        kind="GetMeeting" if kind == "getmeeting" else "GetMeetings", meetings=meetings
    )


def _meeting(element):
    when = _date(_text(element, "meetingdate", "date"))
    meeting = ParsedMeeting(
        committee=_text(element, "committeetitle", "committeename"),
        committee_external_id=_text(element, "committeeid"),
        date=when.date() if when else None,
        time=_time(_text(element, "meetingtime", "time"))
        or (when.time() if when and when.time() != datetime.time(0) else None),
        external_id=_text(element, "meetingid"),
        venue=_text(element, "location", "venue"),
        status=_text(element, "meetingstatus", "status"),
    )
    meeting.minutes_draft = _text(element, "minutesstatus").lower().startswith("draft")
    for el in _all(element, "agendaitem"):
        if item := _item(el):
            meeting.items.append(item)
    for el in _all(element, "attendee"):
        name = _text(el, "name", "membername", "fullname")
        if name:
            meeting.attendees.append(
                ParsedAttendee(
                    name=name,
                    external_id=_text(el, "memberid", "attendeeid"),
                    role=_text(el, "role", "roledescription"),
                    attendance=_text(el, "attendance", "attendancestatus"),
                )
            )
    meeting_rules.apply(meeting)
    return meeting


def _item(element):
    title = _text(element, "agendaitemtitle", "title")
    if not title:
        return None
    reader = ItemReader(title, titled=True)
    page = Page(lines=[], markup="xml")
    read_lines(reader, page, _html_lines(_raw(element, "agendaitemtext", "agendatext")))
    if _child(element, "decisiontext", "decision") is not None:
        reader.phase, reader.list = "decision", None
        read_lines(reader, page, _html_lines(_raw(element, "decisiontext", "decision")))
    if _child(element, "minutestext", "minutes") is not None:
        reader.phase, reader.list = "minutes", None
        read_lines(reader, page, _html_lines(_raw(element, "minutestext", "minutes")))
    item = reader.finish()
    item.number = _text(element, "agendaitemnumber", "number")[:12]
    item_id = _text(element, "agendaitemid", "id")
    item.external_id = f"item-{item_id}" if item_id else ""
    flagged = _text(element, "isrestricted").lower() in {"true", "1", "yes"}
    item.is_restricted = item.is_restricted or flagged
    reason = _text(element, "restrictedreason", "exemptreason")
    item.restricted_reason = reason
    paragraph = _text(element, "restrictedparagraph", "exemptparagraph") or reason
    if found := _PARAGRAPH.search(paragraph) or re.fullmatch(r"\s*(\d{1,2})\s*", paragraph):
        item.restricted_paragraph = int(found[1])
    for doc in _all(element, "linkeddocument"):
        url = _text(doc, "url", "link")
        title = _text(doc, "title", "documenttitle") or url
        if not title:
            continue
        link = document_link(title, url, "")
        doc_id = _text(doc, "documentid", "id")
        link.external_id = f"doc-{doc_id}" if doc_id else link.external_id
        item.documents.append(link)
    return item
