"""Actions that come back: updates with history, a public tracker per committee, a
suggested item at the first meeting after the due date, reminders to owners."""

import datetime

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from agenda.models import Action, ActionUpdate, OutgoingEmail
from tests import factories as f

pytestmark = pytest.mark.django_db

DAY = datetime.timedelta(days=1)


def test_a_report_back_is_suggested_at_the_first_meeting_after_the_due_date(manager_client):
    committee = f.CommitteeFactory(name="Area Committee")
    now = timezone.now()
    source = f.MeetingFactory(committee=committee, start=now - 300 * DAY)
    item = f.AgendaItemFactory(meeting=source, title="Protecting children at risk")
    action = f.ActionFactory(
        item=item,
        owner="Chief Executive",
        description="A further update in 12 months' time",
        due_date=timezone.localdate() + 60 * DAY,
        report_back=True,
    )
    before = f.MeetingFactory(committee=committee, start=now + 30 * DAY)
    first = f.MeetingFactory(committee=committee, start=now + 70 * DAY)
    later = f.MeetingFactory(committee=committee, start=now + 120 * DAY)
    assert list(Action.objects.reports_due_at(first)) == [action]
    assert not Action.objects.reports_due_at(before).exists()
    assert not Action.objects.reports_due_at(later).exists()  # the first meeting has it

    page = manager_client.get(reverse("admin:agenda_meeting_change", args=[first.pk]))
    assert "A further update in 12 months" in page.content.decode()
    manager_client.post(reverse("admin:agenda_meeting_add_report_item", args=[first.pk, action.pk]))
    action.refresh_from_db()
    assert action.report_item.meeting == first
    assert action.report_item.title.startswith("Update: A further update")
    assert not Action.objects.reports_due_at(first).exists()


def test_updates_keep_history_and_show_on_the_public_tracker(client, clerk):
    meeting = f.publish(f.MeetingFactory(start=timezone.now() - 30 * DAY), minutes=True)
    item = f.AgendaItemFactory(
        meeting=meeting, title="Library hours", published_at=meeting.agenda_published_at
    )
    action = f.ActionFactory(item=item, owner="Head of Libraries", description="Consult users")
    ActionUpdate.objects.create(
        action=action, text="Survey sent to 2,000 members.", status="in_progress", by=clerk
    )
    ActionUpdate.objects.create(action=action, text="Report written.", status="done", by=clerk)
    action.refresh_from_db()
    assert action.status == "done" and action.completed_on == timezone.localdate()
    assert action.history.count() >= 3
    url = reverse("agenda:committee_actions", args=[meeting.committee.slug])
    page = client.get(url).content.decode()
    assert "Consult users" in page and "Survey sent to 2,000 members." in page
    assert "Head of Libraries" in page
    # An exempt item's action never reaches the tracker.
    secret = f.AgendaItemFactory(meeting=meeting, is_exempt=True, exempt_paragraph=3,
                                 published_at=meeting.agenda_published_at)  # fmt: skip
    f.ActionFactory(item=secret, owner="Head of Estates", description="Sell the depot quietly")
    assert "Sell the depot" not in client.get(url).content.decode()
    assert "Consult users" not in client.get(url + "?status=outstanding").content.decode()


def test_reminders_before_and_after_the_due_date_are_sent_once(
    mailoutbox, django_capture_on_commit_callbacks
):
    owner = f.PersonFactory(email="owner@example.org")
    soon = f.ActionFactory(owner_person=owner, due_date=timezone.localdate() + 3 * DAY,
                           description="Soon")  # fmt: skip
    late = f.ActionFactory(owner_person=owner, due_date=timezone.localdate() - 3 * DAY,
                           description="Late")  # fmt: skip
    f.ActionFactory(owner_person=owner, due_date=timezone.localdate() + 30 * DAY)
    f.ActionFactory(owner_person=owner, due_date=timezone.localdate() - 3 * DAY, status="done")
    with django_capture_on_commit_callbacks(execute=True):
        call_command("remind_action_owners")
        call_command("remind_action_owners")  # the same day again: nothing new
    subjects = sorted(m.subject for m in mailoutbox)
    assert len(subjects) == 2
    assert subjects[0].startswith("Due on") and "Soon" in subjects[0]
    assert subjects[1].startswith("Overdue since") and "Late" in subjects[1]
    assert OutgoingEmail.objects.filter(kind="reminder").count() == 2
    assert soon and late
