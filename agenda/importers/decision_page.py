"""Decision pages: one decision's details (ieDecisionDetails / mgDecisionDetails) and the
decisions list (mgDelegatedDecisions, "Decisions published"), into ParsedDecision records.

Each decision is a run of labelled fields: "Decision Maker:", "Decision status:", "Is Key
decision?:", "Is subject to call in?:", "Decision:", "Reasons for the decision:",
"Alternative options considered:", "Interests and Nature of Interests Declared:",
"Dispensations:", "Publication date:" / "Decision published:", "Date of decision:",
"Effective from:", "Decided at meeting:" / "Made at meeting:", "Lead officer:"…"""

import re

from agenda.importers.contacts import parse_contacts
from agenda.importers.dates import parse_date
from agenda.importers.exempt import (
    find_exclusion,
    is_private_heading,
    paragraphs_in,
    title_says_private,
)
from agenda.importers.numbering import is_furniture, strip_file_size
from agenda.importers.page import document_link, id_from, page_name
from agenda.importers.reader import ItemReader
from agenda.importers.records import ParsedDecision, ParsedSource, SourceError

# Each field's label, in the spellings councils use; "skip" labels end a field and are
# not kept (wards, urgency reasons, consultees…).
LABELS = {
    "decision_maker": [r"decision\s+makers?", r"decision\s+taken\s+by", r"decided\s+by"],
    "is_key": [r"is\s+(?:this\s+a\s+)?key\s+decision", r"key\s+decision"],
    "call_in": [
        r"is\s+(?:this\s+decision\s+)?subject\s+to\s+call[\s-]?in",
        r"subject\s+to\s+call[\s-]?in",
        r"call[\s-]?in(?:\s+status)?",
    ],
    "status": [r"decision\s+status", r"status"],
    "reasons": [r"reasons?\s+for\s+(?:the\s+)?(?:decisions?|recommendations?)"],
    "alternatives": [
        r"alternative\s+options?(?:\s+(?:considered|rejected))?(?:\s+and\s+rejected)?",
        r"alternatives?\s+considered",
        r"other\s+options\s+considered",
    ],
    "conflicts": [
        r"interests?\s+and\s+nature\s+of\s+interests?\s+declared",
        r"conflicts?\s+of\s+interests?(?:\s+declared)?",
        r"declarations?\s+of\s+interests?",
    ],
    "dispensations": [r"dispensations?(?:\s+granted)?", r"note\s+of\s+dispensations?"],
    "publication_date": [
        r"publication\s+date",
        r"decision\s+published",
        r"date\s+of\s+publication",
        r"date\s+published",
    ],
    "decided_on": [
        r"date\s+of\s+decision",
        r"decision\s+date",
        r"date\s+decision\s+(?:taken|made)",
    ],
    "effective_from": [
        r"effective\s+from",
        r"date\s+(?:decision\s+)?comes\s+into\s+force",
        r"implementation\s+date",
    ],
    "meeting": [r"decided\s+at\s+meeting", r"made\s+at\s+meeting"],
    "lead_officer": [r"lead\s+officer", r"contact\s+officer", r"contact", r"report\s+author"],
    "purpose": [r"purpose(?:\s+of\s+(?:the\s+)?report)?", r"summary"],
    "documents": [r"accompanying\s+documents", r"supporting\s+documents", r"background\s+papers"],
    "restricted": [r"reasons?\s+restricted", r"exempt\s+information"],
    "text": [r"decisions?", r"the\s+decision", r"decision\s+taken"],
    "skip": [
        r"reason\s+key",
        r"reasons?\s+for\s+urgency",
        r"urgent\s+item",
        r"consultees",
        r"call[\s-]?in\s+deadline",
        r"portfolio",
        r"lead\s+member",
        r"directorate",
        r"wards?\s+affected",
        r"divisions?\s+affected",
        r"key\s+decision\s+reason",
        r"issue\s+history",
    ],
}
FIELDS = list(LABELS)
_FIELD = re.compile(
    r"^(?P<label>"
    + "|".join(f"(?P<{name}>{'|'.join(patterns)})" for name, patterns in LABELS.items())
    + r")\s*\??\s*:\s*(?P<rest>.*)$",
    re.I,
)
_LIST_ENTRY = re.compile(
    r"^(?P<date>\d{1,2}/\d{1,2}/\d{4})\s*[-–—]\s*(?P<title>.+?)\s+ref:\s*(?P<ref>\d+)\s*(?P<status>.*)$",
    re.I,
)
_MEETING = re.compile(
    r"^(?P<date>\d{1,2}/\d{1,2}/\d{4})\s*[-–—]\s*(?P<committee>.+?)(?:\s*\(item\s*[\w.]+\))?$", re.I
)
_MEMBER = re.compile(
    r"\b(?:cabinet|executive)\s+member\b|\bportfolio\s+holder\b|\bleader\b|\blead\s+member\b|^mayor\b",
    re.I,
)
_BODY = re.compile(
    r"\b(?:committee|council|cabinet|panel|board|executive|forum|sub-committee)\b", re.I
)
TEXT_FIELDS = {"reasons", "alternatives", "conflicts", "dispensations", "purpose"}
HEADINGS = {"decision details", "decisions", "decisions published", "officer decisions"}


