"""What happens to a newly uploaded file: a Word or OpenDocument report is made into a
PDF (the original kept private), then everything is scanned and the result kept.

`process_upload(document_id)` is the one entry point, a plain function. The editor calls
`check_upload(document)`: a Word or OpenDocument report (converted by LibreOffice) and a
file over `SCAN_IN_BACKGROUND_MB` go to the worker (`tasks.process_upload_in_worker`,
queued with the upload's transaction); anything else is checked at once, so the clerk is
told straight away. Until its scan exists a document cannot be released (release.py scans
at release; an unconverted Word file is refused by the release's file rule)."""

from dataclasses import dataclass, field

from django.conf import settings
from django.db import transaction

from agenda.scanning.convert import convert_document
from agenda.scanning.record import scan_document


@dataclass
class UploadOutcome:
    """What the clerk is told: conversion trouble, hidden content, warnings."""

    converted: bool = False
    conversion_error: str = ""
    leaks: list = field(default_factory=list)  # ScanFinding rows
    warnings: list = field(default_factory=list)
    accessibility_problems: list = field(default_factory=list)


CONVERTED_EXTENSIONS = {"docx", "odt"}


def goes_to_worker(document):
    """Whether this upload is converted and scanned by the worker, not in the request."""
    from django_tasks.backends.immediate import ImmediateBackend

    from agenda.scanning.tasks import process_upload_in_worker

    if isinstance(process_upload_in_worker.get_backend(), ImmediateBackend):
        return False  # no worker (tests, PUBLISH_IN_BACKGROUND-less setups): at once
    try:
        size = document.file.size
    except (OSError, ValueError):
        size = 0
    limit = getattr(settings, "SCAN_IN_BACKGROUND_BYTES", 10 * 1024 * 1024)
    return document.extension in CONVERTED_EXTENSIONS or size > limit


def check_upload(document):
    """Convert and scan a new upload: the UploadOutcome now, or None if the worker does
    it (queued when the upload's transaction commits)."""
    if goes_to_worker(document):
        from agenda.scanning.tasks import process_upload_in_worker

        document_id = document.pk
        transaction.on_commit(lambda: process_upload_in_worker.enqueue(document_id))
        return None
    return process_upload(document.pk)


def process_upload(document_id):
    outcome = UploadOutcome()
    source = convert_document(document_id)
    if source is not None:
        outcome.converted = source.status == source.Status.CONVERTED
        outcome.conversion_error = source.error
    for scan in scan_document(document_id):
        for finding in scan.findings.all():
            (outcome.leaks if finding.kind == finding.Kind.LEAK else outcome.warnings).append(
                finding
            )
        if scan.subject == scan.Subject.FILE:
            outcome.accessibility_problems = scan.accessibility_problems
    return outcome
