"""Each planted leak is caught and named (what, where); the clean files pass with no
finding at all."""

import pytest

from agenda.models import FindingCode as Code
from agenda.models import FindingKind as Kind
from agenda.scanning.scan import scan_bytes
from tests.agenda import planted

PDF = "application/pdf"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
ODT = "application/vnd.oasis.opendocument.text"


def found(report):
    return {(f.kind, f.code, f.where) for f in report.findings}


@pytest.mark.parametrize(
    ("make", "content_type"),
    [
        (planted.clean_pdf, PDF),
        (planted.clean_docx, DOCX),
        (planted.clean_xlsx, XLSX),
        (planted.clean_odt, ODT),
    ],
)
def test_clean_files_pass_with_no_finding(make, content_type):
    assert scan_bytes(make(), content_type).findings == []


def test_text_under_a_black_box_is_caught_with_its_page_and_words():
    report = scan_bytes(planted.pdf_text_under_box(), PDF)
    assert found(report) == {(Kind.LEAK, Code.COVERED_TEXT, "page 1")}
    (finding,) = report.findings
    assert planted.SECRET in finding.message
    assert "redact" in finding.advice.lower()


def test_text_under_a_pasted_black_picture_is_caught():
    report = scan_bytes(planted.pdf_text_under_image(), PDF)
    assert (Kind.LEAK, Code.COVERED_TEXT, "page 1") in found(report)


def test_a_hidden_layer_is_caught_and_named():
    report = scan_bytes(planted.pdf_hidden_layer(), PDF)
    assert found(report) == {(Kind.LEAK, Code.HIDDEN_LAYER, "page 1")}
    assert "Officer notes" in report.findings[0].message


def test_an_earlier_revision_holding_removed_text_is_caught():
    report = scan_bytes(planted.pdf_earlier_revision(), PDF)
    assert found(report) == {(Kind.LEAK, Code.EARLIER_REVISION, "page 1")}
    assert "Agatha" in report.findings[0].message


def test_white_tiny_and_off_page_text_are_each_caught():
    codes = {f.code for f in scan_bytes(planted.pdf_white_tiny_and_offpage_text(), PDF).leaks}
    assert codes == {Code.WHITE_TEXT, Code.TINY_TEXT, Code.OFFPAGE_TEXT}


def test_comment_hidden_form_value_attachment_and_author_are_caught():
    report = scan_bytes(planted.pdf_with_comment_form_and_attachment(), PDF)
    assert {(f.kind, f.code) for f in report.findings} == {
        (Kind.LEAK, Code.ANNOTATION),
        (Kind.LEAK, Code.FORM_VALUE),
        (Kind.LEAK, Code.EMBEDDED_FILE),
        (Kind.WARNING, Code.METADATA),
    }
    by_code = {f.code: f for f in report.findings}
    assert "J. Officer" in by_code[Code.ANNOTATION].message
    assert "tenants.csv" in by_code[Code.EMBEDDED_FILE].message
    assert by_code[Code.ANNOTATION].where == "page 1"


def test_docx_tracked_change_and_comment_are_caught_and_named():
    report = scan_bytes(planted.docx_tracked_change_and_comment(), DOCX)
    codes = {f.code: f for f in report.leaks}
    assert set(codes) == {Code.TRACKED_CHANGE, Code.COMMENT}
    assert planted.SECRET in codes[Code.TRACKED_CHANGE].message
    assert codes[Code.TRACKED_CHANGE].where.startswith("the main text, near “The tenant")
    assert "J. Officer" in codes[Code.COMMENT].message
    assert "Accept" in codes[Code.TRACKED_CHANGE].advice


def test_docx_hidden_text_is_caught():
    report = scan_bytes(planted.docx_hidden_text(), DOCX)
    assert [(f.code, f.where) for f in report.findings] == [(Code.HIDDEN_TEXT, "the main text")]


def test_xlsx_very_hidden_sheet_is_caught_and_named():
    report = scan_bytes(planted.xlsx_very_hidden_sheet(), XLSX)
    assert found(report) == {(Kind.LEAK, Code.VERY_HIDDEN_SHEET, "sheet “Tenants”")}
    assert "4 filled cell" in report.findings[0].message


def test_xlsx_hidden_rows_columns_sheet_and_comment_are_caught():
    report = scan_bytes(planted.xlsx_hidden_rows_columns_and_comment(), XLSX)
    assert found(report) == {
        (Kind.LEAK, Code.HIDDEN_ROWS, "sheet “Allocations”"),
        (Kind.LEAK, Code.HIDDEN_COLUMNS, "sheet “Allocations”"),
        (Kind.LEAK, Code.COMMENT, "sheet “Allocations”"),
        (Kind.LEAK, Code.HIDDEN_SHEET, "sheet “Working”"),
    }
    messages = " ".join(f.message for f in report.findings)
    assert "Row 3" in messages and "Column D" in messages


def test_odt_tracked_change_and_comment_are_caught():
    report = scan_bytes(planted.odt_tracked_change_and_comment(), ODT)
    assert {f.code for f in report.leaks} == {Code.TRACKED_CHANGE, Code.COMMENT}


@pytest.mark.parametrize("content_type", [PDF, DOCX, XLSX, ODT])
def test_damaged_files_say_they_cannot_be_checked(content_type):
    report = scan_bytes(
        b"%PDF-1.4 nonsense" if content_type == PDF else b"PK\x03\x04junk", content_type
    )
    assert [(f.kind, f.code) for f in report.findings] == [(Kind.LEAK, Code.UNREADABLE)]


def test_an_untagged_pdf_fails_the_accessibility_checks_and_names_them():
    checks = scan_bytes(planted.clean_pdf(), PDF).accessibility
    assert checks.is_tagged is False and checks.has_language is False
    assert checks.has_title is True and checks.has_text is True
    assert not checks.passed


def test_scanned_pages_have_no_real_text():
    report = scan_bytes(planted.pdf_scanned_pages(), PDF)
    assert report.findings == []
    checks = report.accessibility
    assert checks.has_text is False and checks.scanned_pages == [1, 2]
    assert checks.images_without_alt == 2


def test_a_tagged_figure_without_alternative_text_is_counted():
    from agenda.printing.render import render_html

    pixel = (
        "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAA"
        "YAAjCB0C8AAAAASUVORK5CYII="
    )
    html = (
        '<html lang="en-GB"><head><title>Chart report</title></head><body><p>Text.</p>'
        f'<img src="{pixel}" width="40"><img src="{pixel}" alt="Homes by ward" width="40">'
        "</body></html>"
    )
    checks = scan_bytes(render_html(html).content, PDF).accessibility
    assert checks.is_tagged and checks.has_title and checks.has_language
    assert checks.images_without_alt == 1
    assert not checks.passed