def parse_details(page):
    lines = [line for line in page.lines if line.text or line.links]
    texts = [line.text.lower().rstrip(":") for line in lines]
    start = texts.index("decision details") + 1 if "decision details" in texts else 0
    title_line = next((line for line in lines[start:] if _usable_title(line.text)), None)
    if title_line is None:
        raise SourceError("The decision page has no title.")
    body = lines[lines.index(title_line) + 1 :]
    decision = _decision(title_line.text, body, page)
    if decision_id := id_from(page.url):
        decision.external_id = f"decision-{decision_id}"
    elif page_name(page.url) == "iedecisiondetails" and (item_id := id_from(page.url, "aiid")):
        decision.external_id = f"decision-ai-{item_id}"
    if item_id := id_from(page.url, "aiid"):
        decision.item_external_id = f"item-{item_id}"
    decision.source_url = page.url
    if not (decision.decision_maker or decision.paragraphs or decision.entries):
        raise SourceError(
            "The decision page names no decision maker and records no decision: save the "
            "whole “Decision details” page."
        )
    return ParsedSource(kind="", decisions=[decision], source_url=page.url)


def _usable_title(text):
    lowered = text.lower().rstrip(":")
    return text and lowered not in HEADINGS and not _FIELD.match(text) and not is_furniture(text)


def parse_list(page):
    lines = [line for line in page.lines if line.text]
    starts = [i for i, line in enumerate(lines) if _LIST_ENTRY.match(line.text)]
    if not starts:
        raise SourceError(
            "No decisions found in this list: each should start “dd/mm/yyyy - Title ref: 1234”."
        )
    decisions = []
    for begin, end in zip(starts, [*starts[1:], len(lines)], strict=True):
        head = _LIST_ENTRY.match(lines[begin].text)
        decision = _decision(head["title"].strip(), lines[begin + 1 : end], page)
        decision.external_id = f"decision-{head['ref']}"
        decision.decided_on = decision.decided_on or parse_date(head["date"])
        decision.status = decision.status or head["status"].strip()
        decisions.append(decision)
    _exempt_after_exclusion(decisions)
    return ParsedSource(kind="", decisions=decisions, source_url=page.url)


