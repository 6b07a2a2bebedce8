"""Saved ModernGov HTML pages: an agenda item (mgAi.aspx) or a meeting (ieListDocuments.aspx).

The page is flattened to lines of text (block elements end a line) with the links kept,
then read by the same rules as copied text. Only the stdlib parser is used."""

import datetime
import re
from html.parser import HTMLParser
from urllib.parse import parse_qs, urljoin, urlparse

from agenda.importers.numbering import clean_text
from agenda.importers.records import DocumentLink, ParsedMeeting, ParsedSource, SourceError
from agenda.importers.text import decode_bytes, read_item, source_from_reader

BLOCK_TAGS = {
    "p", "div", "br", "li", "ul", "ol", "tr", "td", "th", "table", "h1", "h2", "h3", "h4",
    "h5", "h6", "section", "article", "header", "footer", "blockquote", "dd", "dt",
}  # fmt: skip
SKIP_TAGS = {"script", "style", "noscript", "template", "svg", "title"}
ITEM_START = "\x00item"  # sentinel line: a new agenda item row on a meeting page
_MG_CLASS = re.compile(r"\bmg[A-Z]")  # ModernGov's own class names: mgContent, mgAiTitleTxt
_OPEN_HTML = re.compile(rb"<html[\s>]", re.I)
_CLOSE_HTML = re.compile(rb"</html\s*>", re.I)
_CHARSET = re.compile(rb"charset=[\"']?([A-Za-z0-9_-]+)", re.I)
_MONTHS = "january february march april may june july august september october november december"
_MEETING_HEADING = re.compile(
    r"^(?P<committee>.+?)\s*[–—-]\s*\w+day,?\s*(?P<day>\d{1,2})(?:st|nd|rd|th)?\s+"
    r"(?P<month>[a-z]+),?\s*(?P<year>\d{4})(?:,?\s*(?P<h>\d{1,2})(?:[.:](?P<m>\d{2}))?\s*"
    r"(?P<ampm>am|pm))?",
    re.I,
)


