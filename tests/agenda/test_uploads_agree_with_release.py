"""Upload and release hold a document to the same rule (`public_file_problems`): the same
files, refused at upload with the very sentence release would have stopped on."""

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from agenda.models import Document
from agenda.printing.simple_pdf import make_pdf
from agenda.publishing.checks import blocking_problems, publication_checks
from agenda.publishing.roles import SYSTEM
from tests import factories as f
from tests.agenda.test_uploads import DOCX_MAIN, JPEG_BYTES, XLSX_MAIN, odt_zip, office_zip

TITLE = "Budget report"
NOT_A_PDF = (
    f"“{TITLE}”: The file is not a PDF. Public documents are published as PDFs: save it as "
    "a PDF and upload that, or mark the document exempt."
)
# Files check_upload accepts (they are real documents) that release would not publish.
NOT_PUBLISHABLE = {
    "report.docx": office_zip(DOCX_MAIN),
    "figures.xlsx": office_zip(XLSX_MAIN),
    "report.odt": odt_zip(),
    "photo.jpg": JPEG_BYTES,
}
# Word and OpenDocument reports are accepted at upload to be made into PDFs
# (agenda.scanning.convert); only the others are refused there.
REFUSED_AT_UPLOAD = ["figures.xlsx", "photo.jpg"]


@pytest.fixture
def meeting(db):
    return f.MeetingFactory()


def upload(client, meeting, name, data, **extra):
    return client.post(
        reverse("admin:agenda_document_add"),
        {
            "meeting": meeting.pk,
            "title": TITLE,
            "kind": Document.Kind.REPORT,
            "position": 0,
            "file": SimpleUploadedFile(name, data, content_type="application/pdf"),
            **extra,
        },
    )


def release_problems(meeting):
    return blocking_problems(publication_checks(meeting, SYSTEM, "agenda"))


def page_text(response):
    return response.content.decode().replace("&#x27;", "'")


@pytest.mark.django_db
@pytest.mark.parametrize("name", list(NOT_PUBLISHABLE))
def test_release_refuses_a_public_file_that_is_not_a_pdf(meeting, name):
    # The bytes stored by another road (an import, an older upload, a failed conversion).
    data = NOT_PUBLISHABLE[name]
    f.DocumentFactory(meeting=meeting, item=None, title=TITLE, file=ContentFile(data, name=name))
    assert release_problems(meeting) == [NOT_A_PDF]


@pytest.mark.django_db
@pytest.mark.parametrize("name", REFUSED_AT_UPLOAD)
def test_a_file_release_would_refuse_is_refused_at_upload_with_the_same_reason(
    clerk_client, meeting, name
):
    data = NOT_PUBLISHABLE[name]
    # At upload: refused, the sentence on the form, nothing stored.
    response = upload(clerk_client, meeting, name, data)
    assert response.status_code == 200
    assert NOT_A_PDF in page_text(response)
    assert not Document.objects.exists()


@pytest.mark.django_db
def test_an_exempt_word_file_is_accepted_and_does_not_block_release(clerk_client, meeting):
    response = upload(
        clerk_client, meeting, "report.docx", NOT_PUBLISHABLE["report.docx"], is_exempt="on"
    )
    assert response.status_code == 302, page_text(response)[:2000]
    assert Document.objects.get().is_exempt
    assert release_problems(meeting) == []


@pytest.mark.django_db
def test_a_public_pdf_passes_at_upload_and_at_release(clerk_client, meeting):
    response = upload(clerk_client, meeting, "report.pdf", make_pdf(TITLE, ["A report."]))
    assert response.status_code == 302, page_text(response)[:2000]
    assert release_problems(meeting) == []


@pytest.mark.django_db
def test_making_a_stored_word_file_public_is_refused(clerk_client, meeting):
    upload(clerk_client, meeting, "report.docx", NOT_PUBLISHABLE["report.docx"], is_exempt="on")
    document = Document.objects.get()
    response = clerk_client.post(
        reverse("admin:agenda_document_change", args=[document.pk]),
        {
            "meeting": meeting.pk,
            "title": TITLE,
            "kind": Document.Kind.REPORT,
            "position": 0,
            "version": getattr(document, "version", 0),
        },
    )
    assert response.status_code == 200
    assert NOT_A_PDF in page_text(response)
    document.refresh_from_db()
    assert document.is_exempt


@pytest.mark.django_db
def test_a_word_file_on_an_exempt_item_is_accepted(clerk_client, meeting):
    item = f.AgendaItemFactory(meeting=meeting, is_exempt=True, exempt_paragraph=3)
    response = upload(
        clerk_client, meeting, "report.docx", NOT_PUBLISHABLE["report.docx"], item=item.pk
    )
    assert response.status_code == 302, page_text(response)[:2000]


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["report.docx", "report.odt"])
def test_a_word_or_opendocument_report_is_accepted_to_be_converted(clerk_client, meeting, name):
    # These bare test files are no real report, so the conversion fails: the clerk is told,
    # the file stays as uploaded, and release refuses it with the same sentence.
    response = upload(clerk_client, meeting, name, NOT_PUBLISHABLE[name])
    assert response.status_code == 302, page_text(response)[:2000]
    document = Document.objects.get()
    assert document.source.status in (
        document.source.Status.FAILED,
        document.source.Status.CONVERTED,
    )
    if document.source.status == document.source.Status.FAILED:
        assert release_problems(meeting) == [NOT_A_PDF]
