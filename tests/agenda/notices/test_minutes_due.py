"""The minutes-due reminder: the clerk hears, by email through the task worker and a real
SMTP server, the working day before the draft minutes are due and weekly once late."""

import datetime

import pytest
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone

from agenda.models import Meeting, OutgoingEmail
from agenda.publishing import deadlines, minutes_due
from tests import factories as f
from tests.agenda.publishing.test_worker import DATABASE_QUEUE, run_db_worker

pytestmark = pytest.mark.django_db
A = Meeting.AgendaStatus


def held_meeting(committee, days_ago):
    start = timezone.now() - datetime.timedelta(days=days_ago)
    return f.MeetingFactory(
        committee=committee,
        start=start,
        status=Meeting.Status.HELD,
        agenda_status=A.PUBLISHED,
        agenda_published_at=start - datetime.timedelta(days=8),
    )


@pytest.fixture
def committee(django_user_model):
    committee = f.CommitteeFactory(name="Licensing Committee")
    clerk = django_user_model.objects.create_user("lee", "Lee.Clerk@example.org", "x")
    committee.clerks.add(clerk)
    return committee


def test_the_clerk_is_reminded_through_the_worker_and_over_smtp(
    settings, mailbox, committee, django_capture_on_commit_callbacks
):
    settings.TASKS = DATABASE_QUEUE
    closures = deadlines.closure_days()
    overdue = held_meeting(committee, 30)
    published = held_meeting(committee, 40)
    published.minutes_status = Meeting.MinutesStatus.DRAFT_PUBLISHED
    published.save()
    recent = held_meeting(committee, 0)  # not due for days yet

    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        call_command("remind_clerks_of_minutes", verbosity=0)
        call_command("remind_clerks_of_minutes", verbosity=0)  # again today: nothing new
    assert mailbox.messages == []  # written and queued: the worker sends

    run_db_worker()

    received = mailbox.to("lee.clerk@example.org")
    assert len(received) == 1
    due = minutes_due.due_date(overdue, closures)
    assert received[0]["Subject"] == (
        f"Overdue since {due:%A} {due.day} {due:%B} {due.year}: the draft minutes of {overdue}"
    )
    text = received[0].get_body(preferencelist=("plain",)).get_content()
    html = received[0].get_body(preferencelist=("html",)).get_content()
    assert "Test Borough Council" in text and "Test Borough Council" in html
    assert f"https://minutes.test/editor/agenda/meeting/{overdue.pk}/change/" in text
    log = OutgoingEmail.objects.get(kind=OutgoingEmail.Kind.MINUTES_DUE)
    assert log.status == OutgoingEmail.Status.SENT and log.meeting == overdue
    assert not OutgoingEmail.objects.filter(meeting__in=[published, recent]).exists()


def test_phases_the_day_before_the_due_date_and_weekly_once_late(
    committee, mailoutbox, django_capture_on_commit_callbacks
):
    meeting = held_meeting(committee, 0)
    closures = deadlines.closure_days()
    first = minutes_due.reminder_date(meeting, closures)
    due = minutes_due.due_date(meeting, closures)
    assert first < due
    assert deadlines.add_working_days(first, 1, closures) == due

    def run(day):
        with django_capture_on_commit_callbacks(execute=True):
            return minutes_due.remind_clerks(
                today=day, now=meeting.start + datetime.timedelta(hours=3)
            )

    assert run(first - datetime.timedelta(days=1)) == []
    assert len(run(first)) == 1
    assert run(due) == []  # the same "due" reminder: written once
    late = due + datetime.timedelta(days=1)
    assert len(run(late)) == 1
    assert run(late) == []
    assert len(run(late + datetime.timedelta(days=7))) == 1  # a week on: again
    subjects = [m.subject for m in mailoutbox]
    assert subjects[0].startswith("Due on") and subjects[1].startswith("Overdue since")
    assert len(subjects) == 3


def test_without_clerks_the_support_officer_is_reminded(
    mailoutbox, django_capture_on_commit_callbacks
):
    officer = f.PersonFactory(email="officer@example.org")
    committee = f.CommitteeFactory(support_officer=officer)
    held_meeting(committee, 30)
    with django_capture_on_commit_callbacks(execute=True):
        written = minutes_due.remind_clerks()
    assert [email.to for email in written] == ["officer@example.org"]
