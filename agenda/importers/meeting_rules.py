"""What a meeting's items mean together, once all are read: the standard items' kinds,
which items were taken in private (after the exclusion resolution, under a "Part 2"
heading, or marked restricted) and under which paragraph, the declarations recorded, and
the apologies and substitutes the apologies item lists."""

import re

from agenda.importers.attendance import parse_attendance_line
from agenda.importers.declarations import parse_declarations
from agenda.importers.exempt import find_exclusion, table_rows, title_says_private

KIND_WORDS = {
    "exclusion": [r"exclu\w*\s+of\s+(?:the\s+)?(?:press|public)", r"^exempt information\b"],
    "declarations": [
        r"\b(?:declarations?|disclosures?)\s+of\s+(?:\w+\s+){0,4}interests?\b",
        r"^interests?\b",
    ],
    "apologies": [r"^(?:\d+\.?\s*)?apolog", r"\bapologies\s+for\s+absence\b"],
    "previous_minutes": [
        r"^(?:(?:to\s+)?(?:approve|confirm|sign)\s+(?:the\s+)?)?minutes"
        r"(?:\s*$|\s+of\s+(?:the\s+)?(?:previous|last)\b|\s+of\s+(?:the\s+)?(?:\w+\s+)?meeting"
        r"\s+held\b|\s*[-–:]\s*\d)",
    ],
    "public_questions": [
        r"\bpublic\s+(?:questions?|participation|speaking|question\s+time)\b",
        r"\bquestions?\s+(?:from|by)\s+(?:members\s+of\s+)?the\s+public\b",
    ],
    "urgent": [r"\burgent\s+(?:business|items?)\b"],
}
KINDS = [(kind, re.compile("|".join(words), re.I)) for kind, words in KIND_WORDS.items()]


def apply(meeting):
    items = meeting.items
    for item in items:
        item.kind = item.kind or _kind(item.title)
        if item.kind and item.kind != "business":
            item.report.recognise(f"standard item: {item.kind.replace('_', ' ')}")
    _exempt_business(items)
    for item in items:
        _declarations(item)
        if item.kind == "apologies" and item.minutes_paragraphs:
            _apologies(meeting, item)


def _kind(title):
    for kind, pattern in KINDS:
        if pattern.search(title):
            return kind
    return ""


def _number(value):
    return value.strip().rstrip(".").lower()


def _exempt_business(items):
    last = None  # the paragraph of the last exclusion resolution seen
    by_page = {id(item) for item in items if item.is_restricted}
    marked = set()
    for index, item in enumerate(items):
        exclusion, from_agenda = _exclusion_of(item)
        if exclusion:
            item.kind = "exclusion"
            last = exclusion.paragraph or last
            marked.update(_apply_exclusion(items, index, exclusion, from_agenda))
            continue
        if id(item) in marked:
            continue
        how = None
        if item.after_private_heading:
            how = "under a private-business (Part 2) heading"
        elif title_says_private(item.title):
            how = "its title marks it private"
        elif id(item) in by_page:
            how = "the page marks it restricted"
        if how and not item.restricted_paragraph:
            _mark(item, last, how, guessed=last is None)
        elif how:
            item.report.recognise(f"exempt under paragraph {item.restricted_paragraph} ({how})")


def _exclusion_of(item):
    """(Exclusion, found only in the agenda text) for an item that excludes the public."""
    decided = [row.text for row in item.resolutions] + item.minutes_paragraphs
    for text in decided:
        if found := find_exclusion(text):
            found.per_item.update(table_rows(item.minutes_paragraphs))
            return found, False
    if not item.has_minutes:
        for text in item.agenda_paragraphs:
            if found := find_exclusion(text):
                return found, True
    return None, False


def _apply_exclusion(items, index, exclusion, from_agenda):
    later = items[index + 1 :]
    targets = []
    if exclusion.per_item:
        targets = [i for i in later if _number(i.number) in exclusion.per_item]
    if not targets and exclusion.item_numbers:
        wanted = {_number(n) for n in exclusion.item_numbers}
        targets = [i for i in later if _number(i.number) in wanted]
    if not targets:
        targets = later[:1] if exclusion.next_only else later
    how = "the exclusion resolution" if not from_agenda else "the agenda's exclusion notice"
    for note in exclusion.notes:
        items[index].report.guess(note)
    if len(exclusion.paragraphs) > 1:
        items[index].report.recognise(
            "exclusion under paragraphs "
            + ", ".join(map(str, exclusion.paragraphs))
            + f"; items kept under paragraph {exclusion.paragraph} unless a table says otherwise"
        )
    for target in targets:
        listed = _number(target.number) in exclusion.per_item
        paragraph = exclusion.per_item.get(_number(target.number), exclusion.paragraph)
        unsure = from_agenda or (len(exclusion.paragraphs) > 1 and not listed)
        _mark(target, paragraph, f"{how} in item {items[index].number or index + 1}", unsure)
    return {id(target) for target in targets}


def _mark(item, paragraph, how, guessed):
    item.is_restricted = True
    item.restricted_paragraph = item.restricted_paragraph or paragraph
    words = (
        f"exempt under paragraph {item.restricted_paragraph}, from {how}"
        if item.restricted_paragraph
        else f"exempt ({how}) but no Schedule 12A paragraph is given"
    )
    if guessed or not item.restricted_paragraph:
        item.report.guess(words)
    else:
        item.report.recognise(words)


def _declarations(item):
    if not item.minutes_paragraphs:
        return
    paragraphs = item.minutes_paragraphs
    if item.kind != "declarations":
        paragraphs = [p for p in paragraphs if "declared" in p.lower() or "interest" in p.lower()]
    found = parse_declarations(paragraphs)
    item.declarations.extend(found)
    for declaration in found:
        where = f" on item {declaration.item_number}" if declaration.item_number else ""
        item.report.recognise(f"declaration: {declaration.member}, {declaration.kind}{where}")
        if declaration.kind_guessed:
            item.report.guess(
                f"kind of {declaration.member}'s interest read as {declaration.kind} from "
                f"“{declaration.description[:80]}”"
            )


def _apologies(meeting, item):
    for paragraph in item.minutes_paragraphs:
        for attendee in parse_attendance_line(paragraph):
            if not any(same_person(attendee.name, known.name) for known in meeting.attendees):
                meeting.attendees.append(attendee)
                item.report.recognise(f"attendance: {attendee.name}, {attendee.attendance}")


def same_person(one, other):
    """ "O'Hara" and "Councillor Owen O'Hara" are the same attendee."""
    one, other = (
        re.sub(r"^(?:councillor|cllr\.?)\s+", "", n.strip(), flags=re.I).lower()
        for n in (one, other)
    )
    if one == other:
        return True
    short, long = sorted((one, other), key=len)
    return " " not in short and long.endswith(" " + short)
