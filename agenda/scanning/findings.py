"""What a scan returns: findings a clerk can act on, and the accessibility checks."""

from dataclasses import dataclass, field

from agenda.models import FindingCode, FindingKind

LEAK = FindingKind.LEAK
WARNING = FindingKind.WARNING
Code = FindingCode

# Bump when the scanner learns something new, so stored scans can be told apart.
SCANNER_VERSION = "1"


@dataclass(frozen=True)
class Finding:
    """One thing found: `where` names the page, sheet or part; `advice` is one sentence
    saying what to do. LEAK findings block publication; WARNING findings are listed."""

    kind: str
    code: str
    where: str
    message: str
    advice: str


@dataclass
class Accessibility:
    """The PDF accessibility checks. `images_without_alt` counts figures without
    alternative text (every image, in an untagged file)."""

    is_tagged: bool
    has_title: bool
    has_language: bool
    has_text: bool
    images_without_alt: int
    scanned_pages: list = field(default_factory=list)  # page numbers with images, no text

    @property
    def passed(self):
        return (
            self.is_tagged
            and self.has_title
            and self.has_language
            and self.has_text
            and not self.images_without_alt
        )


@dataclass
class ScanReport:
    """Everything a scan found in one file."""

    content_type: str
    findings: list = field(default_factory=list)
    accessibility: Accessibility | None = None
    pages: int = 0

    @property
    def leaks(self):
        return [f for f in self.findings if f.kind == LEAK]

    @property
    def warnings(self):
        return [f for f in self.findings if f.kind == WARNING]

    def add(self, kind, code, where, message, advice):
        self.findings.append(Finding(kind, code, where, message, advice))


def sample(text, limit=60):
    """A short quotation of found text, on one line."""
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def page_list(numbers, limit=8):
    """“page 3”, “pages 2, 5 and 9”, “pages 1, 2, 3 … (14 pages)”."""
    numbers = sorted(set(numbers))
    if len(numbers) == 1:
        return f"page {numbers[0]}"
    shown = ", ".join(str(n) for n in numbers[:limit])
    if len(numbers) > limit:
        return f"pages {shown} … ({len(numbers)} pages)"
    head, _, tail = shown.rpartition(", ")
    return f"pages {head} and {tail}"
