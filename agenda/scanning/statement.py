"""The evidence the accessibility statement is built from: the site's own page checks
(axe-core results recorded by the browser tests into `site_checks.json`, shipped with
the app) and the live list of public documents that fail the document checks.

The statement's verdict follows from the evidence; only the parts no check can know
come from people (agenda.models.StatementWording)."""

import datetime
import json
from dataclasses import dataclass, field
from pathlib import Path

from django.db.models import Exists, OuterRef

from agenda.models import Document, DocumentScan

SITE_CHECKS = Path(__file__).with_name("site_checks.json")
LISTED_DOCUMENTS = 200  # a statement lists this many failing documents, then counts the rest

FULLY = "fully compliant"
PARTIALLY = "partially compliant"


@dataclass
class SiteChecks:
    """What the last recorded run of the page checks found."""

    checked_on: datetime.date
    tool: str
    standard: str
    pages: list = field(default_factory=list)  # {"name", "path", "violations": [...]}

    @property
    def violations(self):
        return [(p, v) for p in self.pages for v in p.get("violations", [])]


def load_site_checks(path=None):
    """The recorded page checks, or None if there is no readable record."""
    try:
        data = json.loads(Path(path or SITE_CHECKS).read_text(encoding="utf-8"))
        checked_on = datetime.date.fromisoformat(data["checked_at"][:10])
    except (OSError, ValueError, KeyError, TypeError):
        return None
    return SiteChecks(
        checked_on=checked_on,
        tool=str(data.get("tool", "axe-core")),
        standard=str(data.get("standard", "WCAG 2.2 AA")),
        pages=[p for p in data.get("pages", []) if isinstance(p, dict)],
    )


@dataclass
class FailingDocument:
    title: str
    url: str
    problems: list


@dataclass
class Evidence:
    site: SiteChecks | None
    failing: list  # FailingDocument, at most LISTED_DOCUMENTS
    failing_count: int
    checked_count: int
    unchecked_count: int

    @property
    def status(self):
        site_ok = self.site is not None and not self.site.violations
        return (
            FULLY if site_ok and not self.failing_count and not self.unchecked_count else PARTIALLY
        )


def _public_uploaded_pdfs():
    # Minutebook's own printed PDFs are generated tagged and their checks are part of its
    # test suite (tests/agenda/test_scanning_generated.py); the statement lists the rest.
    return (
        Document.objects.public()
        .filter(content_type="application/pdf", is_generated=False)
        .exclude(file="")
    )


def gather(*, site_checks_path=None):
    """The statement's evidence, as of now. Four queries, however many documents."""
    current = DocumentScan.objects.current().filter(subject=DocumentScan.Subject.FILE)
    documents = _public_uploaded_pdfs().annotate(
        checked=Exists(current.filter(document=OuterRef("pk")))
    )
    failing_scans = (
        current.failing_accessibility()
        .filter(document__in=_public_uploaded_pdfs())
        .select_related("document__meeting")
        .order_by("-document__published_at", "document__title", "pk")
    )
    failing_count = failing_scans.count()
    failing = [
        FailingDocument(
            title=scan.document.title,
            url=scan.document.get_absolute_url(),
            problems=scan.accessibility_problems,
        )
        for scan in failing_scans[:LISTED_DOCUMENTS]
    ]
    checked = documents.filter(checked=True).count()
    unchecked = documents.filter(checked=False).count()
    return Evidence(
        site=load_site_checks(site_checks_path),
        failing=failing,
        failing_count=failing_count,
        checked_count=checked,
        unchecked_count=unchecked,
    )
