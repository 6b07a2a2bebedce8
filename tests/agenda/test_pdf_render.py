"""The three printed documents, rendered once per module from one planted meeting."""

import io

import pytest
from pypdf import PdfReader

from agenda.printing.content import PrintSource
from agenda.printing.documents import render_frontsheet, render_minutes
from agenda.printing.pack import build_pack
from tests import factories as f
from tests.agenda.pdf_helpers import EXEMPT_MARKER, build_meeting, flat, pdfinfo, text_of

ITEM_TITLES = [
    "Apologies for absence",
    "Child exploitation update",
    "Budget monitoring",
    "Contract award for transport",
]


_RENDERED = {}


@pytest.fixture
def printed(db, settings):
    """Render once per module: the first test to ask builds the meeting (in its own rolled
    back transaction) and keeps only the PDF bytes for the others."""
    if not _RENDERED:
        meeting = build_meeting()
        f.publish(meeting, minutes=True)
        source = PrintSource(meeting)
        _RENDERED["frontsheet"] = render_frontsheet(source)
        _RENDERED["pack"] = build_pack(source, title="Public reports pack: test")
        _RENDERED["draft_minutes"] = render_minutes(source)
        earlier = f.MeetingFactory(committee=meeting.committee)
        meeting.minutes_status = meeting.MinutesStatus.APPROVED
        meeting.minutes_approved_by_meeting = earlier
        meeting.save()
        _RENDERED["approved_minutes"] = render_minutes(PrintSource(meeting))
        _RENDERED["preview"] = render_minutes(PrintSource(meeting, preview=True))
    return _RENDERED


def _in_order(text, titles):
    positions = [text.find(title) for title in titles]
    return all(p >= 0 for p in positions) and positions == sorted(positions)


def test_frontsheet_lists_every_public_item_in_order(printed):
    text = flat(text_of(printed["frontsheet"].content))
    assert _in_order(text, ITEM_TITLES)
    assert "Test Borough Council" in text
    assert "Document E" in text and "Recommended –" in text
    assert "Carla Chair (Chair)" in text and "Olive Officer" in text
    assert "Page 1 of" in text and "Children's Services Committee –" in text


def test_exempt_item_shows_only_title_and_paragraph_after_exclusion(printed):
    for key in ("frontsheet", "draft_minutes", "approved_minutes", "preview"):
        text = flat(text_of(printed[key].content))
        assert EXEMPT_MARKER not in text, key
        assert "Not for publication – Schedule 12A paragraph 3" in text
        exclusion = text.find("public be excluded")
        assert 0 <= exclusion < text.find("4. Contract award")
        assert "paragraph 3 of Part 1 of Schedule 12A of the Local Government Act 1972" in text
    assert EXEMPT_MARKER not in flat(text_of(printed["pack"].content))


def test_pack_merges_frontsheet_and_readable_reports(printed):
    pack = printed["pack"]
    reader = PdfReader(io.BytesIO(pack.content))
    assert len(reader.pages) == pack.frontsheet_pages + 3 + 2
    text = flat(text_of(pack.content))
    assert text.find("Exploitation report") < text.find("Budget report")
    total = len(reader.pages)
    last = flat(reader.pages[-1].extract_text())
    assert f"Page {total} of {total}" in last
    assert f"Page {pack.frontsheet_pages + 1} of {total}" in flat(
        reader.pages[pack.frontsheet_pages].extract_text()
    )


def test_pack_contents_has_page_numbers_and_names_problems(printed):
    pack = printed["pack"]
    assert sorted(title for title, _why in pack.problems) == ["Broken appendix", "Locked appendix"]
    assert "encrypted" in dict(pack.problems)["Locked appendix"]
    text = flat(text_of(pack.content))
    assert f"Exploitation report {pack.frontsheet_pages + 1}" in text
    assert f"Budget report {pack.frontsheet_pages + 4}" in text
    assert "Broken appendix – could not be included" in text
    assert "Locked appendix – could not be included" in text


def test_pack_has_bookmarks_per_item(printed):
    reader = PdfReader(io.BytesIO(printed["pack"].content))
    titles = []

    def walk(entries):
        for entry in entries:
            if isinstance(entry, list):
                walk(entry)
            else:
                titles.append(entry.title)

    walk(reader.outline)
    assert "2. Child exploitation update" in titles
    assert "3. Budget monitoring" in titles
    assert "Exploitation report" in titles and "Budget report" in titles


def test_minutes_print_narrative_resolutions_attendance_and_declarations(printed):
    text = flat(text_of(printed["approved_minutes"].content))
    assert _in_order(text, ITEM_TITLES)
    assert "The committee discussed the exploitation strategy." in text
    assert _in_order(text, [f"({n}) Resolution number {n} agreed." for n in (1, 2, 3)])
    assert "ACTION: Chief Executive" in text
    assert _in_order(text, ["Present", "Cllr Carla Chair", "Apologies", "Cllr Mo Member"])
    assert "In attendance Olive Officer, Head of Democratic Services" in text
    assert "Governor of a local school." in text
    assert "Approved as a correct record at the meeting of Children's Services Committee" in text
    assert "Chair" in text and "Date" in text


def test_draft_watermark_until_approved(printed):
    assert "DRAFT – subject to approval" in text_of(printed["draft_minutes"].content)
    assert "DRAFT" not in text_of(printed["approved_minutes"].content)
    assert "subject to approval as a correct record" in flat(
        text_of(printed["draft_minutes"].content)
    )


def test_preview_is_marked(printed):
    assert "PREVIEW – not published" in text_of(printed["preview"].content)


@pytest.mark.parametrize("key", ["frontsheet", "draft_minutes"])
def test_tagged_pdf_ua_with_title_language_and_no_people_in_metadata(printed, key, tmp_path):
    content = printed[key].content
    reader = PdfReader(io.BytesIO(content))
    info = {k: str(v) for k, v in reader.metadata.items()}
    assert "/Author" not in info
    assert info["/Subject"] == "Test Borough Council"
    assert info["/Producer"] == "Minutebook" and info["/Creator"] == "Minutebook"
    assert "Children's Services Committee" in info["/Title"]
    assert str(reader.trailer["/Root"]["/Lang"]) == "en-GB"
    assert "/StructTreeRoot" in reader.trailer["/Root"]
    for name in ("Carla", "Olive", "Mo Member"):
        assert name not in " ".join(info.values())
    report = pdfinfo(content, tmp_path)
    if report is None:
        pytest.skip("pdfinfo is not installed")
    assert "Tagged:          yes" in report


def test_pack_keeps_tagging_of_its_frontsheet(printed, tmp_path):
    report = pdfinfo(printed["pack"].content, tmp_path)
    if report is None:
        pytest.skip("pdfinfo is not installed")
    assert "Tagged:          yes" in report
    assert "Title:           Public reports pack: test" in report
