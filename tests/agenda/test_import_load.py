"""Importing ModernGov sources into the models: every part lands, twice changes nothing,
bad files are refused whole, and the public page shows what was imported."""

import datetime

import pytest
from django.core.management import CommandError, call_command

from agenda.importers.load import import_file, import_paths
from agenda.models import AgendaItem, Attendance, Document, Meeting
from committees.models import Person, ScrutinyArea
from tests.agenda.import_helpers import FIXTURES, SEED_ITEM, counts, fixture
from tests.agenda.pdf_helpers import flat, text_of
from tests.factories import OfficerFactory

pytestmark = pytest.mark.django_db
SEED_OPTIONS = {"committee": "Eastbrook Area Committee", "date": datetime.date(2022, 3, 9)}


@pytest.fixture
def seed_bytes():
    return SEED_ITEM.read_bytes()


def test_seed_item_imports_with_every_part(seed_bytes, client, django_assert_max_num_queries):
    report = import_file("seed.txt", seed_bytes, **SEED_OPTIONS, pdfs=True)
    assert report.ok, report.lines()
    item = AgendaItem.objects.get()
    assert item.title == "PROTECTING CHILDREN AND VULNERABLE ADULTS AT RISK OF EXPLOITATION"
    assert item.report_reference == 'Document "E"'
    assert item.agenda_text.startswith("<p>The Chief Executive will submit a report")
    assert [r.label for r in item.recommendations.all()] == ["(1)", "(2)", "(3)"]
    assert item.recommendations.model.history.count() == 3  # bulk insert keeps history
    assert [r.label for r in item.resolutions.all()] == ["(1)", "(2)", "(3)"]
    assert "12 months’ time" in item.resolutions.get(position=2).text
    assert item.scrutiny_area.name == "Children's Services"
    officer = item.contact_officer
    assert (officer.name, officer.job_title, officer.phone, officer.kind) == (
        "Dana Minton",
        "Manager",
        "01632 960361",
        Person.Kind.OFFICER,
    )
    assert item.action_owner == "Chief Executive"
    assert item.actions.get().owner == "Chief Executive"
    assert item.minutes_text.count("<p>") == 13
    assert "Safe Steps" in item.minutes_text
    meeting = item.meeting
    assert (meeting.committee.name, meeting.agenda_status, meeting.minutes_status) == (
        "Eastbrook Area Committee",
        Meeting.AgendaStatus.PUBLISHED,
        Meeting.MinutesStatus.APPROVED,
    )
    assert item.published_at is not None

    with django_assert_max_num_queries(12):
        response = client.get(item.get_absolute_url())
    assert response.status_code == 200
    page = response.content.decode()
    for part in [
        "PROTECTING CHILDREN AND VULNERABLE ADULTS AT RISK OF EXPLOITATION",
        "Document &quot;E&quot;",
        "how members can support local activity.",
        "Children&#x27;s Services",
        "Dana Minton",
        "01632 960361",
        "The Chair thanked officers",
        "better liaison takes place",
        "Partners will seek further funding opportunities",
        "Chief Executive",
    ]:
        assert part in page, part

    printed = Document.objects.public().get(meeting=meeting, kind=Document.Kind.MINUTES)
    assert "printed: Agenda frontsheet, Public reports pack, Printed minutes" in report.notes
    with printed.file.open("rb") as handle:
        text = flat(text_of(handle.read()))
    for part in [
        "PROTECTING CHILDREN AND VULNERABLE ADULTS",
        "Safe Steps",
        "better liaison takes place",
        "12 months’ time",
        "Chief Executive",
    ]:
        assert flat(part) in text, part


def test_existing_person_and_scrutiny_area_are_reused(seed_bytes):
    officer = OfficerFactory(name="Dana Minton", job_title="Area Manager", phone="")
    area = ScrutinyArea.objects.create(name="children's services")
    import_file("seed.txt", seed_bytes, **SEED_OPTIONS)
    item = AgendaItem.objects.get()
    assert (item.contact_officer, item.scrutiny_area) == (officer, area)
    assert Person.objects.count() == 1


def test_item_without_meeting_needs_committee_and_date(seed_bytes):
    report = import_file("seed.txt", seed_bytes)
    assert not report.ok
    assert "does not say which meeting" in report.error
    assert "--committee" in report.error
    assert counts() == dict.fromkeys(counts(), 0)


def test_page_naming_its_meeting_wins_over_the_options():
    report = import_file("item-letters.txt", fixture("item-letters.txt"), **SEED_OPTIONS)
    assert report.ok
    meeting = Meeting.objects.get()
    assert (meeting.committee.name, str(meeting.start.date())) == (
        "Harbourside Area Committee",
        "2023-01-12",
    )


