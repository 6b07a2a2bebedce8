"""Tasks of the scanning room, run by the worker: converting a Word or OpenDocument report
with LibreOffice and scanning big files take seconds, so they leave the upload request."""

from django_tasks import task


@task()
def process_upload_in_worker(document_id):
    """Convert (if needed) and scan a saved upload; the document's page shows the result."""
    from agenda.scanning.intake import process_upload

    outcome = process_upload(document_id)
    return {
        "converted": outcome.converted,
        "conversion_error": outcome.conversion_error,
        "leaks": len(outcome.leaks),
        "warnings": len(outcome.warnings),
    }
