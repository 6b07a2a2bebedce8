"""Word reports are converted, and big files scanned, by the task worker: the upload
returns at once, the clerk is told where the result will be, and the worker's result is
the same as a scan in the request."""

import pytest
from django_tasks_db.models import DBTaskResult

from agenda.models import Document, DocumentScan, DocumentSource
from tests import factories as f
from tests.agenda import planted
from tests.agenda.publishing.test_worker import DATABASE_QUEUE, run_db_worker
from tests.agenda.test_scanning_admin import libreoffice, page_text, upload  # noqa: F401

pytestmark = pytest.mark.django_db


def upload_committed(client, capture, *args):
    with capture(execute=True):
        return upload(client, *args)


@pytest.mark.usefixtures("libreoffice")
def test_a_word_report_is_converted_by_the_worker(
    settings, clerk_client, django_capture_on_commit_callbacks
):
    settings.TASKS = DATABASE_QUEUE
    meeting = f.MeetingFactory()
    response = upload_committed(
        clerk_client, django_capture_on_commit_callbacks, meeting, planted.clean_docx(), "r.docx"
    )
    text = page_text(response)
    assert "is being checked for hidden content and made into a PDF by the task worker" in text
    document = Document.objects.get()
    assert document.extension == "docx" and not document.scans.exists()
    queued = DBTaskResult.objects.get()
    assert queued.task_path == "agenda.scanning.tasks.process_upload_in_worker"

    run_db_worker()

    document.refresh_from_db()
    assert document.content_type == "application/pdf"
    assert DocumentSource.objects.get(document=document).status == DocumentSource.Status.CONVERTED
    assert DocumentScan.objects.current().filter(document=document).exists()
    assert DBTaskResult.objects.get().status == "SUCCESSFUL"


def test_a_big_pdf_is_scanned_by_the_worker_and_its_leak_found(
    settings, clerk_client, django_capture_on_commit_callbacks
):
    settings.TASKS = DATABASE_QUEUE
    settings.SCAN_IN_BACKGROUND_BYTES = 100  # every PDF counts as big
    meeting = f.MeetingFactory()
    response = upload_committed(
        clerk_client,
        django_capture_on_commit_callbacks,
        meeting,
        planted.pdf_text_under_box(),
        "report.pdf",
    )
    assert "by the task worker" in page_text(response)
    assert "hides content" not in page_text(response)
    document = Document.objects.get()

    run_db_worker()

    codes = {finding.code for scan in document.scans.all() for finding in scan.findings.all()}
    assert codes == {"covered_text"}


def test_small_pdfs_are_still_checked_in_the_request(clerk_client):
    meeting = f.MeetingFactory()
    response = upload(clerk_client, meeting, planted.pdf_text_under_box(), "report.pdf")
    assert "hides content that would be published" in page_text(response)
