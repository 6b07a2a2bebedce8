"""Each workflow step allowed, and refused for wrong state, wrong role and same person."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from agenda import services
from agenda.models import AgendaItem, Meeting, Transition
from tests.factories import AgendaItemFactory, MeetingFactory, user_in_group

pytestmark = pytest.mark.django_db
MANAGER = "Democratic services manager"


@pytest.fixture
def manager2(db):
    return user_in_group("manager2", MANAGER)


@pytest.fixture
def meeting(db):
    start = timezone.now().replace(microsecond=0) + datetime.timedelta(days=30)
    meeting = MeetingFactory(start=start)
    AgendaItemFactory(meeting=meeting, title="Budget")
    return meeting


def edit_as(obj, user):
    obj._history_user = user
    obj.save()


def test_agenda_publish_records_who_when_and_publishes_items(meeting, manager):
    services.agenda_publish(meeting=meeting, user=manager)
    meeting.refresh_from_db()
    assert meeting.agenda_status == Meeting.AgendaStatus.PUBLISHED
    assert meeting.items.filter(published_at__isnull=True).count() == 0
    row = Transition.objects.get(meeting=meeting)
    assert row.kind == Transition.Kind.AGENDA_PUBLISHED
    assert row.user == manager
    assert row.from_state == "scheduled/draft/none"
    assert row.to_state == "scheduled/published/none"
    assert "OK: Exempt" in row.checks


def test_clerk_cannot_publish(meeting, clerk):
    with pytest.raises(PermissionDenied, match="democratic services manager"):
        services.agenda_publish(meeting=meeting, user=clerk)
    assert Meeting.objects.get(pk=meeting.pk).agenda_status == Meeting.AgendaStatus.DRAFT


def test_publishing_twice_is_refused(meeting, manager):
    services.agenda_publish(meeting=meeting, user=manager)
    with pytest.raises(ValidationError, match="already published"):
        services.agenda_publish(meeting=meeting, user=manager)


def test_four_eyes_refuses_the_last_editor(meeting, manager, manager2):
    edit_as(meeting.items.first(), manager)
    with pytest.raises(ValidationError, match="four-eyes"):
        services.agenda_publish(meeting=meeting, user=manager)
    services.agenda_publish(meeting=meeting, user=manager2)
    assert Transition.objects.get(meeting=meeting).user == manager2


def test_four_eyes_can_be_switched_off(meeting, manager, settings):
    settings.FOUR_EYES_RELEASE = False
    edit_as(meeting, manager)
    services.agenda_publish(meeting=meeting, user=manager)


def test_late_agenda_needs_and_stores_a_reason(manager):
    meeting = MeetingFactory(start=timezone.now() + datetime.timedelta(days=2))
    AgendaItemFactory(meeting=meeting)
    with pytest.raises(ValidationError, match="urgency"):
        services.agenda_publish(meeting=meeting, user=manager)
    services.agenda_publish(meeting=meeting, user=manager, urgency_reason="Grant deadline.")
    meeting.refresh_from_db()
    assert meeting.late_publication_reason == "Grant deadline."
    assert Transition.objects.get(meeting=meeting).reason == "Grant deadline."


def test_exempt_item_without_reason_blocks_release(meeting, manager):
    AgendaItemFactory(meeting=meeting, is_exempt=True, exempt_paragraph=3)
    with pytest.raises(ValidationError, match="public interest reason"):
        services.agenda_publish(meeting=meeting, user=manager)


def test_items_added_after_publication_are_a_supplement(meeting, manager):
    services.agenda_publish(meeting=meeting, user=manager)
    late = AgendaItemFactory(meeting=meeting, title="Late report")
    assert late.is_supplement and late.published_at is None
    services.supplement_publish(meeting=meeting, user=manager)
    late.refresh_from_db()
    meeting.refresh_from_db()
    assert late.published_at is not None
    assert meeting.agenda_status == Meeting.AgendaStatus.SUPPLEMENT_PUBLISHED
    with pytest.raises(ValidationError, match="nothing new"):
        services.supplement_publish(meeting=meeting, user=manager)


def test_late_supplement_item_records_urgency_on_the_item(manager):
    meeting = MeetingFactory(start=timezone.now() + datetime.timedelta(days=1))
    AgendaItemFactory(meeting=meeting)
    services.agenda_publish(meeting=meeting, user=manager, urgency_reason="Flooding.")
    item = AgendaItemFactory(meeting=meeting)
    with pytest.raises(ValidationError, match="urgency"):
        services.supplement_publish(meeting=meeting, user=manager)
    services.supplement_publish(meeting=meeting, user=manager, urgency_reason="Storm damage.")
    item.refresh_from_db()
    assert item.is_urgent and item.urgency_reason == "Storm damage."


def test_supplement_before_agenda_refused(meeting, manager):
    with pytest.raises(ValidationError, match="Publish the agenda first"):
        services.supplement_publish(meeting=meeting, user=manager)


@pytest.mark.parametrize("step", [services.meeting_cancel, services.meeting_postpone])
def test_cancel_or_postpone_before_the_meeting_is_public(meeting, manager, clerk, step):
    with pytest.raises(PermissionDenied):
        step(meeting=meeting, user=clerk, notice="No business.")
    with pytest.raises(ValidationError, match="public notice"):
        step(meeting=meeting, user=manager, notice="  ")
    step(meeting=meeting, user=manager, notice="No business to transact.")
    meeting.refresh_from_db()
    assert meeting.is_called_off
    assert Meeting.objects.public().filter(pk=meeting.pk).exists()
    with pytest.raises(ValidationError, match="Only a scheduled meeting"):
        step(meeting=meeting, user=manager, notice="Again")
    with pytest.raises(ValidationError, match="cannot be published"):
        services.agenda_publish(meeting=meeting, user=manager)


def test_cannot_cancel_after_the_meeting_started(meeting, manager):
    later = meeting.start + datetime.timedelta(hours=1)
    with pytest.raises(ValidationError, match="already under way"):
        services.meeting_cancel(meeting=meeting, user=manager, notice="x", now=later)


def _publish_and_hold(meeting, manager, clerk):
    before = meeting.start - datetime.timedelta(days=20)
    services.agenda_publish(meeting=meeting, user=manager, now=before)
    services.meeting_held(meeting=meeting, user=clerk, now=meeting.start)
    meeting.refresh_from_db()
    return meeting


def test_held_then_minutes_draft_then_published(meeting, manager, clerk):
    with pytest.raises(ValidationError, match="never published"):
        services.meeting_held(meeting=meeting, user=clerk, now=meeting.start)
    services.agenda_publish(meeting=meeting, user=manager)
    with pytest.raises(ValidationError, match="not started yet"):
        services.meeting_held(meeting=meeting, user=clerk)
    with pytest.raises(ValidationError, match="has not been held"):
        services.minutes_publish(meeting=meeting, user=manager)
    services.meeting_held(meeting=meeting, user=clerk, now=meeting.start)
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.HELD
    assert meeting.minutes_status == Meeting.MinutesStatus.DRAFT
    with pytest.raises(PermissionDenied):
        services.minutes_publish(meeting=meeting, user=clerk, now=meeting.start)
    services.minutes_publish(meeting=meeting, user=manager, now=meeting.start)
    meeting.refresh_from_db()
    assert meeting.minutes_status == Meeting.MinutesStatus.DRAFT_PUBLISHED
    with pytest.raises(ValidationError, match="already draft minutes published"):
        services.minutes_publish(meeting=meeting, user=manager, now=meeting.start)
    kinds = list(Transition.objects.filter(meeting=meeting).values_list("kind", flat=True))
    assert sorted(kinds) == ["agenda_published", "draft_minutes_published", "held"]


def test_minutes_four_eyes(meeting, manager, manager2, clerk):
    meeting = _publish_and_hold(meeting, manager, clerk)
    item = meeting.items.first()
    item.minutes_text = "<p>Resolved as recommended.</p>"
    edit_as(item, manager2)
    with pytest.raises(ValidationError, match="four-eyes"):
        services.minutes_publish(meeting=meeting, user=manager2, now=meeting.start)
    # The earlier release by `manager` (a workflow save) does not count as an edit.
    services.minutes_publish(meeting=meeting, user=manager, now=meeting.start)


def test_legacy_signature_publishes_approved_minutes(manager):
    meeting = MeetingFactory(start=timezone.now() - datetime.timedelta(days=40))
    AgendaItemFactory(meeting=meeting)
    services.agenda_publish(
        meeting=meeting, user=manager, now=meeting.start - datetime.timedelta(days=10)
    )
    services.minutes_publish(meeting=meeting, user=manager, approved=True)
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.HELD
    assert meeting.minutes_status == Meeting.MinutesStatus.APPROVED


def test_standard_item_added_for_the_next_meeting(meeting, manager):
    following = MeetingFactory(
        committee=meeting.committee, start=meeting.start + datetime.timedelta(days=30)
    )
    services.agenda_publish(meeting=following, user=manager)
    item = following.items.get(kind=AgendaItem.Kind.PREVIOUS_MINUTES)
    assert item.previous_minutes_of == meeting
    assert item.title == "Minutes of the previous meeting"
    # Only once.
    assert services.add_standard_items(meeting=following, user=manager) is None
