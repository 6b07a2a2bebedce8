"""Plain text copied from a ModernGov agenda item page (like the seed sample)."""

import datetime
import re

from agenda.importers.numbering import clean_text, continues_entry, match_heading, match_label
from agenda.importers.records import (
    ContactOfficer,
    DocumentLink,
    NumberedEntry,
    ParsedItem,
    ParsedMeeting,
    ParsedSource,
    SourceError,
)

BOILERPLATE = {"local democracy", "agenda item", "skip to content", "print this page"}
_SCRUTINY = re.compile(r"^overview\s*(?:&|and)\s*scrutiny\s*area\s*:?\s*(?P<name>.*)$", re.I)
_ACTION = re.compile(r"^action\s*:\s*(?P<owner>\S.*)$", re.I)
# "Minutes:", "Draft minutes:", and "Decision:" (executive pages) start the minute.
_MINUTES = re.compile(r"^(?P<draft>draft\s+)?(?:minutes|decision)\s*:?\s*(?P<rest>.*)$", re.I)
_DOCUMENTS = re.compile(r"^supporting documents\s*:?\s*$", re.I)
_CONTACT = re.compile(r"^\((?P<who>[^()]{3,}?)\s*[–—-]+\s*(?P<phone>\+?[\d ()]{6,}\d)\s*\)$")
_REPORT = re.compile(r"Document\s*[“”\"'‘’]\s*(?P<ref>[A-Z0-9]{1,6})\s*[“”\"'‘’]")
# "Meeting: 17/06/2021 - Eastbrook Area Committee (Item 5.)", as on mgAi.aspx pages.
_MEETING = re.compile(
    r"^meeting\s*:\s*(?P<date>\d{1,2}/\d{1,2}/\d{4})\s*[–—-]\s*(?P<committee>.+?)"
    r"(?:\s*\(item\s*(?P<number>[\w.]+?)\.?\))?\s*$",
    re.I,
)


def decode_bytes(data, encoding=None):
    """Bytes to text, refusing what would come out garbled."""
    if not data or not data.strip(b" \t\r\n\x00"):
        raise SourceError("The file is empty.")
    if data.startswith(b"\xef\xbb\xbf"):
        encoding = "utf-8-sig"
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        encoding = "utf-16"
    elif b"\x00" in data:
        raise SourceError(
            "The file contains NUL bytes: it looks like UTF-16 without a byte-order mark, "
            "or is not a text file. Save it as UTF-8 and try again."
        )
    encoding = encoding or "utf-8"
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as error:
        raise SourceError(
            f"The file is not valid {encoding.upper()} text (bad byte at position "
            f"{error.start}). Save it as UTF-8 and try again."
        ) from None
    except LookupError:
        raise SourceError(f"The file declares an unknown encoding ({encoding}).") from None


def split_contact(who, phone):
    """'Darren Minton Manager' -> name 'Darren Minton', job title 'Manager'."""
    words = who.split()
    return ContactOfficer(
        name=" ".join(words[:2]),
        job_title=" ".join(words[2:]),
        phone=" ".join(phone.split()),
        as_printed=" ".join(words),
    )


def parse_meeting_line(line):
    """(committee, date, item number) from a "Meeting: dd/mm/yyyy - Committee" line."""
    found = _MEETING.match(line)
    if not found:
        return None
    day, month, year = (int(part) for part in found["date"].split("/"))
    try:
        date = datetime.date(year, month, day)
    except ValueError:
        return None
    return found["committee"].strip(), date, (found["number"] or "").rstrip(".")


class ItemReader:
    """Reads the lines of one item page, in order, into a ParsedItem."""

    def __init__(self, title=""):
        self.item = ParsedItem(title=title)
        self.phase = "agenda"  # "agenda" until "Minutes:", then "minutes"
        self.list = None  # the list being filled, if any
        self.in_documents = False
        self.minutes_draft = False
        self.meeting = None
        self.saw_marker = False

    def feed(self, line):
        line = clean_text(line)
        if not line:
            return
        if not self.item.title:
            # Before the title: skip the page furniture; the first plain line is the title.
            if line.lower() not in BOILERPLATE and not self.structural(line):
                self.item.title = line
            return
        if not self.structural(line):
            self._content(line)

    def structural(self, line):
        """Handle a heading or labelled line; True if `line` was one."""
        if found := _MEETING.match(line):
            self.meeting = parse_meeting_line(line) or self.meeting
        elif found := match_heading(line):
            kind, rest = found
            self.list = getattr(self.item, kind)
            self.in_documents = False
            self.saw_marker = True
            if rest:
                self._list_line(rest, first=True)
            return True
        elif found := _SCRUTINY.match(line):
            self.item.scrutiny_area = found["name"].strip() or self.item.scrutiny_area
        elif found := _ACTION.match(line):
            self.item.action_owner = found["owner"].strip()
        elif found := _CONTACT.match(line):
            self.item.contact = split_contact(found["who"], found["phone"])
        elif _DOCUMENTS.match(line):
            self.in_documents = True
        elif (found := _MINUTES.match(line)) and len(line) < 40 and not found["rest"]:
            self.phase = "minutes"
            self.minutes_draft = bool(found["draft"])
            self.in_documents = False
        else:
            return False
        self.saw_marker = True
        self.list = None
        return True

    def _content(self, line):
        if self.in_documents:
            self.item.documents.append(DocumentLink(title=line))
            return
        if self.list is not None and self._list_line(line):
            return
        self.list = None
        if self.phase == "agenda":
            self.item.agenda_paragraphs.append(line)
            if not self.item.report_reference and (found := _REPORT.search(line)):
                self.item.report_reference = f'Document "{found["ref"]}"'
        else:
            self.item.minutes_paragraphs.append(line)

    def _list_line(self, line, first=False):
        """Add a line to the current list; False if it is not part of it."""
        if labelled := match_label(line):
            self.list.append(NumberedEntry(*labelled))
            return True
        if first or not self.list:
            # "Resolved – That the report be noted." : one unnumbered entry.
            self.list.append(NumberedEntry("", line))
            return True
        last = self.list[-1]
        if continues_entry(last.text, line):
            last.text = f"{last.text} {line}"
            return True
        return False


def read_item(lines, title=""):
    reader = ItemReader(title)
    for line in lines:
        reader.feed(line)
    return reader


def parse_text(data):
    """A copied agenda item page -> ParsedSource with one meeting (committee/date unknown
    unless the page carries a "Meeting:" line)."""
    text = decode_bytes(data)
    reader = read_item(text.splitlines())
    return source_from_reader(reader, kind="text")


def source_from_reader(reader, kind):
    if not reader.item.title or not reader.saw_marker:
        raise SourceError(
            "This does not look like a ModernGov agenda item: no title followed by "
            "Recommended/Resolved, Minutes:, ACTION:, Overview & Scrutiny Area or "
            "Supporting documents."
        )
    meeting = ParsedMeeting(items=[reader.item], minutes_draft=reader.minutes_draft)
    if reader.meeting:
        meeting.committee, meeting.date, number = reader.meeting
        reader.item.number = reader.item.number or number
    return ParsedSource(kind=kind, meetings=[meeting])
