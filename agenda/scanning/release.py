"""What the release checklist asks of the scanner: one call per checklist.

`release_problems(documents)`: sentences for each document whose present file has
hidden-content ("leak") findings and no manager's override; they block the release.
`release_warnings(documents)`: the rest, listed but not blocking (warnings, files the
scanner could not read, and the overrides that let a leaking file through).
`release_review(documents)`: both at once, as the checklist asks, with every document's
findings and overrides read in one query each. Documents not yet scanned are scanned now.
"""

from agenda.models import DocumentScan, ScanFinding, ScanOverride
from agenda.scanning.record import scan_document

MAX_LISTED = 3  # findings quoted per document; the document page lists them all


def _candidates(documents):
    # Minutebook's own printed PDFs are re-rendered by the release itself, and tested to
    # be clean (tests/agenda/test_scanning_generated.py).
    return [d for d in documents if not d.is_generated and d.file]


def _findings_of(documents):
    """{document id: its current findings, leaks first}, read in two queries whatever the
    number of documents (a 100-item meeting's release asks for all of them at once); a
    document not scanned yet is scanned first."""
    ids = [document.pk for document in documents]
    scanned = set(
        DocumentScan.objects.current().filter(document__in=ids).values_list("document", flat=True)
    )
    for document in documents:
        if document.pk not in scanned:
            scan_document(document.pk)
    found = {pk: [] for pk in ids}
    rows = (
        ScanFinding.objects.filter(scan__in=DocumentScan.objects.current().filter(document__in=ids))
        .select_related("scan")
        .order_by("kind", "scan__subject", "position")
    )
    for finding in rows:
        found[finding.scan.document_id].append(finding)
    return found


def _overrides_of(documents):
    """{document id: the override covering its present file}, in one query."""
    wanted = {(document.pk, document.sha256) for document in documents}
    rows = ScanOverride.objects.filter(document__in=[pk for pk, _ in wanted]).select_related("user")
    return {row.document_id: row for row in rows if (row.document_id, row.sha256) in wanted}


def _blocking(finding):
    # A file the scanner cannot read is refused by the release's own file rule (not a PDF,
    # damaged, encrypted: agenda.publishing.checks.public_file_problems) in better words;
    # here it is only listed, so one fault is not reported twice.
    return finding.kind == finding.Kind.LEAK and finding.code != finding.Code.UNREADABLE


def _summary(findings):
    shown = "; ".join(f"{f.get_code_display().lower()} ({f.where})" for f in findings[:MAX_LISTED])
    more = len(findings) - MAX_LISTED
    return shown + (f"; and {more} more" if more > 0 else "")


def release_problems(documents):
    """Blocking sentences: hidden content without a recorded override."""
    return release_review(documents)[0]


def release_warnings(documents):
    """Non-blocking sentences: warnings, and leaks let through by an override."""
    return release_review(documents)[1]


def release_review(documents):
    """(blocking sentences, non-blocking sentences) for `documents`, read once."""
    candidates = _candidates(documents)
    findings = _findings_of(candidates)
    overrides = _overrides_of(candidates)
    problems, notes = [], []
    for document in candidates:
        leaks = [f for f in findings[document.pk] if _blocking(f)]
        warnings = [f for f in findings[document.pk] if not _blocking(f)]
        override = overrides.get(document.pk) if leaks else None
        if leaks and override is None:
            problems.append(
                f"“{document.title}” has hidden content: {_summary(leaks)}. Replace the file "
                "with a clean one, or a manager records why it may be published as it is "
                "(on the document’s page)."
            )
        if override is not None:
            notes.append(
                f"“{document.title}”: published despite hidden content, allowed by "
                f"{override.user} on {override.at:%d %b %Y}: {override.reason}"
            )
        if warnings:
            notes.append(f"“{document.title}”: {_summary(warnings)}.")
    return problems, notes
