"""The scanner in the editor: a clerk learns at upload what a file hides, sees it on the
document's page and in the meeting's rows; a manager records an override; a Word report
becomes a PDF with its original kept private."""

import os
import shutil

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from agenda.models import Document, DocumentSource, ScanOverride, Transition
from tests import factories as f
from tests.agenda import planted

pytestmark = pytest.mark.django_db

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@pytest.fixture
def libreoffice():
    """LibreOffice must be there in CI (Debian's libreoffice-writer-nogui); elsewhere the
    conversion tests skip without it."""
    if not shutil.which("soffice"):
        if os.environ.get("CI") == "true":
            pytest.fail("LibreOffice (soffice) is required in CI: libreoffice-writer-nogui")
        pytest.skip("LibreOffice (soffice) is not installed")


def upload(client, meeting, data, name, title="Allocations report"):
    return client.post(
        reverse("admin:agenda_document_add"),
        {
            "meeting": meeting.pk,
            "title": title,
            "kind": Document.Kind.REPORT,
            "position": 0,
            "file": SimpleUploadedFile(name, data),
        },
        follow=True,
    )


def page_text(response):
    return response.content.decode().replace("&#x27;", "'").replace("&quot;", '"')


def test_clerk_learns_at_upload_and_sees_findings_on_the_document_page(clerk_client):
    meeting = f.MeetingFactory()
    response = upload(clerk_client, meeting, planted.pdf_text_under_box(), "report.pdf")
    assert response.status_code == 200
    text = page_text(response)
    assert "“Allocations report” hides content that would be published" in text
    assert "Text is hidden under a filled box" in text
    assert "may not be accessible: untagged" in text

    document = Document.objects.get()
    page = page_text(clerk_client.get(reverse("admin:agenda_document_change", args=[document.pk])))
    assert "✘ blocks publication" in page
    assert "Text under a box or picture" in page and "page 1" in page
    assert "Redact it properly" in page
    assert "Publish it anyway: record a reason" in page

    rows = page_text(clerk_client.get(reverse("admin:agenda_meeting_change", args=[meeting.pk])))
    assert "✘ 1 hidden-content problem(s)" in rows


def test_a_clean_upload_says_nothing_is_hidden(clerk_client):
    meeting = f.MeetingFactory()
    upload(clerk_client, meeting, planted.clean_pdf(), "report.pdf")
    document = Document.objects.get()
    page = page_text(clerk_client.get(reverse("admin:agenda_document_change", args=[document.pk])))
    assert "Nothing hidden was found" in page


def test_manager_records_an_override_that_reaches_the_workflow_log(client, clerk, manager):
    meeting = f.MeetingFactory()
    client.force_login(clerk)
    upload(client, meeting, planted.pdf_hidden_layer(), "report.pdf")
    document = Document.objects.get()
    url = reverse("admin:agenda_document_scan_override", args=[document.pk])
    assert client.get(url).status_code == 403

    client.force_login(manager)
    form = client.get(url)
    assert "The layer “Officer notes” is switched off" in page_text(form)
    assert client.post(url, {"reason": " "}).status_code == 200  # the form again
    assert not ScanOverride.objects.exists()
    done = client.post(url, {"reason": "The notes are the council's public contact details."})
    assert done.status_code == 302
    override = ScanOverride.objects.get()
    assert override.user == manager and override.sha256 == document.sha256
    assert override.transition.kind == Transition.Kind.SCAN_OVERRIDE
    log = page_text(client.get(reverse("admin:agenda_meeting_change", args=[meeting.pk])))
    assert "Document published despite hidden-content findings by manager" in log
    assert "public contact details" in log


@pytest.mark.usefixtures("libreoffice")
def test_a_word_report_becomes_a_pdf_and_its_original_stays_private(clerk_client, client):
    meeting = f.MeetingFactory()
    response = upload(clerk_client, meeting, planted.docx_tracked_change_and_comment(), "r.docx")
    text = page_text(response)
    assert "was made into a PDF for publication; the original file is kept private" in text
    assert "tracked changes" in text
    document = Document.objects.get()
    assert document.content_type == "application/pdf"
    assert document.file.name.endswith(".pdf")
    document.file.open("rb")
    assert document.file.read(5) == b"%PDF-"
    document.file.close()
    source = DocumentSource.objects.get(document=document)
    assert source.status == DocumentSource.Status.CONVERTED
    assert source.content_type == DOCX and source.file.name.startswith("sources/")
    # Both the PDF and the Word original were scanned; the original's findings block.
    codes = {(s.subject, f.code) for s in document.scans.all() for f in s.findings.all()}
    assert ("source", "tracked_change") in codes and ("source", "comment") in codes

    f.publish(meeting)
    public = client.get(document.get_absolute_url())
    assert public.status_code == 200 and public["Content-Type"] == "application/pdf"
    assert b"PK\x03\x04" not in b"".join(public.streaming_content)[:4]


@pytest.mark.usefixtures("libreoffice")
def test_the_clerk_is_told_when_conversion_fails(clerk_client, settings):
    settings.CONVERSION_TIMEOUT_SECONDS = 0.01  # LibreOffice cannot start that fast
    meeting = f.MeetingFactory()
    response = upload(clerk_client, meeting, planted.clean_docx(), "r.docx")
    assert "The PDF could not be made: converting took longer than" in page_text(response)
    document = Document.objects.get()
    assert document.content_type == DOCX  # kept as uploaded; the release check refuses it
    source = DocumentSource.objects.get(document=document)
    assert source.status == DocumentSource.Status.FAILED
    page = page_text(clerk_client.get(reverse("admin:agenda_document_change", args=[document.pk])))
    assert "The PDF could not be made" in page
