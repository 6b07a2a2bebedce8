"""Scan a stored document and keep the result: one DocumentScan per version of a file
(its SHA-256), with its findings. Scanning a version already scanned by this scanner
version costs one query.

`scan_document(document_id)` is the entry point a background task calls for a big file;
for now the editor calls it synchronously when a file is uploaded, and the release
checklist calls it for any document not yet scanned.
"""

import time

from django.db import transaction

from agenda.models import Document, DocumentScan, DocumentSource, ScanFinding
from agenda.scanning.findings import SCANNER_VERSION
from agenda.scanning.scan import scan_bytes, scannable

Subject = DocumentScan.Subject


def _read(field_file):
    field_file.open("rb")
    try:
        return field_file.read()
    finally:
        field_file.close()


def _source_of(document):
    try:
        return document.source
    except DocumentSource.DoesNotExist:
        return None


def _title_given_at_release(document):
    # The release step writes the document's title into the copy it publishes
    # (agenda.publishing.release, strip_metadata); imported documents are published as they came.
    return bool(document.title.strip()) and not document.external_id and not document.is_generated


def _accessibility_fields(document, report):
    checks = report.accessibility
    if checks is None:
        return {
            "accessibility_status": DocumentScan.Status.NOT_APPLICABLE,
            "is_tagged": None,
            "has_title": None,
            "has_language": None,
            "has_text": None,
            "images_without_alt": None,
        }
    has_title = checks.has_title or _title_given_at_release(document)
    passed = has_title and _other_checks_pass(checks)
    return {
        "accessibility_status": (
            DocumentScan.Status.PASSED if passed else DocumentScan.Status.FAILED
        ),
        "is_tagged": checks.is_tagged,
        "has_title": has_title,
        "has_language": checks.has_language,
        "has_text": checks.has_text,
        "images_without_alt": checks.images_without_alt,
    }


def _other_checks_pass(checks):
    return (
        checks.is_tagged
        and checks.has_language
        and checks.has_text
        and not checks.images_without_alt
    )


def _scan(document, subject, field_file, content_type, sha256, *, private, force):
    if not sha256 or not field_file or not scannable(content_type):
        return None
    existing = DocumentScan.objects.filter(
        document=document, subject=subject, sha256=sha256
    ).first()
    if existing is not None and existing.scanner_version == SCANNER_VERSION and not force:
        return existing
    try:
        data = _read(field_file)
    except OSError:
        return None  # a missing file is the release check's to report
    started = time.perf_counter()
    report = scan_bytes(data, content_type, private=private)
    elapsed = time.perf_counter() - started
    with transaction.atomic():
        scan, _ = DocumentScan.objects.update_or_create(
            document=document,
            subject=subject,
            sha256=sha256,
            defaults={
                "content_type": content_type,
                "scanner_version": SCANNER_VERSION,
                "leak_count": len(report.leaks),
                "warning_count": len(report.warnings),
                "pages": report.pages,
                "seconds": round(elapsed, 3),
                **_accessibility_fields(document, report),
            },
        )
        scan.findings.all().delete()
        ScanFinding.objects.bulk_create(
            ScanFinding(
                scan=scan,
                position=position,
                kind=finding.kind,
                code=finding.code,
                where=finding.where[:200],
                message=finding.message,
                advice=finding.advice,
            )
            for position, finding in enumerate(report.findings)
        )
    return scan


def scan_document(document_id, *, force=False):
    """Scan a document's present file, and its Word/OpenDocument original if it has one.
    Returns the scans (already-stored ones when this version was scanned before)."""
    document = Document.objects.select_related("source").get(pk=document_id)
    scans = [
        _scan(
            document,
            Subject.FILE,
            document.file,
            document.content_type,
            document.sha256,
            private=False,
            force=force,
        )
    ]
    source = _source_of(document)
    if source is not None:
        scans.append(
            _scan(
                document,
                Subject.SOURCE,
                source.file,
                source.content_type,
                source.sha256,
                private=True,
                force=force,
            )
        )
    return [scan for scan in scans if scan is not None]


def current_findings(document):
    """The findings on a document's present file and original, leaks first."""
    return list(
        ScanFinding.objects.filter(
            scan__in=DocumentScan.objects.current().filter(document=document)
        )
        .select_related("scan")
        .order_by("kind", "scan__subject", "position")
    )
