"""The editor side of the workflow: confirmation with checklist, history, no lost updates,
autosaved drafts."""

import datetime

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone

from agenda.models import AgendaItem, Meeting, TextDraft, Transition
from tests.agenda.admin_forms import change_form_data
from tests.factories import (
    AgendaItemFactory,
    DocumentFactory,
    MeetingFactory,
    ResolutionFactory,
    user_in_group,
)

pytestmark = pytest.mark.django_db
CHANGELIST = reverse("admin:agenda_meeting_changelist")


@pytest.fixture
def meeting(db):
    meeting = MeetingFactory(start=timezone.now() + datetime.timedelta(days=30))
    AgendaItemFactory(meeting=meeting, title="Budget", minutes_text="<p>Original.</p>")
    return meeting


def item_url(item, suffix="change"):
    return reverse(f"admin:agenda_agendaitem_{suffix}", args=[item.pk])


def test_confirmation_page_lists_checks_then_publishes(meeting, manager_client):
    post = {"action": "publish_agenda", "_selected_action": [meeting.pk]}
    page = manager_client.post(CHANGELIST, post)
    body = page.content.decode()
    assert "Publish the agenda?" in body
    assert "✔ Passed" in body and "Public documents are real PDFs" in body
    assert "Publish the agenda by the end of" in body
    assert Meeting.objects.get(pk=meeting.pk).agenda_status == "draft"
    done = manager_client.post(CHANGELIST, {**post, "confirmed": "yes"}, follow=True)
    assert "done for 1 meeting" in done.content.decode()
    assert Meeting.objects.get(pk=meeting.pk).agenda_status == "published"


def test_failing_check_blocks_release_with_explanation(meeting, manager_client):
    DocumentFactory(
        item=meeting.items.first(),
        title="Fake report",
        file=ContentFile(b"<html>not a pdf</html>", name="report.pdf"),
    )
    post = {"action": "publish_agenda", "_selected_action": [meeting.pk]}
    body = manager_client.post(CHANGELIST, post).content.decode()
    assert "✘ Fails" in body and "“Fake report”: The file is not a PDF" in body
    assert "Yes, publish" not in body
    done = manager_client.post(CHANGELIST, {**post, "confirmed": "yes"}, follow=True)
    assert "Not published, because:" in done.content.decode()
    assert Meeting.objects.get(pk=meeting.pk).agenda_status == "draft"


def test_published_documents_lose_their_metadata(meeting, manager):
    from pypdf import PdfReader, PdfWriter

    from agenda import publishing

    writer = PdfWriter()
    writer.add_blank_page(200, 200)
    writer.add_metadata({"/Author": "J. Bloggs (private)", "/Title": "Draft"})
    import io

    buffer = io.BytesIO()
    writer.write(buffer)
    document = DocumentFactory(
        item=meeting.items.first(),
        title="Report",
        file=ContentFile(buffer.getvalue(), name="r.pdf"),
    )
    publishing.run("publish_agenda", meeting, manager)
    document.refresh_from_db()
    with document.file.open("rb") as handle:
        metadata = PdfReader(handle).metadata or {}
    assert "/Author" not in metadata
    assert metadata.get("/Title") == "Report"
    assert document.published_at is not None


def test_clerk_has_no_publish_actions(meeting, clerk_client):
    page = clerk_client.get(CHANGELIST).content.decode()
    assert "record_held" in page
    assert 'value="publish_agenda"' not in page and 'value="cancel"' not in page


def test_cancel_action_asks_for_a_notice(meeting, manager_client):
    post = {"action": "cancel", "_selected_action": [meeting.pk]}
    body = manager_client.post(CHANGELIST, post).content.decode()
    assert 'name="notice"' in body
    manager_client.post(CHANGELIST, {**post, "confirmed": "yes", "notice": "Inquorate."})
    meeting.refresh_from_db()
    assert meeting.status == "cancelled" and meeting.status_notice == "Inquorate."