def test_getmeeting_xml_imports_items_exempt_documents_and_attendance():
    report = import_file("getmeeting.xml", fixture("getmeeting.xml"))
    assert report.ok, report.lines()
    meeting = Meeting.objects.get(external_id="mg-meeting-7301")
    assert meeting.venue.name == "Council Chamber, Riverside House"
    assert meeting.status == Meeting.Status.HELD
    assert meeting.minutes_status == Meeting.MinutesStatus.APPROVED
    items = list(meeting.items.all())
    assert [i.number for i in items] == ["1.", "2.", "3.", "4."]
    assert items[1].title == "Flood defences at Mill Lane & the weir"
    assert [(i.is_exempt, i.exempt_paragraph) for i in items[2:]] == [(True, 3), (True, 1)]
    assert any("Staffing matter" in note and "placeholder" in note for note in report.notes)
    valuation = Document.objects.get(external_id="mg-doc-66003")
    assert valuation.is_exempt and valuation.published_at is None
    assert valuation not in Document.objects.public()
    assert Document.objects.public().count() == 2
    statuses = dict(Attendance.objects.values_list("person__name", "status"))
    assert statuses == {
        "Hetty Marsh": "present",
        "Owen O'Hara": "apologies",
        "Rupa Das": "substitute",
        "Gwen Ashby": "in_attendance",
    }
    assert any("Ben Lyle" in note and "Expected" in note for note in report.notes)
    assert Person.objects.get(name="Gwen Ashby").kind == Person.Kind.OFFICER


def test_exempt_item_content_stays_off_the_public_page_and_printed_copies(client):
    import_file("getmeeting.xml", fixture("getmeeting.xml"), pdfs=True)
    item = AgendaItem.objects.get(external_id="mg-item-88003")
    page = client.get(item.get_absolute_url()).content.decode()
    assert "Purchase of land at Weir Farm" in page
    assert "Confidential valuation" not in page
    printed = Document.objects.public().filter(is_generated=True)
    assert printed.count() == 3
    for document in printed:
        with document.file.open("rb") as handle:
            text = flat(text_of(handle.read()))
        assert "Confidential valuation" not in text
        assert "Private staffing report" not in text


def test_meeting_page_with_draft_minutes():
    report = import_file("meeting-page.html", fixture("meeting-page.html"))
    assert report.ok, report.lines()
    meeting = Meeting.objects.get()
    assert meeting.minutes_status == Meeting.MinutesStatus.DRAFT_PUBLISHED
    assert meeting.items.count() == 3
    assert meeting.items.get(number="2").report_reference == 'Document "Q"'
    assert meeting.documents.get().source_url.startswith("https://democracy.example.gov.uk/")


def test_getcommittees_and_getmeetings():
    import_file("getcommittees.xml", fixture("getcommittees.xml"))
    import_file("getmeetings.xml", fixture("getmeetings.xml"))
    meetings = Meeting.objects.filter(committee__name="Licensing & Appeals Committee")
    assert meetings.count() == 2
    assert meetings.get(external_id="mg-meeting-7303").status == Meeting.Status.CANCELLED
    # a list of meetings carries no agenda: listed, not published
    assert all(m.is_listed and not m.agenda_is_public for m in meetings)


def fixtures_meeting_page_first():
    """The meeting page (draft minutes) before the item page that approves them: in the
    other order the item page's approval locks the meeting first (see below)."""
    paths = sorted(FIXTURES.iterdir())
    return sorted(paths, key=lambda path: path.name != "meeting-page.html")


def test_every_fixture_imports_and_a_second_run_changes_nothing(seed_bytes):
    first = import_paths(fixtures_meeting_page_first())
    assert [r.ok for r in first] == [True] * 6, [r.lines() for r in first]
    assert import_file("seed.txt", seed_bytes, **SEED_OPTIONS, pdfs=True).ok
    before = counts()
    history = AgendaItem.history.count(), Document.history.count()
    second = import_paths(fixtures_meeting_page_first())
    again = import_file("seed.txt", seed_bytes, **SEED_OPTIONS, pdfs=True)
    assert counts() == before
    assert (AgendaItem.history.count(), Document.history.count()) == history
    assert not any(r.created or r.updated for r in [*second, again]), [r.lines() for r in second]


def test_a_changed_source_updates_draft_minutes_in_place():
    data = fixture("meeting-page.html")
    import_file("meeting-page.html", data)
    changed = data.replace(b"(Document &quot;Q&quot;)", b"(Document &quot;R&quot;)")
    report = import_file("meeting-page.html", changed)
    assert report.ok, report.lines()
    assert AgendaItem.objects.get(number="2").report_reference == 'Document "R"'
    assert report.updated["agenda item"] == 1


def test_a_changed_source_cannot_change_approved_minutes(seed_bytes):
    import_file("seed.txt", seed_bytes, **SEED_OPTIONS)
    changed = seed_bytes.replace(b"ACTION: Chief Executive", b"ACTION: Director")
    report = import_file("seed.txt", changed, **SEED_OPTIONS)
    assert not report.ok
    assert "approved as a correct record" in report.error
    assert AgendaItem.objects.get().action_owner == "Chief Executive"