class _Flattener(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.lines = []  # (text, links) where links = [(text, href)]
        self.current = []
        self.links = []
        self.skip = 0
        self.anchor = None
        self.canonical = ""
        self.modern_gov = False

    def _break(self):
        text = clean_text("".join(self.current))
        if text or self.links:
            self.lines.append((text, self.links))
        self.current, self.links = [], []

    def handle_starttag(self, tag, attrs):
        attrs = {key: value or "" for key, value in attrs}
        if tag in SKIP_TAGS:
            self.skip += 1
            return
        classes = attrs.get("class", "")
        if _MG_CLASS.search(classes) or "moderngov" in attrs.get("content", "").lower():
            self.modern_gov = True
        if tag == "link" and attrs.get("rel", "").lower() == "canonical":
            self.canonical = attrs.get("href", "")
        if tag in BLOCK_TAGS:
            self._break()
        if "mgItemNumberCell" in classes:
            self.lines.append((ITEM_START, []))
        if tag == "a" and attrs.get("href"):
            self.anchor = [attrs["href"], []]

    def handle_endtag(self, tag):
        if tag in SKIP_TAGS:
            self.skip = max(0, self.skip - 1)
            return
        if tag == "a" and self.anchor:
            href, parts = self.anchor
            self.links.append((clean_text("".join(parts)), href))
            self.anchor = None
        if tag in BLOCK_TAGS:
            self._break()

    def handle_data(self, data):
        if self.skip:
            return
        self.current.append(data)
        if self.anchor:
            self.anchor[1].append(data)

    def close(self):
        super().close()
        self._break()


def _decode(data):
    head = _CHARSET.search(data[:2048])
    declared = head.group(1).decode("ascii").lower() if head else None
    return decode_bytes(data, None if declared in (None, "utf-8", "utf8") else declared)


def _id_from(url, key="ID"):
    try:
        values = parse_qs(urlparse(url).query)
    except ValueError:  # e.g. a damaged "http://[::1" address
        return ""
    found = {k.lower(): v for k, v in values.items()}.get(key.lower())
    return found[0] if found and found[0].isdigit() else ""


def _document(text, href, base):
    try:
        url = urljoin(base, href) if base else href
    except ValueError:
        url = ""
    doc_id = _id_from(url) or (re.search(r"/s(\d+)/", url) or [None, ""])[1]
    return DocumentLink(title=text or url, url=url, external_id=doc_id and f"doc-{doc_id}")


def flatten(data):
    text = _decode(data)
    parser = _Flattener()
    parser.feed(text)
    parser.close()
    return parser


def parse_html(data):
    parser = flatten(data)
    if _OPEN_HTML.search(data[:4096]) and not _CLOSE_HTML.search(data[-4096:]):
        raise SourceError(
            "The page is truncated (it has no closing </html>): save the whole page again."
        )
    links = (href for _text, found in parser.lines for _title, href in found)
    if not parser.modern_gov and not any("mgAi.aspx" in href for href in links):
        raise SourceError(
            "This HTML page is not a saved ModernGov page (no mg… markup): save the agenda "
            "item (mgAi.aspx) or meeting (ieListDocuments.aspx) page as HTML."
        )
    base = parser.canonical
    if any(text == ITEM_START for text, _links in parser.lines):
        return _meeting_page(parser.lines, base)
    return _item_page(parser.lines, base)


def _read(lines, base, title=""):
    """Run the text rules over flattened lines, picking up document links on the way."""
    reader = read_item([], title=title)
    for text, links in lines:
        if text and text.lower() == "agenda item" and not reader.item.title:
            continue
        if reader.in_documents and links:
            reader.item.documents.extend(_document(t, h, base) for t, h in links)
        elif reader.in_documents:
            # Only a heading ends the list; unlinked lines ("PDF 210 KB") are not documents.
            reader.structural(clean_text(text))
        else:
            reader.feed(text)
    return reader


def _item_page(lines, base):
    reader = _read(lines, base)
    source = source_from_reader(reader, kind="html item page")
    item_id = _id_from(base)
    if item_id:
        source.meetings[0].items[0].external_id = f"item-{item_id}"
    return source


def _meeting_page(lines, base):
    meeting_id = _id_from(base, "MId")
    meeting = ParsedMeeting(external_id=meeting_id)
    starts = [i for i, (text, _links) in enumerate(lines) if text == ITEM_START]
    for text, _links in lines[: starts[0]]:
        lowered = text.lower()
        if found := _MEETING_HEADING.match(text):
            _meeting_when(meeting, found)
        elif lowered.startswith("venue:"):
            meeting.venue = text.split(":", 1)[1].strip()
        elif "draft minutes" in lowered:
            meeting.minutes_draft = True
    for begin, end in zip(starts, [*starts[1:], len(lines)], strict=True):
        block = [line for line in lines[begin + 1 : end] if line[0] != ITEM_START]
        if not block:
            continue
        number = block[0][0].rstrip(".") if block[0][0] else ""
        title_line = block[1] if len(block) > 1 else ("", [])
        reader = _read(block[2:], base, title=title_line[0])
        reader.saw_marker = True  # the meeting page itself said this row is an item
        if not reader.item.title:
            continue
        reader.item.number = number[:12]
        item_href = next((h for _t, h in title_line[1] if "mgAi.aspx" in h), "")
        if item_id := _id_from(item_href and _document("", item_href, base).url):
            reader.item.external_id = f"item-{item_id}"
        meeting.items.append(reader.item)
        meeting.minutes_draft = meeting.minutes_draft or reader.minutes_draft
    if not meeting.items:
        raise SourceError("The meeting page lists no agenda items.")
    return ParsedSource(kind="html meeting page", meetings=[meeting])


def _meeting_when(meeting, found):
    month = found["month"].lower()
    names = _MONTHS.split()
    if month not in names:
        return
    try:
        meeting.date = datetime.date(int(found["year"]), names.index(month) + 1, int(found["day"]))
    except ValueError:
        return
    meeting.committee = found["committee"].strip()
    if found["h"]:
        hour = int(found["h"]) % 12 + (12 if found["ampm"].lower() == "pm" else 0)
        meeting.time = datetime.time(hour, int(found["m"] or 0))
