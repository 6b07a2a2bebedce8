"""What happens to a newly uploaded file: a Word or OpenDocument report is made into a
PDF (the original kept private), then everything is scanned and the result kept.

`process_upload(document_id)` is the one entry point, a plain function: the editor calls
it synchronously after saving an upload; a background task can call it instead for big
files (enqueue it after the upload's transaction commits)."""

from dataclasses import dataclass, field

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
