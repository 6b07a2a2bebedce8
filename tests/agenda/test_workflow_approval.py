"""Approval of minutes at the next meeting, locking, errata, and what the public sees."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from agenda import publishing
from agenda.models import AgendaItem, Erratum, Meeting, Resolution
from committees.dates import long_date
from tests.factories import AgendaItemFactory, MeetingFactory, ResolutionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_meetings(manager, clerk):
    """A held meeting with published draft minutes, and the committee's next meeting held
    with the standard item on its agenda."""
    first_start = timezone.now().replace(microsecond=0) - datetime.timedelta(days=40)
    first = MeetingFactory(start=first_start, title="Planning Committee")
    item = AgendaItemFactory(meeting=first, title="Budget", minutes_text="<p>Agreed.</p>")
    ResolutionFactory(item=item, position=1, text="<p>That the budget be agreed.</p>")
    publishing.run("publish_agenda", first, manager, now=first_start - datetime.timedelta(days=14))
    publishing.run("publish_draft_minutes", first, manager, now=first_start)
    second_start = first_start + datetime.timedelta(days=30)
    second = MeetingFactory(committee=first.committee, start=second_start)
    publishing.run(
        "publish_agenda", second, manager, now=second_start - datetime.timedelta(days=14)
    )
    publishing.run("record_held", second, clerk, now=second_start)
    standard = second.items.get(kind=AgendaItem.Kind.PREVIOUS_MINUTES)
    return Meeting.objects.get(pk=first.pk), Meeting.objects.get(pk=second.pk), standard


def test_approval_stamps_and_locks_the_previous_minutes(two_meetings, manager):
    first, second, standard = two_meetings
    publishing.run("approve_minutes", standard, manager, corrections="Item 1: typo.")
    first.refresh_from_db()
    assert first.minutes_status == Meeting.MinutesStatus.APPROVED
    assert first.minutes_approved_by_meeting == second
    assert first.minutes_approved_at is not None
    resolution = standard.resolutions.get()
    assert resolution.outcome == Resolution.Outcome.CARRIED
    assert "subject to the following corrections: Item 1: typo." in resolution.text
    # Locked: minutes text and resolutions refuse changes at model level.
    item = first.items.get(title="Budget")
    item.minutes_text = "<p>Silently changed.</p>"
    with pytest.raises(ValidationError, match="approved as a correct record"):
        item.full_clean()
    with pytest.raises(ValidationError, match="Record an erratum"):
        item.save()
    row = item.resolutions.get()
    row.text = "<p>Changed.</p>"
    with pytest.raises(ValidationError):
        row.save()
    with pytest.raises(ValidationError):
        row.delete()
    # The whole minuted record is locked (agenda.models.locks), the action line included;
    # tests/agenda/test_record_locks.py tries every path.
    item.refresh_from_db()
    item.action_owner = "Chief Executive"
    with pytest.raises(ValidationError, match="Record an erratum"):
        item.save()


def test_approval_refused_when_not_ready(two_meetings, manager, clerk):
    _first, second, standard = two_meetings
    with pytest.raises(PermissionDenied):
        publishing.run("approve_minutes", standard, clerk)
    other = second.items.exclude(pk=standard.pk).first() or AgendaItemFactory(meeting=second)
    with pytest.raises(ValidationError, match="Minutes of the previous meeting"):
        publishing.run("approve_minutes", other, manager)
    publishing.run("approve_minutes", standard, manager)
    with pytest.raises(ValidationError, match="only published draft minutes"):
        publishing.run("approve_minutes", standard, manager)


def test_approval_needs_the_approving_meeting_held(manager):
    start = timezone.now() + datetime.timedelta(days=30)
    earlier = MeetingFactory(start=start - datetime.timedelta(days=30))
    later = MeetingFactory(committee=earlier.committee, start=start)
    publishing.run("publish_agenda", later, manager)
    standard = later.items.get(kind=AgendaItem.Kind.PREVIOUS_MINUTES)
    with pytest.raises(ValidationError, match=r"record .* as held first"):
        publishing.run("approve_minutes", standard, manager)


def test_errata_only_after_approval_and_shown_publicly(two_meetings, manager, client):
    first, _second, standard = two_meetings
    with pytest.raises(ValidationError, match="not approved yet"):
        publishing.run("record_erratum", first, manager, text="Wrong date.")
    publishing.run("approve_minutes", standard, manager)
    with pytest.raises(ValidationError, match="Write the correction"):
        publishing.run("record_erratum", first, manager, text=" ")
    erratum = publishing.run(
        "record_erratum", first, manager, text="Minute 1: the vote was 7 to 2.", item=None
    ).created
    assert list(Erratum.objects.public()) == [erratum]
    body = client.get(first.get_absolute_url()).content.decode()
    assert "the vote was 7 to 2" in body


def test_errata_on_exempt_items_or_draft_minutes_are_not_public(two_meetings, manager):
    first, _second, standard = two_meetings
    # Added before approval: approved minutes take no new items (agenda.models.locks).
    secret = AgendaItem.objects.create(
        meeting=first, title="Land sale", is_exempt=True, exempt_paragraph=3
    )
    publishing.run("approve_minutes", standard, manager)
    Erratum.objects.create(meeting=first, item=secret, text="Price corrected.")
    draft = MeetingFactory()
    Erratum.objects.create(meeting=draft, text="Not public.")
    assert [e.text for e in Erratum.objects.public()] == []


def test_public_page_shows_exactly_what_each_state_allows(two_meetings, manager, client):
    first, second, standard = two_meetings
    page = client.get(first.get_absolute_url()).content.decode()
    assert "DRAFT minutes" in page
    assert "Approved as a correct record" not in page
    publishing.run("approve_minutes", standard, manager)
    page = client.get(first.get_absolute_url()).content.decode()
    assert "DRAFT minutes" not in page
    assert f"Approved as a correct record at the meeting of {second.name}" in page
    assert f"on {long_date(second.start)}" in page
    # A draft agenda is not public at all; a cancelled meeting shows its notice.
    hidden = MeetingFactory(start=timezone.now() + datetime.timedelta(days=60))
    assert client.get(hidden.get_absolute_url()).status_code == 404
    publishing.run("cancel", hidden, manager, notice="No business to transact.")
    page = client.get(hidden.get_absolute_url()).content.decode()
    assert "cancelled" in page.lower() and "No business to transact." in page
    assert "The agenda has not been published yet." in page


def test_late_reason_is_shown_with_the_agenda(manager, client):
    meeting = MeetingFactory(start=timezone.now() + datetime.timedelta(days=1))
    AgendaItemFactory(meeting=meeting)
    publishing.run("publish_agenda", meeting, manager, urgency_reason="Court order.")
    page = client.get(meeting.get_absolute_url()).content.decode()
    assert "Reason for urgency: Court order." in page


def test_approval_reprints_the_minutes_without_the_draft_mark(two_meetings, manager):
    from agenda.models import Document
    from tests.agenda.pdf_helpers import text_of

    first, _second, standard = two_meetings

    def printed():
        document = Document.objects.get(meeting=first, kind=Document.Kind.MINUTES)
        with document.file.open("rb") as handle:
            return text_of(handle.read())

    assert "DRAFT" in printed()
    publishing.run("approve_minutes", standard, manager)
    text = printed()
    assert "DRAFT" not in text
    assert "Approved as a correct record at the meeting of" in text


def test_urgency_reasons_are_printed_in_the_minutes(manager):
    from agenda.models import Document
    from tests.agenda.pdf_helpers import flat, text_of

    meeting = MeetingFactory(start=timezone.now() + datetime.timedelta(days=1))
    AgendaItemFactory(meeting=meeting, title="Budget")
    publishing.run("publish_agenda", meeting, manager, urgency_reason="Court order.")
    AgendaItemFactory(meeting=meeting, title="Flood response")
    publishing.run("publish_supplement", meeting, manager, urgency_reason="Storm damage.")
    Meeting.objects.filter(pk=meeting.pk).update(start=timezone.now() - datetime.timedelta(hours=3))
    publishing.run("publish_draft_minutes", Meeting.objects.get(pk=meeting.pk), manager)
    document = Document.objects.get(meeting=meeting, kind=Document.Kind.MINUTES)
    with document.file.open("rb") as handle:
        text = flat(text_of(handle.read()))
    assert "Special circumstances of urgency: Court order." in text
    assert "Special circumstances of urgency: Storm damage." in text


def test_manager_approves_from_the_editor_with_corrections(two_meetings, client, manager, clerk):
    first, second, standard = two_meetings
    url = "/editor/agenda/agendaitem/"
    client.force_login(clerk)
    listing = client.get(url)
    assert b"approve_previous_minutes" not in listing.content  # clerks cannot approve
    client.force_login(manager)
    data = {"action": "approve_previous_minutes", "_selected_action": [standard.pk]}
    confirm = client.post(url, data)
    assert confirm.status_code == 200
    assert b"Corrections agreed at the meeting" in confirm.content
    first.refresh_from_db()
    assert first.minutes_status == Meeting.MinutesStatus.DRAFT_PUBLISHED  # asked, not done
    done = client.post(
        url, {**data, "confirmed": "yes", f"corrections_{standard.pk}": "Item 1: date."}
    )
    assert done.status_code == 302
    first.refresh_from_db()
    assert first.minutes_status == Meeting.MinutesStatus.APPROVED
    assert first.minutes_approved_by_meeting == second
    assert "Item 1: date." in standard.resolutions.get().text
