"""Which agenda item an uploaded report belongs to, judged from its file name.

"07 Budget monitoring.pdf" goes to item 7; "7.1 Appendix.pdf" to item 7.1 (or 7);
"07a Budget tables.pdf" is an appendix of item 7; "Libraries strategy.pdf" goes to the item
whose title it matches. When the number and the words disagree (a file numbered before the
agenda was reordered), the words win. The clerk confirms every proposal before anything
is attached.
"""

import os
import re
import unicodedata
from dataclasses import dataclass

from agenda.models import Document

NUMBER = re.compile(
    r"^\s*(?:(?:agenda\s+)?item\s*|no\.?\s*)?0*(?P<main>\d{1,3})"
    r"(?:[._-]0*(?P<sub>\d{1,2}))?(?P<letter>[a-z])?(?=[\s._\-\u2013)]|$)",
    re.IGNORECASE,
)
# Words that say nothing about which item a file is for.
NOISE = {
    "a", "an", "and", "the", "of", "to", "for", "in", "on", "at", "by", "with", "item",
    "report", "reports", "paper", "draft", "final", "version", "copy", "pdf", "doc", "docx",
    "appendix", "appendices", "annex", "annexe", "background", "committee", "agenda",
}  # fmt: skip
APPENDIX_WORDS = {"appendix", "appendices", "annex", "annexe"}
TITLE_MATCH = 0.5  # the share of the shorter list of words that must be in common


@dataclass
class Proposal:
    """Where one file would go: the item (or None), the document's kind and title, and
    how the item was found, in words for the confirmation page."""

    filename: str
    item: object
    kind: str
    title: str
    how: str


def _fold(text):
    text = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in text if not unicodedata.combining(ch)).lower()


def words(text):
    """The telling words of a title or file name."""
    tokens = re.split(r"[^a-z0-9]+", _fold(text))
    return {
        token
        for token in tokens
        if len(token) > 1 and token not in NOISE and not re.fullmatch(r"v\d+", token)
    }


def _title_score(file_words, title):
    title_words = words(title)
    if not file_words or not title_words:
        return 0.0
    common = len(file_words & title_words)
    shorter = min(len(file_words), len(title_words))
    # The share in common decides; the overlap of the whole breaks ties.
    return common / shorter + common / (len(file_words | title_words) * 100)


def split_name(filename):
    """(number typed at the start or None, letter suffix, the rest of the name)."""
    stem = os.path.splitext(os.path.basename(filename))[0]
    found = NUMBER.match(stem)
    if not found:
        return None, "", stem
    number = found["main"] + (f".{found['sub']}" if found["sub"] else "")
    rest = stem[found.end() :].lstrip(" ._-\u2013)")
    return number, (found["letter"] or "").lower(), rest


def _by_number(number, items):
    if number is None:
        return None
    by_number = {item.number: item for item in items}
    if number in by_number:
        return by_number[number]
    return by_number.get(number.split(".")[0])


def _by_title(file_words, items):
    scored = sorted(
        ((_title_score(file_words, item.plain_title), n, item) for n, item in enumerate(items)),
        key=lambda row: (-row[0], row[1]),
    )
    if not scored or scored[0][0] < TITLE_MATCH:
        return None, 0.0
    if len(scored) > 1 and scored[1][0] == scored[0][0]:
        return None, 0.0  # two items fit as well: the clerk chooses
    return scored[0][2], scored[0][0]


def _document_title(rest, letter, item):
    title = " ".join(rest.replace("_", " ").split()).strip(" -")
    if title:
        return title[0].upper() + title[1:]
    if letter:
        return f"Appendix {letter.upper()}"
    return item.plain_title if item is not None else "Report"


def propose(filenames, items):
    """A Proposal per file name, in the order given. `items`: the meeting's items."""
    items = list(items)
    has_report = {
        item.pk
        for item in items
        if any(d.kind == Document.Kind.REPORT for d in item.documents.all())
    }
    proposals = []
    for filename in filenames:
        number, letter, rest = split_name(filename)
        file_words = words(rest)
        numbered = _by_number(number, items)
        titled, _score = _by_title(file_words, items)
        if numbered is not None and titled is not None and numbered != titled:
            if _title_score(file_words, numbered.plain_title) > 0:
                item, how = numbered, f"by its number ({number})"
            else:
                item, how = titled, "by its title (the number did not match)"
        elif numbered is not None:
            item, how = numbered, f"by its number ({number})"
        elif titled is not None:
            item, how = titled, "by its title"
        else:
            item, how = None, "not matched: choose the item"
        name_words = set(re.split(r"[^a-z]+", _fold(rest)))
        if "background" in name_words:
            kind = Document.Kind.BACKGROUND_PAPER
        elif letter or name_words & APPENDIX_WORDS or (item is not None and item.pk in has_report):
            kind = Document.Kind.APPENDIX
        else:
            kind = Document.Kind.REPORT
        if item is not None and kind == Document.Kind.REPORT:
            has_report.add(item.pk)
        proposals.append(Proposal(filename, item, kind, _document_title(rest, letter, item), how))
    return proposals
