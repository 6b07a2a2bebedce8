"""Which reader reads which kind of page, and the agenda item page (mgAi.aspx) itself."""

from agenda.importers import (
    committee_page,
    decision_page,
    issue_page,
    meeting_page,
    meeting_rules,
    printed_minutes,
)
from agenda.importers.dates import parse_date
from agenda.importers.page import (
    COMMITTEE,
    DECISION,
    DECISIONS,
    ISSUE,
    ITEM,
    KIND_NAMES,
    MEETING,
    PRINTED,
    classify,
    id_from,
)
from agenda.importers.reader import ItemReader, read_lines
from agenda.importers.records import ParsedMeeting, ParsedSource, SourceError

READERS = {
    MEETING: meeting_page.parse,
    DECISION: decision_page.parse_details,
    DECISIONS: decision_page.parse_list,
    ISSUE: issue_page.parse,
    COMMITTEE: committee_page.parse,
    PRINTED: printed_minutes.parse,
}


def parse_page(page):
    kind = classify(page)
    reader = READERS.get(kind, parse_item_page)
    source = reader(page)
    source.kind = (
        "text" if (page.markup, kind) == ("text", ITEM) else f"{page.markup} {KIND_NAMES[kind]}"
    )
    source.source_url = source.source_url or page.url
    return source


def parse_item_page(page):
    reader = ItemReader()
    read_lines(reader, page)
    if not reader.item.title or not reader.saw_marker:
        raise SourceError(
            "This does not look like a ModernGov page: no agenda item title followed by "
            "Recommended/Resolved, Minutes:, Decision:, ACTION:, Overview & Scrutiny Area or "
            "Supporting documents, and no meeting, decision, issue or committee details."
        )
    item = reader.finish()
    meeting = ParsedMeeting(
        items=[item], minutes_draft=reader.minutes_draft or reader.decisions_only
    )
    if found := reader.meeting:
        meeting.committee = found["committee"].strip()
        meeting.date = parse_date(found["date"])
        item.number = item.number or (found["number"] or "").rstrip(".")
    if item_id := id_from(page.url):
        item.external_id = f"item-{item_id}"
        item.source_url = page.url
    meeting_rules.apply(meeting)
    return ParsedSource(kind="", meetings=[meeting], source_url=page.url)