def _exempt_after_exclusion(decisions):
    """A private decision listed after the same meeting's exclusion resolution takes that
    resolution's paragraph (the list is newest first, so the exclusion may come either side)."""
    paragraphs = {}
    for decision in decisions:
        words = " ".join([*decision.paragraphs, *(e.text for e in decision.entries)])
        if (found := find_exclusion(words)) and found.paragraph:
            paragraphs[(decision.meeting_committee, decision.meeting_date)] = found.paragraph
    for decision in decisions:
        key = (decision.meeting_committee, decision.meeting_date)
        if decision.is_exempt and not decision.exempt_paragraph and key in paragraphs:
            decision.exempt_paragraph = paragraphs[key]
            decision.report.recognise(
                f"exempt under paragraph {paragraphs[key]}, from the same meeting's exclusion"
            )


def _decision(title, lines, page):
    decision = ParsedDecision(title=strip_file_size(title))
    report = decision.report
    field, buffer = "text", []
    fields = {}
    for line in lines:
        text = line.text
        if is_furniture(text) and not line.links:
            continue
        if found := _FIELD.match(text):
            fields.setdefault(field, []).extend(buffer)
            field = next(name for name in FIELDS if found[name])
            buffer = [found["rest"]] if found["rest"].strip() else []
            if field == "documents":
                buffer = []
            continue
        if field == "documents":
            for link_text, href in line.links:
                decision.documents.append(document_link(link_text, href, page.url))
            continue
        buffer.append(text)
    fields.setdefault(field, []).extend(buffer)
    _fill(decision, fields)
    for name in ("decision maker", "status", "key decision", "call-in", "reasons", "alternatives"):
        key = {
            "decision maker": "decision_maker",
            "key decision": "is_key",
            "call-in": "call_in",
        }.get(name, name)
        if fields.get(key):
            report.recognise(name)
    return decision


def _fill(decision, fields):
    def one(name):
        return " ".join(fields.get(name, [])).strip()

    decision.decision_maker = one("decision_maker")
    decision.status = one("status")
    decision.is_key = _yes_no(one("is_key"))
    decision.call_in = one("call_in")
    for name in TEXT_FIELDS:
        setattr(decision, name, [t for t in fields.get(name, []) if t.strip()])
    # The "Decision:" field is the decision itself: read as a decision block, its "That …"
    # paragraphs are the decision, not guesses.
    reader = ItemReader(decision.title, titled=True)
    reader.phase = reader.saw_decision = "decision"
    for text in fields.get("text", []):
        reader.feed(text)
    item = reader.finish()
    decision.entries, decision.paragraphs = item.resolutions, item.minutes_paragraphs
    for guess in item.report.guessed:
        decision.report.guess(guess)
    for name in ("publication_date", "decided_on", "effective_from"):
        setattr(decision, name, parse_date(one(name)))
    if found := _MEETING.match(one("meeting")):
        decision.meeting_date = parse_date(found["date"])
        decision.meeting_committee = found["committee"].strip()
        decision.decided_on = decision.decided_on or decision.meeting_date
    contacts = parse_contacts(one("lead_officer")) if one("lead_officer") else []
    decision.lead_officer = contacts[0] if contacts else None
    restricted = one("restricted")
    if restricted or title_says_private(decision.title) or is_private_heading(decision.title):
        decision.is_exempt = True
        paragraphs = paragraphs_in(restricted)
        decision.exempt_paragraph = paragraphs[0] if paragraphs else None
    decision.kind = _kind(decision)
    if (
        decision.effective_from
        and decision.decided_on
        and decision.effective_from < decision.decided_on
    ):
        decision.report.guess(
            f"effective date {decision.effective_from:%d/%m/%Y} is before the decision date; "
            "left out"
        )
        decision.effective_from = None


def _yes_no(text):
    lowered = text.lower()
    if lowered.startswith(("yes", "key")):
        return True
    if lowered.startswith(("no", "non")):
        return False
    return None


def _kind(decision):
    maker = decision.decision_maker
    if _MEMBER.search(maker):
        return "executive_member"
    if decision.meeting_committee or _BODY.search(maker):
        return "committee"
    if maker:
        return "officer"
    decision.report.guess("no decision maker given: kept as a committee decision")
    return "committee"
