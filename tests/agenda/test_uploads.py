"""Uploads are checked by content; each refused kind gets a sentence a clerk understands."""

import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from pypdf import PdfReader, PdfWriter
from pypdf.generic import DictionaryObject, NameObject, TextStringObject

from agenda.models import Document
from agenda.printing.simple_pdf import make_pdf
from agenda.publishing.uploads import (
    DOCX,
    IMAGE_TYPES,
    JPEG,
    ODT,
    PDF,
    PNG,
    XLSX,
    check_bytes,
    clean_filename,
)
from tests.factories import MeetingFactory

PNG_BYTES = b"\x89PNG\r\n\x1a\n" + b"\0" * 64
JPEG_BYTES = b"\xff\xd8\xff\xe0" + b"\0" * 64


def office_zip(main_type, *, extra=None):
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0"?><Types>'
            f'<Override PartName="/main.xml" ContentType="{main_type}"/></Types>',
        )
        archive.writestr("main.xml", "<document/>")
        for name, data in (extra or {}).items():
            archive.writestr(name, data)
    return out.getvalue()


def odt_zip(mimetype=ODT):
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("mimetype", mimetype, compress_type=zipfile.ZIP_STORED)
        archive.writestr("content.xml", "<office:document-content/>")
    return out.getvalue()


def pdf_with_javascript():
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(make_pdf("Report", ["Text"]))))
    writer._root_object[NameObject("/OpenAction")] = DictionaryObject(
        {NameObject("/S"): NameObject("/JavaScript"), NameObject("/JS"): TextStringObject("1")}
    )
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


DOCX_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
XLSX_MAIN = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (make_pdf("Report", ["Text"]), PDF),
        (office_zip(DOCX_MAIN), DOCX),
        (office_zip(XLSX_MAIN), XLSX),
        (odt_zip(), ODT),
        (PNG_BYTES, PNG),
        (JPEG_BYTES, JPEG),
    ],
)
def test_accepted_types_are_detected_by_content(data, expected):
    checked = check_bytes(data, "whatever.bin")
    assert checked.content_type == expected
    assert checked.filename.startswith("whatever.")


def zip_appended_to(data):
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        # No markup in it, so only the trailing-archive check can catch it.
        archive.writestr("payload.bin", b"\x00" * 200, compress_type=zipfile.ZIP_DEFLATED)
    return data + out.getvalue()


REFUSED = {
    "html renamed pdf": (b"<!DOCTYPE html><html><body>hi</body></html>", "web page (HTML)"),
    "html after junk": (b"\n\n  <HTML><script>x()</script>", "web page (HTML)"),
    "svg with script": (
        b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"><script>x()</script></svg>',
        "SVG images can contain scripts",
    ),
    "pdf with javascript": (
        pdf_with_javascript(),
        "The PDF contains JavaScript, which is not allowed.",
    ),
    "pdf + zip polyglot": (
        zip_appended_to(make_pdf("R", ["T"])),
        "another file hidden after its end",
    ),
    "pdf with html head": (b"%PDF-1.4\n<html><script>x()</script>\n%%EOF", "web page (HTML)"),
    "png + zip polyglot": (zip_appended_to(PNG_BYTES), "another file hidden inside it"),
    "macro word file": (
        office_zip("application/vnd.ms-word.document.macroEnabled.main+xml"),
        "contains macros",
    ),
    "plain zip": (zip_appended_to(b""), "This is an archive, not a document"),
    "opendocument spreadsheet": (
        odt_zip("application/vnd.oasis.opendocument.spreadsheet"),
        "Only OpenDocument text",
    ),
    "shell script": (b"#!/bin/sh\nrm -rf /\n", "Programs and scripts cannot be uploaded"),
    "windows program": (b"MZ\x90\x00" + b"\0" * 60, "Programs and scripts cannot be uploaded"),
    "unknown": (b"just some text\n", "This type of file cannot be uploaded"),
    "empty": (b"", "The file is empty"),
}


@pytest.mark.parametrize("kind", REFUSED)
def test_refused_kinds_are_explained(kind):
    data, message = REFUSED[kind]
    with pytest.raises(ValidationError) as caught:
        check_bytes(data, "report.pdf")
    assert message in " ".join(caught.value.messages)


def test_oversize_is_refused_with_the_limit(settings):
    settings.UPLOAD_MAX_BYTES = 1024 * 1024
    with pytest.raises(ValidationError) as caught:
        check_bytes(make_pdf("R", ["T"]) + b" " * (1024 * 1024), "big.pdf")
    assert "the largest file that can be uploaded is 1 MB" in caught.value.messages[0]


def test_photos_only_where_images_are_asked_for():
    assert check_bytes(PNG_BYTES, "p.png", allowed=IMAGE_TYPES).content_type == PNG
    with pytest.raises(ValidationError, match="Only PNG and JPEG"):
        check_bytes(make_pdf("R", ["T"]), "p.pdf", allowed=IMAGE_TYPES)


@pytest.mark.parametrize(
    ("name", "extension", "expected"),
    [
        ("../../etc/passwd", None, "passwd"),
        ("C:\\Users\\clerk\\Report; rm -rf.docx", ".docx", "Report rm -rf.docx"),
        ("  .hidden.pdf", ".pdf", "hidden.pdf"),
        ("Budget\x00\x1b[31m 2026 <final>.pdf", ".pdf", "Budget[31m 2026 final.pdf"),
        ("report.exe", ".pdf", "report.pdf"),
        ("", ".pdf", "document.pdf"),
        ("a" * 400 + ".pdf", ".pdf", "a" * 146 + ".pdf"),
    ],
)
def test_file_names_are_cleaned(name, extension, expected):
    assert clean_filename(name, extension=extension) == expected


# Through the editor: the clerk sees the message on the form and nothing is stored.


@pytest.fixture
def meeting(db):
    return MeetingFactory()


def post_document(client, meeting, data, name):
    return client.post(
        reverse("admin:agenda_document_add"),
        {
            "meeting": meeting.pk,
            "title": "Budget report",
            "kind": Document.Kind.REPORT,
            "position": 0,
            "file": SimpleUploadedFile(name, data, content_type="application/pdf"),
        },
    )


@pytest.mark.django_db
@pytest.mark.parametrize(
    "kind",
    ["html renamed pdf", "svg with script", "pdf with javascript", "pdf + zip polyglot", "unknown"],
)
def test_editor_refuses_with_message_and_stores_nothing(clerk_client, meeting, kind):
    data, message = REFUSED[kind]
    response = post_document(clerk_client, meeting, data, "report.pdf")
    assert response.status_code == 200
    assert message in response.content.decode().replace("&#x27;", "'")
    assert not Document.objects.exists()


@pytest.mark.django_db
def test_editor_refuses_oversize(clerk_client, meeting, settings):
    settings.UPLOAD_MAX_BYTES = 2048
    response = post_document(
        clerk_client, meeting, make_pdf("R", ["T"] * 50) + b" " * 4096, "r.pdf"
    )
    assert "the largest file that can be uploaded is" in response.content.decode()
    assert not Document.objects.exists()


@pytest.mark.django_db
def test_editor_records_detected_type_not_browser_claim(clerk_client, meeting):
    response = post_document(clerk_client, meeting, office_zip(DOCX_MAIN), "../Budget <v2>.pdf")
    assert response.status_code == 302, response.content.decode()[:3000]
    document = Document.objects.get()
    assert document.content_type == DOCX
    assert document.original_filename == "Budget v2.docx"
    assert document.file.name.endswith(".docx")
    assert "Budget" not in document.file.name  # stored under a random name
    assert document.size > 0 and len(document.sha256) == 64
