"""The meeting page (ieListDocuments.aspx: "Agenda, decisions and minutes"), split into its
items in each layout it comes in:

- a saved page: the item table's rows, with number and title cells;
- copied text, normal: "No. Item", then each item's number on its own line, its title,
  its agenda text, "Decision:" and "Minutes:";
- copied text, flattened table: "No. | Item |" and one row of merged cells per item,
  rows separated by "|" lines, title and text run together;
- copied text without item numbers: a title is a short line followed by the item's text
  or its "Minutes:" label.

An item the page gives no title is kept as "Item N" and reported as a guess."""

import re
from dataclasses import dataclass, field

from agenda.importers import meeting_rules
from agenda.importers.attendance import parse_attendance_line
from agenda.importers.contacts import contact_body, parse_contacts
from agenda.importers.dates import parse_date, parse_time
from agenda.importers.exempt import is_private_heading
from agenda.importers.numbering import (
    clean_text,
    is_furniture,
    match_heading,
    match_label,
    strip_file_size,
)
from agenda.importers.page import MEETING_HEADINGS, Line, document_link, id_from
from agenda.importers.reader import ItemReader, read_lines
from agenda.importers.records import ParsedMeeting, ParsedSource, SourceError

_WHEN = re.compile(
    r"^(?P<committee>.+?)\s*[-–—]\s*(?P<when>(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s+)?"
    r"\d{1,2}(?:st|nd|rd|th)?\s+[a-z]+,?\s+\d{4}.*)$",
    re.I,
)
_NUMBER = re.compile(
    r"^(?:item\s+)?(?P<n>\d{1,4}[a-z]?(?:\.\d{1,2})?|\d{1,4}/\d{2,4}|[A-Z]\d{1,2})\.?$"
)
_TABLE_HEAD = re.compile(r"^no\.?\s*\|?\s*item\b|^items$", re.I)
_SEPARATOR = re.compile(r"^[\s|:-]*\|[\s|:-]*$|^[\s|]*-{3,}[\s|-]*$")
_LABEL_START = re.compile(
    r"^(?:(?:draft\s+)?(?:minutes|decisions?)|additional documents|supporting documents)\s*:"
    r"|^share this item\b",
    re.I,
)
_INLINE_LABEL = re.compile(
    r"\s+(?=(?:Additional documents|Supporting documents|Draft minutes|Minutes|Decisions?)\s*:"
    r"|(?:It was )?(?:RESOLVED|Resolved|RECOMMENDED|Recommended)\s*[:\-–—,]"
    r"|Share this item\b)"
)
_CAPS_TITLE = re.compile(r"^(?P<title>[A-Z0-9][A-Z0-9 ,’'&()/:-]{5,}?[A-Z0-9)])(?=\s+[A-Z]?[a-z])")
# Where an item's description usually starts when its title runs into it.
_DESCRIPTION_START = re.compile(
    r"\s+(?=(?:To (?:receive|consider|note|approve|agree|review|determine|endorse)|The \w+ "
    r"(?:will|is|to) |This (?:report|item) |Members (?:are|will) |Report of )\b)"
)
_DOCUMENT_HREF = re.compile(r"\.pdf\b|mgConvert2PDF|mgChooseDocPack|/documents/", re.I)


@dataclass
class Block:
    number: str = ""
    title: str = ""
    title_links: list = field(default_factory=list)
    lines: list[Line] = field(default_factory=list)
    private_before: bool = False
    title_guessed: bool = False


def parse(page):
    meeting = ParsedMeeting(
        external_id=id_from(page.url, "mid"),
        committee_external_id=id_from(page.url, "cid"),
        source_url=page.url,
    )
    header, blocks = split(page)
    _header(meeting, header, page)
    readers = [read for block in blocks if (read := _item(block, page))]
    meeting.items = [read.item for read in readers]
    meeting.minutes_draft = meeting.minutes_draft or any(r.minutes_draft for r in readers)
    if any(r.saw_decision for r in readers) and not any(r.saw_minutes for r in readers):
        meeting.minutes_draft = True  # decisions are out, the minutes not yet approved
    if not meeting.items:
        raise SourceError("The meeting page lists no agenda items.")
    meeting_rules.apply(meeting)
    return ParsedSource(kind="", meetings=[meeting], source_url=page.url)


