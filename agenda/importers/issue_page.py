"""The issue page (ieIssueDetails.aspx "Issue - meetings", mgDecisionDetails.aspx?IId=
"Issue - decisions"): one subject followed across meetings. Each "Meeting: dd/mm/yyyy -
Committee (Item N)" block becomes that meeting's item, and all of them share the issue as
their topic."""

import re

from agenda.importers import meeting_rules
from agenda.importers.dates import parse_date
from agenda.importers.numbering import is_furniture, strip_file_size
from agenda.importers.page import document_link, id_from, page_name
from agenda.importers.reader import ItemReader, read_lines
from agenda.importers.records import ParsedMeeting, ParsedSource, SourceError

_MEETING = re.compile(
    r"^meeting\s*:\s*(?P<date>\d{1,2}/\d{1,2}/\d{4})\s*[–—-]\s*(?P<committee>.+?)"
    r"(?:\s*\(item\s*(?P<number>[\w./]+?)\.?\))?\s*$",
    re.I,
)
_HEADINGS = re.compile(r"^issue\s*(?:-\s*(?:meetings|decisions)|details|history)\b", re.I)
_ISSUE_FIELDS = re.compile(r"^(?:decision\s+type|decision\s+status|agenda\s+items)\s*:?", re.I)


def parse(page):
    lines = [line for line in page.lines if line.text or line.links]
    starts = [i for i, line in enumerate(lines) if _MEETING.match(line.text)]
    if not starts:
        raise SourceError(
            "The issue page lists no meetings (“Meeting: dd/mm/yyyy - Committee (Item N)”)."
        )
    heading = [
        line.text
        for line in lines[: starts[0]]
        if not _HEADINGS.match(line.text)
        and not is_furniture(line.text)
        and not _ISSUE_FIELDS.match(line.text)
    ]
    issue = strip_file_size(heading[0]) if heading else ""
    issue_id = id_from(page.url, "iid")
    meetings = []
    for begin, end in zip(starts, [*starts[1:], len(lines)], strict=True):
        found = _MEETING.match(lines[begin].text)
        number = (found["number"] or "").rstrip(".")
        body = lines[begin + 1 : end]
        title, links = issue, []
        if body and (head := _title_line(body[0].text, number)):
            title, links, body = head, body[0].links, body[1:]
        reader = ItemReader(title, number, titled=True)
        read_lines(reader, page, body)
        item = reader.finish()
        for _text, href in links:
            url = document_link("", href, page.url).url
            if page_name(url) == "mgai" and (item_id := id_from(url)):
                item.external_id, item.source_url = f"item-{item_id}", url
        item.topic, item.topic_external_id = issue, f"issue-{issue_id}" if issue_id else ""
        item.report.recognise(f"issue “{issue[:60]}” followed at this meeting")
        meeting = ParsedMeeting(
            committee=found["committee"].strip(),
            date=parse_date(found["date"]),
            items=[item],
            minutes_draft=reader.minutes_draft or reader.decisions_only,
        )
        meeting_rules.apply(meeting)
        meetings.append(meeting)
    return ParsedSource(kind="", meetings=meetings, source_url=page.url)


def _title_line(text, number):
    """ "117 Declarations of Interest pdf icon PDF 20 KB" -> "Declarations of Interest"."""
    text = strip_file_size(text)
    if number and re.match(rf"^{re.escape(number)}\.?\s+\S", text):
        return text[len(number) :].lstrip(". ").strip()
    return None