def test_admin_edit_is_in_history_with_user_and_diff(meeting, clerk_client, clerk):
    item = meeting.items.get()
    data = change_form_data(clerk_client.get(item_url(item)))
    data["title"] = "Budget 2027/28"
    response = clerk_client.post(item_url(item), data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    latest = item.history.first()
    assert latest.history_user == clerk and latest.title == "Budget 2027/28"
    data["minutes_text"] = "<p>Revised minute.</p>"
    data["opened_version"] = str(item.history.first().version)
    assert clerk_client.post(item_url(item), data).status_code == 302
    page = clerk_client.get(item_url(item, "history")).content.decode()
    assert "<strong>Title:</strong> Budget → Budget 2027/28" in page
    assert "<strong>Minutes:</strong> Original. → Revised minute." in page
    assert "Version:" not in page and "style=" not in page.split("change-history")[1]


def test_bulk_admin_action_records_history(manager_client, manager):
    meetings = [
        MeetingFactory(start=timezone.now() + datetime.timedelta(days=40 + n)) for n in range(3)
    ]
    for m in meetings:
        AgendaItemFactory(meeting=m)
    before = AgendaItem.history.count()
    post = {
        "action": "publish_agenda",
        "_selected_action": [m.pk for m in meetings],
        "confirmed": "yes",
    }
    manager_client.post(CHANGELIST, post)
    assert Meeting.objects.filter(agenda_status="published").count() == 3
    assert AgendaItem.history.count() - before >= 3
    for m in meetings:
        assert m.history.first().history_user == manager
        assert m.history.first().agenda_status == "published"
    assert Transition.objects.filter(user=manager).count() == 3


def test_history_rows_cannot_be_altered_through_the_app(meeting, manager_client):
    item = meeting.items.get()
    record = item.history.first()
    url = reverse("admin:agenda_agendaitem_simple_history", args=[item.pk, record.pk])
    assert manager_client.get(url).status_code == 200
    data = change_form_data(manager_client.get(item_url(item)))
    data["title"] = "Rewritten history"
    assert manager_client.post(url, data).status_code == 405
    record.refresh_from_db()
    assert record.title == "Budget"
    assert AgendaItem.objects.get(pk=item.pk).title == "Budget"
    # No admin page for the history models themselves.
    from django.contrib import admin

    assert AgendaItem.history.model not in admin.site._registry


def test_second_save_is_refused_with_diff_and_keeps_text(meeting, clerk_client, client):
    other = user_in_group("clerk2", "Clerk")
    item = meeting.items.get()
    mine = change_form_data(clerk_client.get(item_url(item)))
    client.force_login(other)
    theirs = change_form_data(client.get(item_url(item)))
    theirs["minutes_text"] = "<p>Their minute.</p>"
    assert client.post(item_url(item), theirs).status_code == 302
    mine["minutes_text"] = "<p>My minute.</p>"
    refused = clerk_client.post(item_url(item), mine)
    assert refused.status_code == 200
    body = refused.content.decode()
    assert "Not saved: clerk2 saved this agenda item after you opened it" in body
    assert "Minutes: “Original.” → “Their minute.”" in body
    assert "My minute." in body  # still in the form
    assert AgendaItem.objects.get(pk=item.pk).minutes_text == "<p>Their minute.</p>"
    # Saving again is a deliberate merge, made after seeing the diff.
    merged = refused.context["adminform"].form.data.copy()
    merged["minutes_text"] = "<p>Their minute. My minute.</p>"
    assert clerk_client.post(item_url(item), merged).status_code == 302
    assert AgendaItem.objects.get(pk=item.pk).minutes_text == "<p>Their minute. My minute.</p>"


def test_approved_minutes_refuse_admin_edits(meeting, clerk_client):
    item = meeting.items.get()
    ResolutionFactory(item=item, position=1, text="<p>That the report be noted.</p>")
    Meeting.objects.filter(pk=meeting.pk).update(
        agenda_status="published", minutes_status="approved"
    )
    data = change_form_data(clerk_client.get(item_url(item)))
    data["minutes_text"] = "<p>Quiet rewrite.</p>"
    response = clerk_client.post(item_url(item), data)
    assert response.status_code == 200
    assert "Record an erratum instead" in response.content.decode()
    assert AgendaItem.objects.get(pk=item.pk).minutes_text == "<p>Original.</p>"
    # Fields outside the minutes can still be corrected, with resolutions shown unchanged.
    data = change_form_data(clerk_client.get(item_url(item)))
    data["report_reference"] = "Document B"
    assert clerk_client.post(item_url(item), data).status_code == 302
    data = change_form_data(clerk_client.get(item_url(item)))
    data["resolutions-0-text"] = "<p>Rewritten resolution.</p>"
    assert clerk_client.post(item_url(item), data).status_code == 200
    assert item.resolutions.get().text == "<p>That the report be noted.</p>"


def test_autosave_then_restore_after_a_lost_session(meeting, clerk_client, clerk):
    item = meeting.items.get()
    page = clerk_client.get(item_url(item)).content.decode()
    assert 'id="autosave-config"' in page and "agenda/js/autosave.js" in page
    url = item_url(item, "autosave")
    saved = clerk_client.post(url, {"field": "minutes_text", "text": "<p>Half typed</p>"})
    assert saved.status_code == 200 and "Draft saved" in saved.json()["message"]
    assert clerk_client.post(url, {"field": "title", "text": "x"}).status_code == 400
    assert clerk_client.get(url).status_code == 405
    draft = TextDraft.objects.get(user=clerk)
    # Next visit (new session): the page offers the draft, and restores it on request.
    clerk_client.logout()
    clerk_client.force_login(clerk)
    page = clerk_client.get(item_url(item)).content.decode()
    assert "autosaved draft of" in page and f"?restore_draft={draft.pk}" in page
    restored = clerk_client.get(item_url(item) + f"?restore_draft={draft.pk}")
    assert restored.context["adminform"].form["minutes_text"].value() == "<p>Half typed</p>"
    data = change_form_data(restored)
    assert clerk_client.post(item_url(item), data).status_code == 302
    assert AgendaItem.objects.get(pk=item.pk).minutes_text == "<p>Half typed</p>"
    assert not TextDraft.objects.filter(user=clerk).exists()


def test_autosave_needs_change_permission(meeting, client):
    viewer = user_in_group("outsider", "Clerk")
    viewer.groups.clear()
    client.force_login(viewer)
    url = item_url(meeting.items.get(), "autosave")
    assert client.post(url, {"field": "minutes_text", "text": "x"}).status_code in (302, 403)
    assert not TextDraft.objects.exists()


def test_item_page_shows_deadline_then_supplement(meeting, manager_client, manager):
    from agenda import publishing

    item = meeting.items.get()
    assert "Publish the agenda by the end of" in manager_client.get(item_url(item)).content.decode()
    publishing.run("publish_agenda", meeting, manager)
    late = AgendaItemFactory(meeting=meeting)
    assert "go out as a supplement" in manager_client.get(item_url(late)).content.decode()


def test_meeting_page_shows_deadline_and_log(meeting, manager_client):
    page = manager_client.get(reverse("admin:agenda_meeting_change", args=[meeting.pk]))
    body = page.content.decode()
    assert "Clear days:" in body and "working day" in body
    assert "Nothing released yet." in body


def test_meeting_save_conflict_is_refused_with_diff(meeting, manager_client, clerk_client):
    url = reverse("admin:agenda_meeting_change", args=[meeting.pk])
    mine = change_form_data(manager_client.get(url))
    theirs = change_form_data(clerk_client.get(url))
    theirs["title"] = "Special meeting"
    response = clerk_client.post(url, theirs)
    assert response.status_code == 302, response.context["adminform"].form.errors
    mine["status_notice"] = "Starts late."
    refused = manager_client.post(url, mine)
    body = refused.content.decode()
    assert refused.status_code == 200
    assert "clerk saved this meeting after you opened it" in body
    assert "Title: “(empty)” → “Special meeting”" in body
    assert "Starts late." in body
    assert Meeting.objects.get(pk=meeting.pk).status_notice == ""


def test_erratum_through_the_editor_only_for_approved_minutes(meeting, manager_client, manager):
    from agenda.models import Erratum

    url = reverse("admin:agenda_erratum_add")
    refused = manager_client.post(url, {"meeting": meeting.pk, "text": "Wrong vote."})
    assert refused.status_code == 200 and "not approved yet" in refused.content.decode()
    Meeting.objects.filter(pk=meeting.pk).update(
        agenda_status="published", minutes_status="approved"
    )
    assert (
        manager_client.post(url, {"meeting": meeting.pk, "text": "Wrong vote."}).status_code == 302
    )
    erratum = Erratum.objects.get()
    assert erratum.recorded_by == manager
    assert Transition.objects.get(meeting=meeting).kind == "erratum"
    change = reverse("admin:agenda_erratum_change", args=[erratum.pk])
    manager_client.post(change, {"meeting": meeting.pk, "text": "Quietly changed."})
    assert Erratum.objects.get().text == "Wrong vote."


def test_add_standard_items_action(manager_client):
    earlier = MeetingFactory(start=timezone.now() + datetime.timedelta(days=20))
    later = MeetingFactory(
        committee=earlier.committee, start=earlier.start + datetime.timedelta(days=30)
    )
    manager_client.post(
        CHANGELIST, {"action": "add_standard_items", "_selected_action": [later.pk, earlier.pk]}
    )
    item = later.items.get(kind="previous_minutes")
    assert item.previous_minutes_of == earlier
    assert not earlier.items.filter(kind="previous_minutes").exists()
