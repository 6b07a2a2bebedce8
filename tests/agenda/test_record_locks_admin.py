"""Approved minutes and published items hold in the editor and the importer too: change
forms, inlines, delete pages, bulk actions and a re-import all leave the record as approved,
and the public page still equals the approved minutes PDF."""

import datetime

import pytest
from django.urls import reverse

from agenda.importers.load import import_file
from agenda.models import AgendaItem, Meeting
from tests import factories as f
from tests.agenda.admin_forms import change_form_data
from tests.agenda.import_helpers import fixture
from tests.agenda.record_helpers import approved_meeting, assert_record_unchanged, snapshot

pytestmark = pytest.mark.django_db


@pytest.fixture
def approved(db):
    meeting = approved_meeting()
    return meeting, snapshot(meeting)


def change_url(obj):
    return reverse(f"admin:agenda_{obj._meta.model_name}_change", args=[obj.pk])


def test_admin_change_forms_change_nothing(approved, admin_client, client):
    meeting, before = approved
    page = admin_client.get(change_url(meeting))
    assert "Record an erratum instead" in page.content.decode()
    data = change_form_data(page)
    data.update(title="Renamed meeting", start_0="2020-01-01", start_1="09:00:00")
    admin_client.post(change_url(meeting), data)
    assert_record_unchanged(client, meeting, before)

    item = meeting.items.order_by("position").first()
    data = change_form_data(admin_client.get(change_url(item)))
    data.update(title="Renamed item", minutes_text="<p>Rewritten.</p>", position="9")
    admin_client.post(change_url(item), data)
    assert_record_unchanged(client, meeting, before)


def test_admin_inlines_change_nothing(approved, admin_client, client):
    meeting, before = approved
    data = change_form_data(admin_client.get(change_url(meeting)))
    # Whatever a (stale or hand-made) page posts for the inline rows is not applied.
    data.update(
        {
            "items-0-title": "Renamed inline",
            "items-0-position": "7",
            "items-0-DELETE": "on",
            "attendances-0-status": "absent",
            "attendances-0-DELETE": "on",
        }
    )
    admin_client.post(change_url(meeting), data)
    assert_record_unchanged(client, meeting, before)
    item = meeting.items.order_by("position").first()
    data = change_form_data(admin_client.get(change_url(item)))
    data.update(
        {
            "resolutions-0-text": "<p>Rewritten.</p>",
            "resolutions-0-DELETE": "on",
            "recommendations-0-text": "<p>Rewritten.</p>",
            "declarations-0-description": "Nothing.",
        }
    )
    admin_client.post(change_url(item), data)
    assert_record_unchanged(client, meeting, before)


def test_an_inline_delete_of_a_published_item_is_refused_with_the_reason(db, admin_client):
    meeting = approved_meeting(approved=False)
    data = change_form_data(admin_client.get(change_url(meeting)))
    data["items-0-DELETE"] = "on"
    response = admin_client.post(change_url(meeting), data)
    assert response.status_code == 200
    assert "withdraw it instead" in response.content.decode()
    assert meeting.items.count() == 3


def test_admin_delete_pages_refuse(approved, admin_client, client):
    meeting, before = approved
    item = meeting.items.order_by("position").first()
    for obj in (item, meeting, item.resolutions.first()):
        url = reverse(f"admin:agenda_{obj._meta.model_name}_delete", args=[obj.pk])
        page = admin_client.get(url).content.decode()
        assert "Record an erratum instead" in page
        admin_client.post(url, {"post": "yes"})
        assert type(obj).objects.filter(pk=obj.pk).exists()
        assert_record_unchanged(client, meeting, before)


def test_admin_bulk_actions_refuse(approved, admin_client, client):
    meeting, before = approved
    items = reverse("admin:agenda_agendaitem_changelist")
    pks = [str(pk) for pk in meeting.items.values_list("pk", flat=True)]
    response = admin_client.post(
        items, {"action": "delete_selected", "_selected_action": pks, "post": "yes"}
    )
    assert "Record an erratum instead" in response.content.decode()
    assert meeting.items.count() == 3
    assert_record_unchanged(client, meeting, before)

    f.MeetingFactory(committee=meeting.committee, start=meeting.start - datetime.timedelta(30))
    meetings = reverse("admin:agenda_meeting_changelist")
    response = admin_client.post(
        meetings,
        {"action": "add_standard_items", "_selected_action": [str(meeting.pk)]},
        follow=True,
    )
    assert "nothing can be added" in response.content.decode()
    response = admin_client.post(
        meetings,
        {"action": "delete_selected", "_selected_action": [str(meeting.pk)], "post": "yes"},
    )
    assert Meeting.objects.filter(pk=meeting.pk).exists()
    assert_record_unchanged(client, meeting, before)


def test_a_published_item_cannot_be_deleted_in_the_editor(db, admin_client):
    meeting = approved_meeting(approved=False)
    item = meeting.items.order_by("position").first()
    url = reverse("admin:agenda_agendaitem_delete", args=[item.pk])
    assert "withdraw it instead" in admin_client.get(url).content.decode()
    admin_client.post(url, {"post": "yes"})
    assert AgendaItem.objects.filter(pk=item.pk).exists()


def test_a_reimport_cannot_change_approved_minutes(db, client):
    data = fixture("getmeeting.xml")
    first = import_file("getmeeting.xml", data, pdfs=True)
    assert first.ok, first.lines()
    meeting = Meeting.objects.get(external_id="mg-meeting-7301")
    assert meeting.minutes_locked
    before = snapshot(meeting)
    changed = data.replace(b"The Panel heard from two", b"The Panel heard from four")
    report = import_file("getmeeting.xml", changed, pdfs=True)
    assert not report.ok
    assert "approved as a correct record" in report.error
    assert_record_unchanged(client, meeting, before)
    # The same file again changes nothing, and is fine.
    assert import_file("getmeeting.xml", data).ok
    assert_record_unchanged(client, meeting, before)
