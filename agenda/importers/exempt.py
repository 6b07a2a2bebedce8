"""Exempt business: which items the public was excluded from, and under which paragraph of
LGA 1972 Schedule 12A (England: Part 1, paragraphs 1-7; Wales: Part 4, paragraphs 12-18).

Read from the exclusion resolution ("RESOLVED – That under Section 100A(4) … the public be
excluded … paragraph 3 of Part 1 of Schedule 12A"), from "Part 2" / "Private business"
headings and titles, and from ModernGov's "reasons restricted" markers. A template that was
never moved ("if necessary, the Chair will move …") or a meeting that "remained open"
excludes no one."""

import re
from dataclasses import dataclass, field

ENGLAND = range(1, 8)
WALES = range(12, 19)

_EXCLUDES = re.compile(
    r"\b(?:(?:press|public|members\s+of\s+the\s+public)(?:\s+and\s+(?:the\s+)?"
    r"(?:press|public))?\s+(?:be|are|were|was)\s+excluded"
    r"|exclu(?:de|ded|ding|sion\s+of)\s+(?:the\s+)?(?:press|public|members\s+of\s+the\s+public))",
    re.I,
)
_NOT_MOVED = re.compile(
    r"\bif\s+necessary\b|\bno\s+(?:agenda\s+)?items?\b[^.]*\brequir|\bremained\s+open\b|"
    r"\bnot\s+(?:to\s+)?(?:be\s+)?exclude|\bthere\s+(?:are|were)\s+no\b|\bmay\s+be\s+moved\b|"
    r"\bto\s+identify\s+items\b|\bwould\s+be\s+able\s+to\s+attend\b|\bto\s+consider\s+whether\b",
    re.I,
)
_NUMBER = r"\d{1,2}(?:\s?[a-c](?![a-z]))?"
_PARAGRAPHS = re.compile(
    rf"\bparagraphs?\s*(?:\(s\)\s*)?(?P<list>{_NUMBER}(?:\s*(?:,|and|&|or|-|to)\s*{_NUMBER})*)",
    re.I,
)
_WALES_PART = re.compile(r"\bpart\s+(?:4|iv)\b", re.I)
_ITEMS_NAMED = re.compile(
    r"\b(?:agenda\s+)?items?\s+(?:nos?\.?\s*)?(?P<list>\d{1,3}[a-z]?(?:\s*(?:,|and|&)\s*\d{1,3}[a-z]?)*)",
    re.I,
)
_ONE_ITEM = re.compile(r"\bthe\s+following\s+item\b(?!s|\s*\()", re.I)
_TABLE_ROW = re.compile(
    r"^(?:item\s+)?(?P<item>\d{1,3}[a-z]?)\s*\|?\s*(?P<paragraph>\d{1,2})\s*\|?$"
)
_PRIVATE_HEADING = re.compile(
    r"^(?:part\s+(?:2|ii|b)\b|private\s+(?:business|session|items?)\b|exempt\s+(?:items?|business)\b|"
    r"items?\s+(?:likely\s+to\s+be\s+)?(?:considered|taken)\s+in\s+private\b|"
    r"restricted\s+(?:items?|business)\b|confidential\s+(?:items?|business)\b)",
    re.I,
)
_PRIVATE_TITLE = re.compile(
    r"(?:\s[-–—:]\s*|\()(?:part\s+(?:2|ii|b)|exempt|private|restricted|confidential)\)?\s*$"
    r"|^(?:part\s+(?:2|ii|b)|exempt|private|confidential)\s*[-–—:]\s",
    re.I,
)
_RESTRICTED = re.compile(
    r"^(?:view\s+the\s+reasons\s+why\s+(?:the\s+)?(?:item|document)\b.*\brestricted|"
    r"reasons?\s+restricted\b|this\s+item\s+is\s+(?:restricted|exempt|confidential)\b|"
    r"restricted\s*$|by\s+virtue\s+of\s+paragraph)",
    re.I,
)


@dataclass
class Exclusion:
    """One exclusion of the public, as read from its resolution."""

    paragraphs: list[int] = field(default_factory=list)
    item_numbers: list[str] = field(default_factory=list)
    per_item: dict[str, int] = field(default_factory=dict)
    next_only: bool = False
    wales: bool = False
    notes: list[str] = field(default_factory=list)

    @property
    def paragraph(self):
        return self.paragraphs[0] if self.paragraphs else None


def find_exclusion(text):
    """An Exclusion if `text` records (or resolves) the exclusion of the public."""
    if not _EXCLUDES.search(text) or _NOT_MOVED.search(text):
        return None
    exclusion = Exclusion(wales=bool(_WALES_PART.search(text)))
    exclusion.paragraphs = paragraphs_in(text, exclusion)
    for found in _ITEMS_NAMED.finditer(text):
        exclusion.item_numbers.extend(re.findall(r"\d{1,3}[a-z]?", found["list"], re.I))
    exclusion.next_only = bool(_ONE_ITEM.search(text)) and not exclusion.item_numbers
    return exclusion


def paragraphs_in(text, exclusion=None):
    """Schedule 12A paragraph numbers named in `text`, as stored (Wales 12-18)."""
    wales = bool(_WALES_PART.search(text))
    numbers = []
    for found in _PARAGRAPHS.finditer(text):
        for raw in re.findall(_NUMBER, found["list"], re.I):
            value = valid_paragraph(raw, wales=wales, notes=exclusion.notes if exclusion else None)
            if value is not None and value not in numbers:
                numbers.append(value)
    return numbers


def valid_paragraph(raw, *, wales=False, notes=None):
    """A paragraph as the database keeps it: England 1-7, Wales 12-18. Wales' standards
    paragraphs 18A-18C are kept as 18; Welsh minutes quoting 1-7 of Part 4 are mapped."""
    raw = raw.strip().lower().replace(" ", "")
    digits = int(re.match(r"\d+", raw).group(0))
    if raw[-1:].isalpha():
        if digits == 18:
            _note(notes, f"paragraph {raw.upper()} (Wales, standards) kept as 18")
            return 18
        return None
    if wales and digits in ENGLAND:
        _note(notes, f"paragraph {digits} of Part 4 read as Welsh paragraph {digits + 11}")
        return digits + 11
    if digits in ENGLAND or digits in WALES:
        return digits
    return None


def _note(notes, text):
    if notes is not None and text not in notes:
        notes.append(text)


def table_rows(lines):
    """{"12": 3, "13": 3} from an "Item No. | Paragraph(s)" table under the resolution."""
    rows = {}
    for line in lines:
        found = _TABLE_ROW.match(line.strip())
        value = valid_paragraph(found["paragraph"]) if found else None
        if value is not None:
            rows[found["item"]] = value
    return rows


def is_private_heading(line):
    """A "PART 2 – PRIVATE BUSINESS" style line between items."""
    return bool(_PRIVATE_HEADING.match(line.strip())) and len(line) < 160


def title_says_private(title):
    """ "Churchgate update - Part 2", "Exempt: Staffing". Not "Local Plan Part 2"."""
    return bool(_PRIVATE_TITLE.search(title.strip()))


def is_restricted_marker(line):
    return bool(_RESTRICTED.match(line.strip()))
