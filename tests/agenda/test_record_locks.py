"""Approved minutes cannot change through the models or QuerySets: every path is refused,
nothing is written, and the public page still equals the approved minutes PDF."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from agenda import publishing
from agenda.models import (
    Action,
    AgendaItem,
    Attendance,
    Declaration,
    Erratum,
    Meeting,
    Recommendation,
    Resolution,
)
from agenda.models.locks import RecordLocked
from tests import factories as f
from tests.agenda.record_helpers import approved_meeting, assert_record_unchanged, snapshot

pytestmark = pytest.mark.django_db


@pytest.fixture
def approved(db):
    meeting = approved_meeting()
    return meeting, snapshot(meeting)


def first_item(meeting):
    return meeting.items.order_by("position").first()


SAVES = {
    "meeting start": lambda m: (m, "start", m.start + datetime.timedelta(hours=1)),
    "meeting end": lambda m: (m, "end", m.start + datetime.timedelta(hours=3)),
    "meeting venue": lambda m: (m, "venue", f.VenueFactory()),
    "item title": lambda m: (first_item(m), "title", "Rewritten title"),
    "item text": lambda m: (first_item(m), "agenda_text", "<p>Rewritten.</p>"),
    "item minute": lambda m: (first_item(m), "minutes_text", "<p>Rewritten.</p>"),
    "item order": lambda m: (first_item(m), "position", 99),
    "item number": lambda m: (first_item(m), "number", "9"),
    "item action line": lambda m: (first_item(m), "action_owner", "Nobody"),
    "recommendation": lambda m: (
        Recommendation.objects.filter(item__meeting=m).first(),
        "text",
        "x",
    ),
    "resolution": lambda m: (Resolution.objects.filter(item__meeting=m).first(), "text", "x"),
    "resolution outcome": lambda m: (
        Resolution.objects.filter(item__meeting=m).first(),
        "outcome",
        Resolution.Outcome.LOST,
    ),
    "action as minuted": lambda m: (Action.objects.filter(item__meeting=m).first(), "owner", "x"),
    "attendance": lambda m: (m.attendances.first(), "status", Attendance.Status.ABSENT),
    "declaration": lambda m: (m.declarations.first(), "description", "Nothing."),
}


def test_model_save_is_refused(approved, client):
    meeting, before = approved
    for path, attempt in SAVES.items():
        row, name, value = attempt(meeting)
        setattr(row, name, value)
        with pytest.raises(ValidationError, match="Record an erratum"):
            row.full_clean()
        with pytest.raises(RecordLocked, match="Record an erratum"):
            row.save()
        assert_record_unchanged(client, meeting, before), path


def test_an_unchanged_save_and_follow_up_are_allowed(approved, client):
    meeting, before = approved
    item = first_item(meeting)
    item.save()  # nothing changed: not an edit of the record
    action = Action.objects.filter(item__meeting=meeting).first()
    action.status = Action.Status.DONE
    action.completed_on = timezone.localdate()
    action.save()
    Action.objects.filter(pk=action.pk).update(status=Action.Status.IN_PROGRESS, completed_on=None)
    assert Action.objects.get(pk=action.pk).status == Action.Status.IN_PROGRESS
    assert_record_unchanged(client, meeting, before)


ADDS = {
    "item": lambda m: AgendaItem(meeting=m, title="Late addition"),
    "attendance": lambda m: Attendance(meeting=m, person=f.PersonFactory()),
    "declaration": lambda m: Declaration(
        meeting=m, person=f.PersonFactory(), kind="pecuniary", description="x"
    ),
    "resolution": lambda m: Resolution(item=first_item(m), position=5, text="x"),
    "recommendation": lambda m: Recommendation(item=first_item(m), position=5, text="x"),
    "action": lambda m: Action(item=first_item(m), owner="Someone"),
}


def test_adding_to_approved_minutes_is_refused(approved, client):
    meeting, before = approved
    for make in ADDS.values():
        row = make(meeting)
        with pytest.raises(RecordLocked, match="nothing can be added"):
            row.save()
        with pytest.raises(RecordLocked, match="nothing can be added"):
            type(row).objects.bulk_create([make(meeting)])
        assert_record_unchanged(client, meeting, before)


def test_the_wards_of_an_approved_item_are_locked(approved):
    meeting, _before = approved
    item, ward = first_item(meeting), f.WardFactory()
    # Django adds m2m rows without a savepoint of its own: the caller's transaction ends.
    with pytest.raises(RecordLocked), transaction.atomic():
        item.wards_affected.add(ward)
    with pytest.raises(RecordLocked), transaction.atomic():
        ward.items.add(item)
    assert not item.wards_affected.exists()


def test_moving_a_row_into_approved_minutes_is_refused(approved):
    meeting, _before = approved
    other = f.AgendaItemFactory()
    row = f.ResolutionFactory(item=other, position=1)
    row.item = first_item(meeting)
    row.position = 7
    with pytest.raises(RecordLocked):
        row.save()


DELETES = {
    "meeting": lambda m: m,
    "item": first_item,
    "resolution": lambda m: Resolution.objects.filter(item__meeting=m).first(),
    "recommendation": lambda m: Recommendation.objects.filter(item__meeting=m).first(),
    "action": lambda m: Action.objects.filter(item__meeting=m).first(),
    "attendance": lambda m: m.attendances.first(),
    "declaration": lambda m: m.declarations.first(),
}


def test_model_and_queryset_delete_are_refused(approved, client):
    meeting, before = approved
    for pick in DELETES.values():
        row = pick(meeting)
        with pytest.raises(RecordLocked):
            row.delete()
        with pytest.raises(RecordLocked):
            type(row).objects.filter(pk=row.pk).delete()
        assert_record_unchanged(client, meeting, before)


UPDATES = {
    "meeting times": lambda m: (Meeting.objects.filter(pk=m.pk), {"start": F("start")}),
    "item titles": lambda m: (m.items.all(), {"title": "Same for all"}),
    "item order": lambda m: (AgendaItem.objects.filter(meeting=m), {"position": F("position") + 9}),
    "minutes": lambda m: (AgendaItem.objects.filter(meeting=m), {"minutes_text": ""}),
    "resolutions": lambda m: (Resolution.objects.filter(item__meeting=m), {"text": "x"}),
    "recommendations": lambda m: (Recommendation.objects.filter(item__meeting=m), {"text": "x"}),
    "actions": lambda m: (Action.objects.filter(item__meeting=m), {"description": "x"}),
    "attendance": lambda m: (Attendance.objects.filter(meeting=m), {"status": "absent"}),
    "declarations": lambda m: (Declaration.objects.filter(meeting=m), {"description": "x"}),
    # A mixed QuerySet: one locked row is enough to refuse the whole write.
    "all items": lambda m: (AgendaItem.objects.all(), {"title": "Everything"}),
}


TEXT_FIELDS = ("title", "text", "description", "minutes_text")


def test_queryset_update_and_bulk_update_are_refused(approved, client):
    meeting, before = approved
    f.AgendaItemFactory(title="Another meeting's item")  # for the mixed QuerySet
    for queryset, values in (attempt(meeting) for attempt in UPDATES.values()):
        with pytest.raises(RecordLocked, match="Record an erratum"):
            queryset.update(**values)
        rows = list(queryset)
        name = next(iter(values))
        for row in rows:
            if name in TEXT_FIELDS:
                setattr(row, name, "x")
        with pytest.raises(RecordLocked, match="Record an erratum"):
            type(rows[0]).objects.bulk_update(rows, [name])
        assert_record_unchanged(client, meeting, before)


def test_the_publishing_steps_still_write_their_fields(approved, manager, client):
    """The lock opens to the steps only: an erratum is recorded, nothing edited."""
    meeting, before = approved
    result = publishing.run(
        "record_erratum", meeting, manager, text="Item 2: for moorings read berths."
    )
    assert Erratum.objects.get(pk=result.created.pk).meeting == meeting
    assert "for moorings read berths" in client.get(meeting.get_absolute_url()).content.decode()
    assert_record_unchanged(client, meeting, before)


def test_draft_minutes_stay_editable(db):
    meeting = approved_meeting(approved=False)
    item = first_item(meeting)
    item.minutes_text = "<p>Corrected draft.</p>"
    item.save()
    Attendance.objects.filter(meeting=meeting).update(note="arrived late")
    # ...but an item of the published agenda is never deleted: it is withdrawn.
    with pytest.raises(RecordLocked, match="withdraw it instead"):
        item.delete()
    with pytest.raises(RecordLocked, match="withdraw it instead"):
        meeting.items.all().delete()
    with pytest.raises(RecordLocked, match="cancel or postpone"):
        Meeting.objects.filter(pk=meeting.pk).delete()
    with pytest.raises(RecordLocked, match="withdraw it instead"):
        item.meeting = f.MeetingFactory()
        item.save()