def split(page):
    """(header lines, [Block]) in the page's layout."""
    lines = page.lines
    if any(line.tag == "row" for line in lines):
        return _html_rows(lines)
    starts = [i for i, line in enumerate(lines) if line.tag == "number" and line.text]
    if starts:
        rows = [[Line("", [], "row"), *lines[a:b]] for a, b in _pairs(starts, len(lines))]
        return _html_rows([*lines[: starts[0]], *[line for row in rows for line in row]])
    start = next((i for i, line in enumerate(lines) if _TABLE_HEAD.match(line.text)), None)
    body = lines[start + 1 :] if start is not None else lines
    if any("|" in line.text for line in body[:40]):
        return lines[: start or 0], _flattened(body)
    if start is None:
        start = next((i - 1 for i, line in enumerate(lines) if _NUMBER.match(line.text)), -1)
        body = lines[start + 1 :]
    header = lines[: max(start, 0)]
    if any(_NUMBER.match(line.text) for line in body):
        return header, _numbered(body)
    return header, _unnumbered(body)


def _pairs(starts, end):
    """(start, end) of each block; none when there are no starts."""
    return zip(starts, [*starts[1:], end], strict=True) if starts else iter(())


def _html_rows(lines):
    starts = [i for i, line in enumerate(lines) if line.tag == "row"]
    blocks, private = [], False
    for a, b in _pairs(starts, len(lines)):
        row = [line for line in lines[a + 1 : b] if line.text or line.links]
        number = next((line for line in row if line.tag == "number" and line.text), None)
        title = next((line for line in row if line.tag == "title"), None)
        rest = [
            line
            for line in row
            if line is not number and line is not title and line.tag != "number"
        ]
        if number is None and title is None:
            texts = [line.text for line in rest if not is_furniture(line.text)]
            if (
                texts
                and all(is_private_heading(t) or t.isupper() for t in texts)
                and len(texts) <= 2
            ):
                private = private or any(is_private_heading(t) for t in texts)
                continue
            if not texts:
                continue
        block = Block(
            number=_clean_number(number.text) if number else "",
            title=title.text if title else "",
            title_links=title.links if title else [],
            lines=rest,
            private_before=private,
        )
        private = False
        blocks.append(block)
    return lines[: starts[0]] if starts else lines, blocks


def _clean_number(text):
    return text.strip().rstrip(".")[:12]


def _numbered(body):
    starts = [i for i, line in enumerate(body) if _NUMBER.match(line.text)]
    blocks = []
    for a, b in _pairs(starts, len(body)):
        number = _NUMBER.match(body[a].text)["n"]
        rest = body[a + 1 : b]
        blocks.append(_text_block(number, rest))
    return _private_headings(blocks)


def _text_block(number, rest):
    block = Block(number=number[:12])
    if rest and not _LABEL_START.match(rest[0].text) and not match_heading(rest[0].text):
        block.title, block.lines = rest[0].text, rest[1:]
    else:
        block.lines = rest
    return block


def _private_headings(blocks):
    """A "PART 2 – PRIVATE BUSINESS" line at the end of one block heads the next."""
    for index, block in enumerate(blocks):
        following = blocks[index + 1] if index + 1 < len(blocks) else None
        while block.lines and is_private_heading(block.lines[-1].text):
            block.lines.pop()
            if following is not None:
                following.private_before = True
    return blocks


def _unnumbered(body):
    def candidate(index):
        text = body[index].text
        return (
            len(text) < 160
            and text[:1].isupper()
            and text[-1:] not in ".;:,"
            and not _LABEL_START.match(text)
            and not match_label(text)
            and not match_heading(text)
            and not is_furniture(text)
            and not is_private_heading(text)
        )

    def followed_by_label(index):
        for ahead in body[index + 1 : index + 3]:
            if _LABEL_START.match(ahead.text):
                return True
            if candidate(body.index(ahead)):
                return False
        return False

    starts = [i for i in range(len(body)) if candidate(i) and (i == 0 or followed_by_label(i))]
    blocks = []
    for a, b in _pairs(starts, len(body)):
        blocks.append(Block(title=body[a].text, lines=body[a + 1 : b]))
    return _private_headings(blocks)


def _flattened(body):
    rows, current = [], []
    for line in body:
        if _SEPARATOR.match(line.text) or _TABLE_HEAD.match(line.text):
            if current:
                rows.append(current)
            current = []
        else:
            current.append(line.text)
    if current:
        rows.append(current)
    blocks = []
    for row in rows:
        text = " ".join(part.strip(" |") for part in row)
        if is_private_heading(text):
            if blocks is not None:
                blocks.append(Block(title="", lines=[Line(text)]))
            continue
        blocks.append(_flat_block(text))
    return _private_headings(_drop_heading_rows(blocks))


