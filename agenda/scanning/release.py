"""What the release checklist asks of the scanner: one call per checklist.

`release_problems(documents)`: sentences for each document whose present file has
hidden-content ("leak") findings and no manager's override; they block the release.
`release_warnings(documents)`: the rest, listed but not blocking (warnings, and the
overrides that let a leaking file through). Documents not yet scanned are scanned now.
"""

from agenda.models import DocumentScan
from agenda.scanning.overrides import override_for
from agenda.scanning.record import current_findings, scan_document

MAX_LISTED = 3  # findings quoted per document; the document page lists them all


def _candidates(documents):
    # Minutebook's own printed PDFs are re-rendered by the release itself, and tested to
    # be clean (tests/agenda/test_scanning_generated.py).
    return [d for d in documents if not d.is_generated and d.file]


def _findings(document):
    current = DocumentScan.objects.current().filter(document=document)
    if not current.exists():
        scan_document(document.pk)
    return current_findings(document)


def _summary(findings):
    shown = "; ".join(f"{f.get_code_display().lower()} ({f.where})" for f in findings[:MAX_LISTED])
    more = len(findings) - MAX_LISTED
    return shown + (f"; and {more} more" if more > 0 else "")


def release_problems(documents):
    """Blocking sentences: hidden content without a recorded override."""
    problems = []
    for document in _candidates(documents):
        leaks = [f for f in _findings(document) if f.kind == f.Kind.LEAK]
        if leaks and override_for(document) is None:
            problems.append(
                f"“{document.title}” has hidden content: {_summary(leaks)}. Replace the file "
                "with a clean one, or a manager records why it may be published as it is "
                "(on the document’s page)."
            )
    return problems


def release_warnings(documents):
    """Non-blocking sentences: warnings, and leaks let through by an override."""
    notes = []
    for document in _candidates(documents):
        findings = _findings(document)
        leaks = [f for f in findings if f.kind == f.Kind.LEAK]
        warnings = [f for f in findings if f.kind == f.Kind.WARNING]
        override = override_for(document) if leaks else None
        if override is not None:
            notes.append(
                f"“{document.title}”: published despite hidden content, allowed by "
                f"{override.user} on {override.at:%d %b %Y}: {override.reason}"
            )
        if warnings:
            notes.append(f"“{document.title}”: {_summary(warnings)}.")
    return notes
