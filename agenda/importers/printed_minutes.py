"""Minutes as printed (the "Printed minutes" PDF, or text copied from it).

The text carries what paper needs and a page does not: page numbers, a running header on
every page, lines wrapped at the margin, the chair's signature line and, in ModernGov's
output, <AI1>…</AI1> item markers. Those are dropped or joined; the heading gives the
meeting ("Minutes of a meeting of the Harbour Board held on Thursday, 19th May, 2022 at
2.00 pm at the Guildhall"), "Present:" and "Apologies:" give attendance, and each
"12. TITLE" starts an item."""

import re
from collections import Counter

from agenda.importers import meeting_rules
from agenda.importers.attendance import attendance_label, parse_attendance_line
from agenda.importers.dates import parse_date, parse_time
from agenda.importers.numbering import is_page_marker, match_heading, match_label
from agenda.importers.page import Line
from agenda.importers.reader import ItemReader, read_lines
from agenda.importers.records import ParsedMeeting, ParsedSource, SourceError

_AI_MARKER = re.compile(r"^</?AI\d+>$", re.I)
_SIGNATURE = re.compile(
    r"^(?:chair(?:man|person)?|signed|date)\b[^a-z]*\.{3,}|^\.{5,}|^[_.\s]{8,}$", re.I
)
_ITEM = re.compile(r"^(?P<n>\d{1,4}[a-z]?)\.?\s+(?P<t>[A-Z0-9(‘'\"“].{1,160})$")
_MINUTE_REF = re.compile(r"^(?:minute\s+)?(?P<ref>\d{1,4}/\d{2,4})$", re.I)
_COMMITTEE = re.compile(
    r"minutes\s+of\s+(?:a|the)\s+(?:\w+\s+)?meeting\s+of\s+(?:the\s+)?(?P<committee>.+?)\s+held\b",
    re.I,
)
_VENUE = re.compile(
    r"\bheld\s+(?:at|in)\s+(?P<a>.+?)\s+on\b|\d\s*[ap]\.?m\.?\s+(?:at|in)\s+(?P<b>.+?)\s*(?:\.|$)",
    re.I,
)
_LABELISH = re.compile(r"^(?:minutes|decisions?|resolved|recommended|agreed|action)\b", re.I)


def parse(page):
    lines = _clean(page.lines)
    present = next((i for i, t in enumerate(lines) if attendance_label(t)), None)
    starts = _item_starts(lines, present or 0)
    if not starts:
        raise SourceError("The printed minutes have no numbered items (“1. TITLE”).")
    header = lines[: starts[0][0]]
    meeting = ParsedMeeting(source_url=page.url)
    _heading(meeting, header[:present] if present is not None else header)
    _attendance(meeting, header[present:] if present is not None else [])
    for (begin, number, title), following in zip(starts, [*starts[1:], None], strict=True):
        end = following[0] if following else len(lines)
        body = lines[begin + 1 : end]
        while body and body[0].isupper() and len(body[0]) < 100 and title.isupper():
            title, body = f"{title} {body[0]}", body[1:]  # a heading wrapped at the margin
        reader = ItemReader(title, number, titled=True)
        if body and (ref := _MINUTE_REF.match(body[0])):
            reader.report.recognise(f"minute number {ref['ref']}")
            body = body[1:]
        reader.phase = "minutes"
        read_lines(reader, page, [Line(text) for text in _join_wrapped(body)])
        meeting.items.append(reader.finish())
    if not meeting.committee or not meeting.date:
        missing = "committee" if not meeting.committee else "date"
        meeting.items[0].report.guess(f"the printed heading gives no {missing}")
    meeting_rules.apply(meeting)
    return ParsedSource(kind="", meetings=[meeting], source_url=page.url)


def _clean(page_lines):
    texts = [line.text for line in page_lines if line.text]
    repeated = Counter(t for t in texts if len(t) < 120)
    # A running header or footer: on every page, or twice and next to a page number.
    beside_marker = {
        texts[i + step]
        for i, t in enumerate(texts)
        if is_page_marker(t)
        for step in (-1, 1)
        if 0 <= i + step < len(texts)
    }
    running = {
        t
        for t, n in repeated.items()
        if (n >= 3 or (n >= 2 and t in beside_marker)) and not match_label(t) and len(t) > 3
    }
    kept = []
    for text in texts:
        if _AI_MARKER.match(text) or _SIGNATURE.match(text) or is_page_marker(text):
            continue
        if text in running or re.fullmatch(r"\d{1,3}", text):
            continue  # running header or footer, bare page number
        kept.append(text)
    return kept


def _item_starts(lines, after):
    starts, last, in_list = [], 0, False
    for index, text in enumerate(lines):
        if index <= after and after:
            continue
        found = _ITEM.match(text)
        in_list = bool(match_heading(text)) or (in_list and bool(match_label(text)))
        if not found:
            continue
        number, title = found["n"], found["t"].strip()
        value = int(re.match(r"\d+", number).group(0))
        caps = _mostly_upper(title)
        plain_title = (
            not title.endswith((".", ";", ","))
            and not re.match(r"(?:that|to)\b", title, re.I)
            and not in_list
            and not _LABELISH.match(title)
        )
        if (caps or plain_title) and value > last and (not starts or value - last <= 50):
            starts.append((index, number, title))
            last, in_list = value, False
    return starts


def _mostly_upper(text):
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and sum(c.isupper() for c in letters) / len(letters) > 0.8


def _heading(meeting, lines):
    joined = " ".join(lines)
    if found := _COMMITTEE.search(joined):
        meeting.committee = found["committee"].strip(" ,")
    elif lines:
        meeting.committee = lines[0]
    meeting.date = parse_date(joined)
    meeting.time = parse_time(
        joined[joined.lower().find(" held") :] if " held" in joined.lower() else joined
    )
    if found := _VENUE.search(joined):
        venue = (found["a"] or found["b"] or "").strip(" ,.")
        meeting.venue = re.sub(r"^the\s+", "", venue, flags=re.I)


def _attendance(meeting, lines):
    status = None
    joined = []
    for text in lines:
        # A list of names wrapped at the margin: "… Sam" / "Ibbotson and Karen Lowe".
        if joined and not attendance_label(text) and not joined[-1].endswith("."):
            joined[-1] = f"{joined[-1]} {text}"
        else:
            joined.append(text)
    for text in joined:
        if labelled := attendance_label(text):
            status = labelled[0]
        meeting.attendees.extend(parse_attendance_line(text, status))


def _join_wrapped(lines):
    """Lines wrapped at the margin back into paragraphs."""
    joined = []
    for text in lines:
        if joined and _continues(joined[-1], text):
            joined[-1] = f"{joined[-1]} {text}"
        else:
            joined.append(text)
    return joined


def _continues(previous, text):
    if previous.rstrip()[-1:] in {".", ":", ";", "!", "?"}:
        return False
    if match_label(text) or match_heading(text) or _LABELISH.match(text):
        return False
    return not (_mostly_upper(previous) and len(previous) < 80)
