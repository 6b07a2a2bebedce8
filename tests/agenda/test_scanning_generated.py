"""Minutebook's own printed PDFs (WeasyPrint, tagged PDF/UA) pass every accessibility
check and hide nothing; a report LibreOffice converts for us is tagged too."""

import pytest

from agenda.printing.content import PrintSource
from agenda.printing.documents import render_frontsheet, render_minutes
from agenda.printing.pack import build_pack
from agenda.scanning.convert import convert_to_pdf
from agenda.scanning.scan import scan_bytes
from tests import factories as f
from tests.agenda import planted
from tests.agenda.pdf_helpers import build_meeting
from tests.agenda.test_scanning_admin import libreoffice  # noqa: F401  (fixture)

pytestmark = pytest.mark.django_db

_RENDERED = {}


@pytest.fixture
def printed():
    if not _RENDERED:
        meeting = build_meeting()
        f.publish(meeting, minutes=True)
        source = PrintSource(meeting)
        _RENDERED["agenda frontsheet"] = render_frontsheet(source).content
        _RENDERED["reports pack"] = build_pack(source, title="Public reports pack: test").content
        _RENDERED["minutes"] = render_minutes(source).content
    return _RENDERED


@pytest.mark.parametrize("kind", ["agenda frontsheet", "reports pack", "minutes"])
def test_generated_pdfs_pass_every_check_with_no_finding(printed, kind):
    report = scan_bytes(printed[kind], "application/pdf")
    checks = report.accessibility
    assert checks.is_tagged, kind
    assert checks.has_title, kind
    assert checks.has_language, kind
    assert checks.has_text, kind
    assert checks.images_without_alt == 0, kind
    assert checks.passed
    assert report.findings == [], [(x.code, x.where, x.message) for x in report.findings]


@pytest.mark.usefixtures("libreoffice")
@pytest.mark.parametrize(
    ("make", "extension"), [(planted.clean_docx, ".docx"), (planted.clean_odt, ".odt")]
)
def test_a_converted_report_is_tagged_with_a_language_and_hides_nothing(make, extension):
    report = scan_bytes(convert_to_pdf(make(), extension), "application/pdf")
    checks = report.accessibility
    assert checks.is_tagged and checks.has_language and checks.has_text
    assert checks.images_without_alt == 0
    # No title in these files: the release writes the document's title into the copy.
    assert report.findings == [], [(x.code, x.message) for x in report.findings]
