"""Publishing from the editor: a manager confirms once and publishes; a clerk cannot."""

import datetime

import pytest
from django.utils import timezone

from agenda.models import Meeting
from tests.admin_objects import admin_url
from tests.factories import AgendaItemFactory, MeetingFactory

pytestmark = pytest.mark.django_db


def meeting_in_good_time():
    """A meeting whose agenda deadline is weeks away. MeetingFactory's own dates run from
    tomorrow, and an agenda published the day before is late (it needs a reason)."""
    return MeetingFactory(start=timezone.now() + datetime.timedelta(days=30))


def action_choices(client):
    form = client.get(admin_url(Meeting, "changelist")).context["action_form"]
    return dict(form.fields["action"].choices) if form else {}


def publish_post(client, meeting, **extra):
    data = {"action": "publish_agenda", "_selected_action": [meeting.pk], **extra}
    return client.post(admin_url(Meeting, "changelist"), data)


def test_clerk_has_no_publish_action(clerk_client):
    meeting = MeetingFactory()
    assert "publish_agenda" not in action_choices(clerk_client)
    assert "publish_draft_minutes" not in action_choices(clerk_client)
    publish_post(clerk_client, meeting, confirmed="yes")
    meeting.refresh_from_db()
    assert meeting.agenda_status == Meeting.AgendaStatus.DRAFT


def test_manager_publishes_the_agenda_after_one_confirmation(manager_client):
    meeting = meeting_in_good_time()
    item = AgendaItemFactory(meeting=meeting)
    assert "publish_agenda" in action_choices(manager_client)

    confirm = publish_post(manager_client, meeting)
    assert confirm.status_code == 200
    assert b"Yes, publish" in confirm.content
    assert str(meeting).encode() in confirm.content
    meeting.refresh_from_db()
    assert meeting.agenda_status == Meeting.AgendaStatus.DRAFT  # nothing yet

    done = publish_post(manager_client, meeting, confirmed="yes")
    assert done.status_code == 302
    meeting.refresh_from_db()
    item.refresh_from_db()
    assert meeting.agenda_status == Meeting.AgendaStatus.PUBLISHED
    assert meeting.agenda_published_at is not None
    assert item.published_at is not None


def test_publishing_twice_gives_a_message_not_a_crash(manager_client):
    meeting = meeting_in_good_time()
    publish_post(manager_client, meeting, confirmed="yes")
    response = publish_post(manager_client, meeting, confirmed="yes")
    assert response.status_code == 302
    follow = manager_client.get(response.url)
    assert "already published" in follow.content.decode()