def _drop_heading_rows(blocks):
    kept = []
    for block in blocks:
        if not block.title and len(block.lines) == 1 and is_private_heading(block.lines[0].text):
            if kept:
                kept[-1].lines.append(block.lines[0])
            continue
        kept.append(block)
    return kept


def _flat_block(text):
    """One merged row: "12. | TITLE pdf icon PDF 20 KB To note… Minutes: …"."""
    cells = [cell.strip() for cell in text.split(" | ") if cell.strip()]
    number = ""
    if cells and _NUMBER.match(cells[0]):
        number = _NUMBER.match(cells.pop(0))["n"]
    body = " ".join(cells)
    size = re.search(r"\s*(?:pdf icon\s*)?\bPDF\s+\d+(?:\.\d+)?\s*[KMG]B\b", body, re.I)
    label = _INLINE_LABEL.search(" " + body)
    label_at = label.start() if label else None
    block = Block(number=number[:12])
    if label_at == 0:
        title, rest = "", body
    elif (caps := _CAPS_TITLE.match(body)) and (label_at is None or caps.end() <= label_at):
        title, rest = caps["title"], body[caps.end() :]
    elif size and (label_at is None or size.start() <= label_at):
        title, rest = body[: size.start()], body[size.end() :]
    elif (lead := _DESCRIPTION_START.search(body)) and (
        label_at is None or lead.start() < label_at
    ):
        title, rest = body[: lead.start()], body[lead.start() :]
        block.title_guessed = True
    elif label_at is not None:
        title, rest = body[: label_at - 1], body[label_at - 1 :]
    else:
        title, rest = body.split(". ", 1)[0], body[len(body.split(". ", 1)[0]) :]
        block.title_guessed = True
    block.title = strip_file_size(title).strip(" |")
    pieces = [p.strip() for p in _INLINE_LABEL.split(strip_file_size(rest)) if p.strip()]
    block.lines = [Line(piece) for piece in pieces]
    return block


def _item(block, page):
    title = strip_file_size(clean_text(block.title))
    reader = ItemReader(title, block.number, titled=True)
    read_lines(reader, page, block.lines)
    item = reader.finish()
    if not title:
        if not (item.agenda_paragraphs or item.minutes_paragraphs or item.resolutions):
            return None
        item.title = f"Item {block.number}" if block.number else "Untitled item"
        item.report.guess(f"the page gives this item no title; kept as “{item.title}”")
    elif block.title_guessed:
        item.report.guess(f"title and text ran together; title read as “{title}”")
    item.after_private_heading = block.private_before
    for text, href in block.title_links:
        if "mgai.aspx" in href.lower():
            url = document_link("", href, page.url).url
            if item_id := id_from(url):
                item.external_id, item.source_url = f"item-{item_id}", url
        elif _DOCUMENT_HREF.search(href):
            item.documents.insert(0, document_link(strip_file_size(text) or title, href, page.url))
    for line in block.lines:
        for _text, href in line.links:
            if "mgreasonsrestricted" in href.lower():
                item.is_restricted = True
    item.report.recognise(f"item {item.number or '(no number)'}: “{item.title[:80]}”")
    return reader


def _header(meeting, lines, page):
    status = None
    for line in lines:
        text = line.text
        lowered = text.lower()
        if lowered in MEETING_HEADINGS or "draft minutes" in lowered:
            meeting.minutes_draft = meeting.minutes_draft or "draft minutes" in lowered
        if (found := _WHEN.match(text)) and not meeting.date:
            meeting.date = parse_date(found["when"])
            meeting.time = parse_time(found["when"])
            meeting.committee = found["committee"].strip()
        elif lowered.startswith("venue:"):
            venue = re.sub(r"\s*view directions\.?$", "", text.split(":", 1)[1], flags=re.I)
            meeting.venue = venue.strip(" .")
        elif (body := contact_body(text)) is not None:
            meeting.contacts.extend(parse_contacts(body))
        elif found := parse_attendance_line(text, status):
            meeting.attendees.extend(found)
        if lowered.startswith(("this meeting has been cancelled", "meeting cancelled")):
            meeting.status = "cancelled"
        for title, href in line.links:
            if _DOCUMENT_HREF.search(href) and title:
                meeting.documents.append(document_link(strip_file_size(title), href, page.url))
