"""Confidence and review: every import reports per item what it recognised and guessed; a
dry run shows that and saves nothing; the editor lists the records with guesses to check."""

import pytest
from django.core.management import call_command
from django.urls import reverse

from agenda.importers.load import import_file
from agenda.models import AgendaItem, ImportReview, Meeting
from agenda.models.locks import opened
from tests.agenda.import_expect import PAGES
from tests.agenda.import_helpers import counts

pytestmark = pytest.mark.django_db
LISTING = PAGES / "list-normal.txt"
LOST_LABEL = PAGES / "item-label-lost.html"


def test_dry_run_lists_recognised_and_guessed_and_saves_nothing(settings):
    before = counts()
    report = import_file(LISTING.name, LISTING.read_bytes(), dry_run=True, pdfs=True)
    assert report.ok and report.dry_run
    assert counts() == before
    lines = report.lines()
    assert lines[0] == "list-normal.txt: read (dry run: nothing saved) (text meeting page)."
    assert any(line.startswith("  would create: ") and "8 agenda items" in line for line in lines)
    assert "  item 35 “Item 35”: GUESSED" in lines
    assert any("guessed: the page gives this item no title" in line for line in lines)
    assert any(
        "recognised: declaration: Amir Qureshi, pecuniary on item 35" in line for line in lines
    )
    assert not settings.MEDIA_ROOT.exists() or not any(settings.MEDIA_ROOT.rglob("*.pdf"))


def test_command_dry_run_prints_the_report(capsys):
    call_command("import_moderngov", str(LOST_LABEL), "--dry-run")
    out = capsys.readouterr().out
    assert "item-label-lost.html: read (dry run: nothing saved) (html item page)." in out
    assert "guessed: 2 decision(s) read from “That …” lines with no RESOLVED label" in out
    assert "1 of 1 file(s) read (dry run: nothing saved)." in out
    assert AgendaItem.objects.count() == 0


def test_every_item_gets_a_review_note_and_guesses_are_to_check():
    import_file(LISTING.name, LISTING.read_bytes())
    assert ImportReview.objects.count() == 8
    to_check = ImportReview.objects.to_review()
    assert [review.item.number for review in to_check] == ["35"]
    note = to_check.get()
    assert note.source_name == "list-normal.txt"
    assert "read as a decision (no RESOLVED label)" in note.guessed[0]
    declarations = ImportReview.objects.get(item__number="32")
    assert "declaration: Amir Qureshi, pecuniary on item 35" in declarations.recognised


def test_motion_data_is_kept_in_the_review_note():
    source = PAGES / "item-notice-of-motion.txt"
    import_file(source.name, source.read_bytes())
    motions = ImportReview.objects.get().motion["motions"]
    assert [(m["mover"], m["seconder"]) for m in motions] == [
        ("Councillor Tamsin Greaves", "Councillor Rob Ellery"),
        ("Councillor Ian Blake", "Councillor Priya Sen"),
    ]


def test_review_list_in_the_editor_and_marking_checked(clerk_client, clerk):
    import_file(LOST_LABEL.name, LOST_LABEL.read_bytes())
    import_file(LISTING.name, LISTING.read_bytes())
    url = reverse("admin:agenda_importreview_changelist")
    page = clerk_client.get(url).content.decode()
    assert "Allotment fees 2024/25" in page and "Item 35" in page
    assert "Street trading consent policy" not in page  # recognised: not on the list to check
    everything = clerk_client.get(url, {"to_check": "all"}).content.decode()
    assert "Street trading consent policy" in everything
    note = ImportReview.objects.get(item__title="Allotment fees 2024/25")
    detail = clerk_client.get(reverse("admin:agenda_importreview_change", args=[note.pk]))
    assert "lost in rendering" in detail.content.decode()
    response = clerk_client.post(
        url, {"action": "mark_checked", "_selected_action": [note.pk]}, follow=True
    )
    assert "1 import review(s) marked as checked." in response.content.decode()
    note.refresh_from_db()
    assert (note.status, note.reviewed_by) == (ImportReview.Status.REVIEWED, clerk)
    assert "Allotment fees" not in clerk_client.get(url).content.decode()


def test_import_page_links_to_the_review_list(clerk_client):
    import_file(LOST_LABEL.name, LOST_LABEL.read_bytes())
    page = clerk_client.get(reverse("admin:agenda_meeting_import")).content.decode()
    assert reverse("admin:agenda_importreview_changelist") in page
    assert "1 to check" in page


def test_a_checked_note_stays_checked_until_the_source_changes():
    data = LOST_LABEL.read_bytes()
    import_file(LOST_LABEL.name, data)
    note = ImportReview.objects.get()
    note.status, note.reviewed_at = ImportReview.Status.REVIEWED, note.imported_at
    note.save()
    assert not import_file(LOST_LABEL.name, data).updated
    assert ImportReview.objects.get().status == ImportReview.Status.REVIEWED
    # Approved minutes are locked; these were still draft when the source changed (the
    # test stands in for the step that would have set them so).
    with opened("meeting.minutes_status"):
        Meeting.objects.update(minutes_status=Meeting.MinutesStatus.DRAFT_PUBLISHED)
    changed = data.replace(b"(2)&nbsp;&nbsp;That", b"(3)&nbsp;&nbsp;That")
    assert import_file(LOST_LABEL.name, changed).ok
    assert ImportReview.objects.get().status == ImportReview.Status.OPEN


def test_editor_upload_can_check_only(clerk_client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = clerk_client.post(
        reverse("admin:agenda_meeting_import"),
        {"files": [SimpleUploadedFile(LISTING.name, LISTING.read_bytes())], "dry_run": "on"},
    )
    page = response.content.decode()
    assert "read (dry run: nothing saved)" in page
    assert "the page gives this item no title" in page
    assert AgendaItem.objects.count() == 0


def test_changed_minutes_of_approved_meetings_are_refused_whole():
    data = LOST_LABEL.read_bytes()
    import_file(LOST_LABEL.name, data)
    report = import_file(LOST_LABEL.name, data.replace(b"rise by 5%", b"rise by 9%"))
    assert not report.ok
    assert "approved as a correct record and cannot be changed" in report.error
    assert "5%" in AgendaItem.objects.get().resolutions.first().text


def test_every_contact_shows_on_the_public_pages(client):
    source = PAGES / "item-contacts.txt"
    import_file(source.name, source.read_bytes())
    item = AgendaItem.objects.get()
    page = client.get(item.get_absolute_url()).content.decode()
    for text in ["Joanna Pike", "Head of Facilities", "Ravi Nair – 01632 960301", "Chloe Dunn"]:
        assert text in page, text
    listing = PAGES / "list-normal.txt"
    import_file(listing.name, listing.read_bytes())
    meeting = Meeting.objects.get(committee__name="Eastmere Licensing Committee")
    page = client.get(meeting.get_absolute_url()).content.decode()
    assert "Sian Pryce" in page and "tomas.wieczorek@eastmere.example.gov.uk" in page
