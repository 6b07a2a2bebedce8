"""Email goes out through the task worker (`manage.py db_worker`), never in the request."""

import pytest
from django.db import transaction

from agenda.models import OutgoingEmail
from agenda.notices.compose import write
from tests import factories as f
from tests.agenda.publishing.test_worker import DATABASE_QUEUE, run_db_worker

pytestmark = pytest.mark.django_db


def test_email_is_sent_by_the_database_worker_not_the_request(
    settings, mailbox, django_capture_on_commit_callbacks
):
    settings.TASKS = DATABASE_QUEUE
    meeting = f.MeetingFactory()
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        write(
            key="test:summons",
            kind=OutgoingEmail.Kind.SUMMONS,
            to="member@example.org",
            subject="Summons",
            lines=["You are summoned."],
            link="https://minutes.test/",
            meeting=meeting,
        )
    assert mailbox.messages == []
    assert OutgoingEmail.objects.get().status == OutgoingEmail.Status.QUEUED

    run_db_worker()

    assert [m["Subject"] for m in mailbox.to("member@example.org")] == ["Summons"]
    assert OutgoingEmail.objects.get().status == OutgoingEmail.Status.SENT


def test_a_refused_message_waits_in_the_queue_for_its_retry(
    settings, mailbox, django_capture_on_commit_callbacks
):
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = DATABASE_QUEUE
    mailbox.refuse = 1
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        write(
            key="test:notice",
            kind=OutgoingEmail.Kind.NOTICE,
            to="reader@example.org",
            subject="Notice",
            lines=["Something changed."],
            link="https://minutes.test/",
        )
    run_db_worker()
    email = OutgoingEmail.objects.get()
    assert email.status == OutgoingEmail.Status.QUEUED and email.attempts == 1
    assert mailbox.messages == []
    # The retry is a new task, due a minute later: the worker does not spin on it.
    assert DBTaskResult.objects.filter(status="READY").count() == 1
