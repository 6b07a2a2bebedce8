"""Each workflow step allowed, and refused for wrong state, wrong role and same person."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from agenda import publishing
from agenda.models import AgendaItem, Meeting, Transition
from agenda.publishing.standard_items import add_standard_items
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


def edit_as(obj, user, *, change=True):
    """Save `obj` as `user`: a real edit of its title, or (change=False) a save that
    changes nothing."""
    if change:
        obj.title = f"{obj.title} (revised)"
    obj._history_user = user
    obj.save()


def test_four_eyes_ignores_a_save_that_changes_nothing(meeting, manager, manager2):
    edit_as(meeting.items.first(), manager)
    # manager2 opens the item and saves it unchanged: still manager's edit, so manager2
    # may release and manager may not.
    edit_as(meeting.items.first(), manager2, change=False)
    assert publishing.last_editor(meeting) == manager
    with pytest.raises(ValidationError, match="four-eyes"):
        publishing.run("publish_agenda", meeting, manager)
    publishing.run("publish_agenda", meeting, manager2)


def test_agenda_publish_records_who_when_and_publishes_items(meeting, manager):
    publishing.run("publish_agenda", meeting, manager)
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
        publishing.run("publish_agenda", meeting, clerk)
    assert Meeting.objects.get(pk=meeting.pk).agenda_status == Meeting.AgendaStatus.DRAFT


def test_publishing_twice_is_refused(meeting, manager):
    publishing.run("publish_agenda", meeting, manager)
    with pytest.raises(ValidationError, match="already published"):
        publishing.run("publish_agenda", meeting, manager)


def test_four_eyes_refuses_the_last_editor(meeting, manager, manager2):
    edit_as(meeting.items.first(), manager)
    with pytest.raises(ValidationError, match="four-eyes"):
        publishing.run("publish_agenda", meeting, manager)
    publishing.run("publish_agenda", meeting, manager2)
    assert Transition.objects.get(meeting=meeting).user == manager2


def test_four_eyes_can_be_switched_off(meeting, manager, settings):
    settings.FOUR_EYES_RELEASE = False
    edit_as(meeting, manager)
    publishing.run("publish_agenda", meeting, manager)


def test_late_agenda_needs_and_stores_a_reason(manager):
    meeting = MeetingFactory(start=timezone.now() + datetime.timedelta(days=2))
    AgendaItemFactory(meeting=meeting)
    with pytest.raises(ValidationError, match="urgency"):
        publishing.run("publish_agenda", meeting, manager)
    publishing.run("publish_agenda", meeting, manager, urgency_reason="Grant deadline.")
    meeting.refresh_from_db()
    assert meeting.late_publication_reason == "Grant deadline."
    assert Transition.objects.get(meeting=meeting).reason == "Grant deadline."


def test_exempt_item_without_reason_blocks_release(meeting, manager):
    AgendaItemFactory(meeting=meeting, is_exempt=True, exempt_paragraph=3)
    with pytest.raises(ValidationError, match="public interest reason"):
        publishing.run("publish_agenda", meeting, manager)


def test_items_added_after_publication_are_a_supplement(meeting, manager):
    publishing.run("publish_agenda", meeting, manager)
    late = AgendaItemFactory(meeting=meeting, title="Late report")
    assert late.is_supplement and late.published_at is None
    publishing.run("publish_supplement", meeting, manager)
    late.refresh_from_db()
    meeting.refresh_from_db()
    assert late.published_at is not None
    assert meeting.agenda_status == Meeting.AgendaStatus.SUPPLEMENT_PUBLISHED
    with pytest.raises(ValidationError, match="nothing new"):
        publishing.run("publish_supplement", meeting, manager)


def test_late_supplement_item_records_urgency_on_the_item(manager):
    meeting = MeetingFactory(start=timezone.now() + datetime.timedelta(days=1))
    AgendaItemFactory(meeting=meeting)
    publishing.run("publish_agenda", meeting, manager, urgency_reason="Flooding.")
    item = AgendaItemFactory(meeting=meeting)
    with pytest.raises(ValidationError, match="urgency"):
        publishing.run("publish_supplement", meeting, manager)
    publishing.run("publish_supplement", meeting, manager, urgency_reason="Storm damage.")
    item.refresh_from_db()
    assert item.is_urgent and item.urgency_reason == "Storm damage."


def test_supplement_before_agenda_refused(meeting, manager):
    with pytest.raises(ValidationError, match="Publish the agenda first"):
        publishing.run("publish_supplement", meeting, manager)


@pytest.mark.parametrize("name", ["cancel", "postpone"])
def test_cancel_or_postpone_before_the_meeting_is_public(meeting, manager, clerk, name):
    def step(meeting, user, notice):
        return publishing.run(name, meeting, user, notice=notice)

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
        publishing.run("publish_agenda", meeting, manager)


def test_cannot_cancel_after_the_meeting_started(meeting, manager):
    later = meeting.start + datetime.timedelta(hours=1)
    with pytest.raises(ValidationError, match="already under way"):
        publishing.run("cancel", meeting, manager, notice="x", now=later)


def _publish_and_hold(meeting, manager, clerk):
    before = meeting.start - datetime.timedelta(days=20)
    publishing.run("publish_agenda", meeting, manager, now=before)
    publishing.run("record_held", meeting, clerk, now=meeting.start)
    meeting.refresh_from_db()
    return meeting


def test_held_then_minutes_draft_then_published(meeting, manager, clerk):
    with pytest.raises(ValidationError, match="never published"):
        publishing.run("record_held", meeting, clerk, now=meeting.start)
    publishing.run("publish_agenda", meeting, manager)
    with pytest.raises(ValidationError, match="not started yet"):
        publishing.run("record_held", meeting, clerk)
    with pytest.raises(ValidationError, match="has not been held"):
        publishing.run("publish_draft_minutes", meeting, manager)
    publishing.run("record_held", meeting, clerk, now=meeting.start)
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.HELD
    assert meeting.minutes_status == Meeting.MinutesStatus.DRAFT
    with pytest.raises(PermissionDenied):
        publishing.run("publish_draft_minutes", meeting, clerk, now=meeting.start)
    publishing.run("publish_draft_minutes", meeting, manager, now=meeting.start)
    meeting.refresh_from_db()
    assert meeting.minutes_status == Meeting.MinutesStatus.DRAFT_PUBLISHED
    with pytest.raises(ValidationError, match="already draft minutes published"):
        publishing.run("publish_draft_minutes", meeting, manager, now=meeting.start)
    kinds = list(Transition.objects.filter(meeting=meeting).values_list("kind", flat=True))
    assert sorted(kinds) == ["agenda_published", "draft_minutes_published", "held"]


def test_minutes_four_eyes(meeting, manager, manager2, clerk):
    meeting = _publish_and_hold(meeting, manager, clerk)
    item = meeting.items.first()
    item.minutes_text = "<p>Resolved as recommended.</p>"
    edit_as(item, manager2)
    with pytest.raises(ValidationError, match="four-eyes"):
        publishing.run("publish_draft_minutes", meeting, manager2, now=meeting.start)
    # The earlier release by `manager` (a workflow save) does not count as an edit.
    publishing.run("publish_draft_minutes", meeting, manager, now=meeting.start)


def test_legacy_signature_publishes_approved_minutes(manager):
    meeting = MeetingFactory(start=timezone.now() - datetime.timedelta(days=40))
    AgendaItemFactory(meeting=meeting)
    publishing.run(
        "publish_agenda", meeting, manager, now=meeting.start - datetime.timedelta(days=14)
    )
    publishing.run("publish_approved_minutes", meeting, manager)
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.HELD
    assert meeting.minutes_status == Meeting.MinutesStatus.APPROVED


def test_standard_item_added_for_the_next_meeting(meeting, manager):
    following = MeetingFactory(
        committee=meeting.committee, start=meeting.start + datetime.timedelta(days=30)
    )
    publishing.run("publish_agenda", following, manager)
    item = following.items.get(kind=AgendaItem.Kind.PREVIOUS_MINUTES)
    assert item.previous_minutes_of == meeting
    assert item.title == "Minutes of the previous meeting"
    # Only before publication: a published agenda takes new items as a supplement.
    with pytest.raises(ValidationError, match="supplement"):
        add_standard_items(following)
