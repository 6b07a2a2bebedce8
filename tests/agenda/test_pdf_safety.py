"""PDF inspection finds active content wherever it hides; stripping removes metadata."""

import io

from pypdf import PdfReader, PdfWriter
from pypdf.generic import DictionaryObject, NameObject, TextStringObject

from agenda.printing.simple_pdf import make_pdf
from agenda.publishing.pdf_safety import inspect_pdf, strip_metadata


def hostile_pdf():
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(make_pdf("Report", ["Text"]))))
    writer.add_metadata({"/Author": "Jane Clerk", "/Title": "Report"})
    writer._root_object[NameObject("/OpenAction")] = DictionaryObject(
        {NameObject("/S"): NameObject("/JavaScript"), NameObject("/JS"): TextStringObject("1")}
    )
    writer.add_attachment("payload.txt", b"secret")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def test_clean_pdf_passes():
    result = inspect_pdf(make_pdf("Report", ["Text"], pages=2))
    assert result.ok
    assert result.pages == 2


def test_javascript_and_attachments_are_found():
    result = inspect_pdf(hostile_pdf())
    assert not result.ok
    assert "The PDF contains JavaScript, which is not allowed." in result.problems
    assert "The PDF contains embedded files, which is not allowed." in result.problems


def test_not_a_pdf_and_damaged_pdf_are_explained():
    assert inspect_pdf(b"<html><script>1</script>").problems == [
        "The file is not a PDF (its content does not start like one)."
    ]
    assert inspect_pdf(b"%PDF-1.7\nnothing else").problems == [
        "The PDF is damaged or incomplete and cannot be read."
    ]
    assert not inspect_pdf(b"junk%PDF-1.4").is_pdf


def test_strip_metadata_keeps_only_title_and_removes_active_parts():
    clean = strip_metadata(hostile_pdf())
    metadata = PdfReader(io.BytesIO(clean)).metadata
    assert dict(metadata) == {"/Title": "Report"}
    assert inspect_pdf(clean).ok
