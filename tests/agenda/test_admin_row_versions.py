"""The meeting and item pages' rows carry versions: a stale row is refused with what
changed and the user's text kept; rows nobody touched are never written back."""

import pytest
from django.urls import reverse

from agenda.models import AgendaItem, Attendance, Recommendation
from agenda.publishing.checks import last_editor
from tests.agenda.admin_forms import change_form_data
from tests.factories import (
    AgendaItemFactory,
    AttendanceFactory,
    MeetingFactory,
    RecommendationFactory,
    user_in_group,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def item():
    meeting = MeetingFactory()
    item = AgendaItemFactory(meeting=meeting, title="Budget", minutes_text="<p>Original.</p>")
    RecommendationFactory(item=item, position=1, text="<p>That the budget be noted.</p>")
    AttendanceFactory(meeting=meeting, note="")
    return item


def meeting_url(item):
    return reverse("admin:agenda_meeting_change", args=[item.meeting_id])


def item_url(item):
    return reverse("admin:agenda_agendaitem_change", args=[item.pk])


@pytest.fixture
def other_client(client):
    from django.test import Client

    other = Client()
    other.force_login(user_in_group("bola", "Clerk"))
    return other


def test_stale_meeting_row_is_refused_with_the_diff_and_kept(item, clerk_client, other_client):
    mine = change_form_data(clerk_client.get(meeting_url(item)))
    theirs = change_form_data(other_client.get(item_url(item)))
    theirs["title"] = "Budget 2027/28"
    assert other_client.post(item_url(item), theirs).status_code == 302

    mine["items-0-title"] = "Budget and council tax"
    refused = clerk_client.post(meeting_url(item), mine)
    assert refused.status_code == 200
    body = refused.content.decode()
    assert "Not saved: bola saved this agenda item after you opened it" in body
    assert "Title: “Budget” → “Budget 2027/28”" in body
    assert "bola saved “Budget 2027/28” here" in body  # beside the field both changed
    assert AgendaItem.objects.get(pk=item.pk).title == "Budget 2027/28"
    again = change_form_data(refused)
    assert again["items-0-title"] == "Budget and council tax"  # my text kept

    # Saving again, having seen theirs, is a deliberate choice and goes through.
    assert clerk_client.post(meeting_url(item), again).status_code == 302
    assert AgendaItem.objects.get(pk=item.pk).title == "Budget and council tax"


def test_untouched_stale_row_is_not_written_back(item, clerk_client, other_client):
    mine = change_form_data(clerk_client.get(meeting_url(item)))
    theirs = change_form_data(other_client.get(item_url(item)))
    theirs["title"] = "Budget 2027/28"
    assert other_client.post(item_url(item), theirs).status_code == 302

    mine["attendances-0-note"] = "Arrived at 7.15pm"
    assert clerk_client.post(meeting_url(item), mine).status_code == 302
    assert Attendance.objects.get().note == "Arrived at 7.15pm"
    assert AgendaItem.objects.get(pk=item.pk).title == "Budget 2027/28"


def test_second_save_after_refusal_keeps_their_other_fields(item, clerk_client, other_client):
    """They changed the title and the minute; I changed the minute: after the refusal the
    title shown is theirs, so my second save does not revert it."""
    mine = change_form_data(clerk_client.get(item_url(item)))
    theirs = change_form_data(other_client.get(item_url(item)))
    theirs["title"] = "Budget 2027/28"
    theirs["minutes_text"] = "<p>Their minute.</p>"
    assert other_client.post(item_url(item), theirs).status_code == 302

    mine["minutes_text"] = "<p>My minute.</p>"
    refused = clerk_client.post(item_url(item), mine)
    assert refused.status_code == 200
    again = change_form_data(refused)
    assert again["title"] == "Budget 2027/28"
    assert again["minutes_text"] == "<p>My minute.</p>"
    assert clerk_client.post(item_url(item), again).status_code == 302
    stored = AgendaItem.objects.get(pk=item.pk)
    assert (stored.title, stored.minutes_text) == ("Budget 2027/28", "<p>My minute.</p>")


def test_recommendation_edit_is_shown_not_hidden(item, clerk_client, other_client):
    """A recommendation saved meanwhile: the item's own fields are not stale (no
    "(no visible field changes)"); the row that changed is refused with its diff."""
    mine = change_form_data(clerk_client.get(item_url(item)))
    theirs = change_form_data(other_client.get(item_url(item)))
    theirs["recommendations-0-text"] = "<p>That the budget be approved.</p>"
    assert other_client.post(item_url(item), theirs).status_code == 302

    mine["report_reference"] = "Document B"  # not stale: saves
    mine["recommendations-0-text"] = "<p>That the budget be deferred.</p>"
    refused = clerk_client.post(item_url(item), mine)
    body = refused.content.decode()
    assert refused.status_code == 200
    assert "no visible field changes" not in body
    assert "saved this recommendation after you opened it" in body
    assert "Text: “That the budget be noted.” → “That the budget be approved.”" in body
    assert Recommendation.objects.get().text == "<p>That the budget be approved.</p>"


def test_unchanged_saves_leave_no_history_and_no_editor(item, clerk_client, other_client, clerk):
    before = {
        "items": AgendaItem.history.count(),
        "recommendations": Recommendation.history.count(),
    }
    editor = last_editor(item.meeting)
    for url in (item_url(item), meeting_url(item)):
        assert other_client.post(url, change_form_data(other_client.get(url))).status_code == 302
    assert AgendaItem.history.count() == before["items"]
    assert Recommendation.history.count() == before["recommendations"]
    assert last_editor(item.meeting) == editor


def test_history_reads_as_text_with_the_rows_changes(item, clerk_client, other_client):
    from tests.factories import OfficerFactory

    officer = OfficerFactory(name="Dana Minton")
    data = change_form_data(other_client.get(item_url(item)))
    data["minutes_text"] = "<p>Agreed&nbsp;<strong>unanimously</strong>.</p>"
    data["contact_officer"] = str(officer.pk)
    data["recommendations-0-text"] = "<p>That the budget be approved.</p>"
    assert other_client.post(item_url(item), data).status_code == 302

    history = clerk_client.get(reverse("admin:agenda_agendaitem_history", args=[item.pk]))
    body = history.content.decode()
    assert "Minutes:</strong> Original. → Agreed unanimously." in body
    assert "Contact officer:</strong> (none) → Dana Minton" in body
    assert "pk=None" not in body and "&lt;p&gt;" not in body
    # The recommendation edited on the item page is in the item's history.
    assert "Recommendation: (1) That the budget be approved." in body
    assert "That the budget be noted. → That the budget be approved." in body


def test_a_pending_draft_is_named_by_its_label(item, clerk_client, clerk):
    from django.contrib.contenttypes.models import ContentType

    from agenda.models import TextDraft

    TextDraft.objects.create(
        user=clerk,
        content_type=ContentType.objects.get_for_model(AgendaItem),
        object_id=item.pk,
        field_name="minutes_text",
        text="<p>Unsaved.</p>",
    )
    body = clerk_client.get(item_url(item)).content.decode()
    assert "<strong>Minutes</strong> from" in body
    assert "Minutes_text" not in body


def test_deleting_a_row_changed_meanwhile_is_refused_once(item, clerk_client, other_client):
    mine = change_form_data(clerk_client.get(item_url(item)))
    theirs = change_form_data(other_client.get(item_url(item)))
    theirs["recommendations-0-text"] = "<p>That the budget be approved.</p>"
    assert other_client.post(item_url(item), theirs).status_code == 302

    mine["recommendations-0-DELETE"] = "on"
    refused = clerk_client.post(item_url(item), mine)
    assert refused.status_code == 200
    assert "Not deleted: someone changed these rows" in refused.content.decode()
    assert Recommendation.objects.count() == 1
    again = change_form_data(refused)
    assert again["recommendations-0-text"] == "<p>That the budget be approved.</p>"
    again["recommendations-0-DELETE"] = "on"
    assert clerk_client.post(item_url(item), again).status_code == 302
    assert Recommendation.objects.count() == 0


def test_refused_row_shows_their_choice_and_tick(item, clerk_client, other_client):
    """Their attendance status and my note on the same row: the refusal shows their status
    (a radio choice) and ticks, keeps my note, and the second save keeps both."""
    mine = change_form_data(clerk_client.get(meeting_url(item)))
    theirs = change_form_data(other_client.get(meeting_url(item)))
    theirs["attendances-0-status"] = Attendance.Status.APOLOGIES
    theirs["items-0-is_exempt"] = "on"
    theirs["items-0-exempt_paragraph"] = "3"
    assert other_client.post(meeting_url(item), theirs).status_code == 302

    mine["attendances-0-note"] = "Sent apologies by email"
    mine["items-0-title"] = "Budget (revised)"
    refused = clerk_client.post(meeting_url(item), mine)
    assert refused.status_code == 200
    again = change_form_data(refused)
    assert again["attendances-0-status"] == Attendance.Status.APOLOGIES
    assert again["attendances-0-note"] == "Sent apologies by email"
    assert again["items-0-is_exempt"] == "on"
    assert again["items-0-exempt_paragraph"] == "3"
    assert clerk_client.post(meeting_url(item), again).status_code == 302
    attendance = Attendance.objects.get()
    assert (attendance.status, attendance.note) == ("apologies", "Sent apologies by email")
    stored = AgendaItem.objects.get(pk=item.pk)
    assert (stored.title, stored.is_exempt, stored.exempt_paragraph) == (
        "Budget (revised)",
        True,
        3,
    )
