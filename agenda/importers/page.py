"""One model of a ModernGov page, whatever it came as: lines of text in page order, each
with the links it holds and a hint of what the markup said it was ("row" starts a table row
of items, "number"/"title" are an item's number and title cells, "heading" a heading).
Copied text gives plain lines; a saved page gives hinted lines; the XML web service's
HTML fragments are flattened to the same lines. The page's kind decides how it is split."""

import re
from dataclasses import dataclass, field
from urllib.parse import parse_qs, urljoin, urlparse

from agenda.importers.numbering import clean_text
from agenda.importers.records import DocumentLink

ITEM, MEETING, DECISION, DECISIONS, ISSUE, COMMITTEE, PRINTED = (
    "item",
    "meeting",
    "decision",
    "decisions",
    "issue",
    "committee",
    "printed",
)
KIND_NAMES = {
    ITEM: "item page",
    MEETING: "meeting page",
    DECISION: "decision details page",
    DECISIONS: "decisions list",
    ISSUE: "issue details page",
    COMMITTEE: "committee details page",
    PRINTED: "printed minutes",
}
PAGE_KINDS = {
    "mgai": ITEM,
    "ielistdocuments": MEETING,
    "iedecisiondetails": DECISION,
    "mgdecisiondetails": DECISION,
    "mgdelegateddecisions": DECISIONS,
    "mglistofficerdecisions": DECISIONS,
    "ieissuedetails": ISSUE,
    "mgissuehistoryhome": ISSUE,
    "mgcommitteedetails": COMMITTEE,
}
MEETING_HEADINGS = {
    "agenda", "agenda and minutes", "agenda and decisions", "agenda, decisions and minutes",
    "agenda, decisions and draft minutes", "agenda and draft minutes", "minutes",
    "agenda and draft decisions", "decisions", "agenda, decisions and draft decisions",
    "meeting documents",
}  # fmt: skip
_DELEGATED = re.compile(r"^\d{1,2}/\d{1,2}/\d{4}\s*-\s*.+\bref:\s*\d+", re.I)
_PRINTED = re.compile(
    r"^(?:minutes\s+of\s+(?:a|the)\s+(?:\w+\s+)?meeting\s+of|.*\bminutes\s+of\s+(?:a|the)\s+"
    r"(?:\w+\s+)?meeting\s+held\b|minutes$)",
    re.I,
)
_PAGE_NAME = re.compile(r"(?:^|/)(?P<name>[a-z]+)\.aspx", re.I)


@dataclass
class Line:
    text: str
    links: list = field(default_factory=list)  # [(text, href)]
    tag: str = ""


@dataclass
class Page:
    lines: list[Line]
    url: str = ""
    title: str = ""
    markup: str = "text"  # "text", "html", "xml" or "pdf"

    @property
    def texts(self):
        return [line.text for line in self.lines if line.text]


def text_page(text):
    """Copied text: one Line per non-empty line (tables pasted as "a | b" kept as is)."""
    return Page(lines=[Line(clean) for raw in text.splitlines() if (clean := clean_text(raw))])


def page_name(url):
    """ "ieListDocuments.aspx?CId=1&MId=2" -> "ielistdocuments"."""
    found = _PAGE_NAME.search(url or "")
    return found["name"].lower() if found else ""


def query(url):
    """Query parameters of `url`, names lower-cased, first values."""
    try:
        values = parse_qs(urlparse(url or "").query)
    except ValueError:  # e.g. a damaged "http://[::1" address
        return {}
    return {k.lower(): v[0] for k, v in values.items() if v}


def id_from(url, key="id"):
    value = query(url).get(key.lower(), "")
    return value if value.isdigit() else ""


def classify(page):
    """The page's kind: from its address when known, else from its headings."""
    if kind := PAGE_KINDS.get(page_name(page.url)):
        return kind
    texts = page.texts
    head = [t.lower().rstrip(":") for t in texts[:60]]
    if "decision details" in head:
        return DECISION
    makers = sum(t.lower().startswith("decision maker") for t in texts)
    if "decisions published" in head or makers > 1 or any(_DELEGATED.match(t) for t in texts):
        return DECISIONS
    if any(h.startswith(("issue - ", "issue details", "issue history")) for h in head[:20]):
        return ISSUE
    if any(h in {"committee details", "committee membership"} for h in head[:20]):
        return COMMITTEE
    raw = [t.lower() for t in texts[:10]]
    if any(line.tag == "row" for line in page.lines) or any(h in MEETING_HEADINGS for h in raw):
        return MEETING
    if any(_PRINTED.match(t) for t in texts[:15]) and any(
        t.lower().startswith("present") for t in texts[:80]
    ):
        return PRINTED
    if makers and any(t.lower().startswith(("date of decision", "decision status")) for t in texts):
        return DECISION
    return ITEM


def document_link(text, href, base):
    """A link as a document: its address made absolute, its ModernGov id kept."""
    try:
        url = urljoin(base, href) if base else href
    except ValueError:
        url = ""
    doc_id = id_from(url) or (re.search(r"/s(\d+)/", url) or [None, ""])[1]
    return DocumentLink(title=text or url, url=url, external_id=doc_id and f"doc-{doc_id}")