def test_a_source_adding_items_to_approved_minutes_is_refused_with_the_reason():
    assert import_file("item-page.html", fixture("item-page.html")).ok
    report = import_file("meeting-page.html", fixture("meeting-page.html"))
    assert not report.ok
    assert "approved as a correct record" in report.error


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("empty.txt", b"", "empty"),
        ("utf16.txt", "Recommended –\n(1) x".encode("utf-16-le"), "UTF-16"),
        ("latin1.txt", "Minutes:\nCaf\u00e9 r\u00e9sum\u00e9".encode("latin-1"), "UTF-8"),
        ("note.txt", b"Shopping list\nmilk\n", "does not look like a ModernGov"),
        ("page.html", b"<html><p>Recommended - (1) x</p></html>", "not a saved ModernGov"),
        ("getmeeting.xml", None, "damaged or truncated"),
        ("report.docx", b"PK\x03\x04", "Unsupported file type"),
        ("report.pdf", b"%PDF-1.4", "The PDF could not be read"),
    ],
)
def test_bad_input_is_reported_and_nothing_saved(name, data, reason):
    if data is None:
        data = fixture("getmeeting.xml")[:1500]
    report = import_file(name, data, **SEED_OPTIONS)
    assert not report.ok
    assert reason in report.error
    assert report.lines()[0].startswith(f"{name}: FAILED, nothing saved.")
    assert counts() == dict.fromkeys(counts(), 0)


def test_failure_late_in_a_file_rolls_back_the_whole_file(monkeypatch):
    from agenda.importers import load

    def broken(self, meeting, attendee):
        raise ValueError("disk full")

    monkeypatch.setattr(load._Loader, "_attendance", broken)
    report = import_file("getmeeting.xml", fixture("getmeeting.xml"))
    assert "could not be saved (disk full)" in report.error
    assert counts() == dict.fromkeys(counts(), 0)


def test_imported_document_without_file_does_not_download(client):
    import_file("getmeeting.xml", fixture("getmeeting.xml"))
    document = Document.objects.public().get(external_id="mg-doc-66001")
    assert not document.file
    assert client.get(document.get_absolute_url()).status_code == 404


def test_command_reports_and_continues(tmp_path, capsys, seed_bytes):
    (tmp_path / "seed.txt").write_bytes(seed_bytes)
    (tmp_path / "empty.xml").write_bytes(b"")
    call_command(
        "import_moderngov",
        str(tmp_path),
        "--committee",
        "Eastbrook Area Committee",
        "--date",
        "2022-03-09",
    )
    out = capsys.readouterr().out
    assert "empty.xml: FAILED, nothing saved. The file is empty." in out
    assert "seed.txt: imported (text)." in out
    assert "printed: Agenda frontsheet, Public reports pack, Printed minutes" in out
    assert "1 of 2 file(s) imported." in out
    assert AgendaItem.objects.count() == 1


def test_command_fails_when_every_file_fails(tmp_path, seed_bytes):
    (tmp_path / "seed.txt").write_bytes(seed_bytes)
    with pytest.raises(CommandError, match="Every file failed"):
        call_command("import_moderngov", str(tmp_path / "seed.txt"))
    with pytest.raises(CommandError, match="YYYY-MM-DD"):
        call_command("import_moderngov", str(tmp_path), "--date", "9 March")


def test_a_meeting_date_outside_the_calendar_is_refused_with_a_clear_message(seed_bytes):
    options = {**SEED_OPTIONS, "date": datetime.date(26, 3, 5)}
    report = import_file("seed.txt", seed_bytes, **options)
    assert not report.ok
    assert "5 March 0026" in report.error and "between 1 January 1900" in report.error
    assert counts() == dict.fromkeys(counts(), 0)


def test_mover_and_seconder_lines_become_the_items_motions():
    from agenda.models import Motion
    from tests.agenda.import_expect import PAGES

    page = (PAGES / "item-notice-of-motion.txt").read_bytes()
    report = import_file("item-notice-of-motion.txt", page)
    assert report.ok, report.lines()
    motion, amendment = Motion.objects.order_by("position")
    assert (motion.kind, motion.outcome) == (Motion.Kind.SUBSTANTIVE, Motion.Outcome.CARRIED)
    assert (motion.mover.name, motion.seconder.name) == ("Tamsin Greaves", "Rob Ellery")
    assert "School Streets pilot at three schools" in motion.text
    assert (amendment.kind, amendment.outcome) == (Motion.Kind.AMENDMENT, Motion.Outcome.LOST)
    assert amendment.parent == motion
    assert (amendment.mover.name, amendment.seconder.name) == ("Ian Blake", "Priya Sen")
    again = import_file("item-notice-of-motion.txt", page)
    assert not again.created and not again.updated, again.lines()
    assert Motion.objects.count() == 2
