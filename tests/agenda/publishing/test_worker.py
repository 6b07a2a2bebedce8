"""The real task workers: the database queue run by `manage.py db_worker` (the default)
and RQ on the machine's Redis (large deployments) each take a publish from request to
public meeting, retries included."""

import datetime
import os
import subprocess  # nosec B404: runs our own manage.py
import sys

import pytest
from django.conf import settings as django_settings
from django.core.management import call_command
from django.db import connection
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from agenda import publishing
from agenda.models import Document, Meeting, Publication
from agenda.printing import publish as printing
from tests import factories as f

pytestmark = pytest.mark.django_db

URGENT = "Test: the report came late."
DATABASE_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
RQ_QUEUE = {"default": {"BACKEND": "django_tasks_rq.RQBackend"}}
# The tests' own Redis database, apart from anything the site or a developer keeps.
TEST_REDIS_URL = os.environ.get("TEST_TASKS_REDIS_URL", "redis://127.0.0.1:6379/7")


@pytest.fixture
def meeting():
    item = f.AgendaItemFactory(title="Quarry lane reopening")
    f.DocumentFactory(item=item, title="Report on the lane")
    return item.meeting


def request_publish(meeting, manager, capture):
    """The manager publishes; the request's transaction commits (queueing the task)."""
    with capture(execute=True):
        return publishing.run("publish_agenda", meeting, manager, urgency_reason=URGENT)


def run_db_worker():
    """`manage.py db_worker` in its run-once mode: every task that is due, then exit.

    In this process it shares the test's connection, which sits in the test's transaction;
    the worker's `close_old_connections()` (it renews a long-lived worker's connection)
    would close it, so here it is a no-op. The process test below runs it unpatched."""
    from unittest import mock

    with mock.patch("django_tasks_db.management.commands.db_worker.close_old_connections"):
        call_command("db_worker", batch=True, startup_delay=False, reload=False, verbosity=0)


def assert_published(meeting):
    meeting.refresh_from_db()
    assert meeting.agenda_status == Meeting.AgendaStatus.PUBLISHED
    kinds = set(meeting.documents.filter(is_generated=True).values_list("kind", flat=True))
    assert kinds == {Document.Kind.AGENDA_FRONTSHEET, Document.Kind.AGENDA_PACK}
    assert Publication.objects.get(meeting=meeting).status == Publication.Status.DONE


# ------------------------------------------------------------------------ database queue


def test_the_database_worker_publishes_what_the_request_queued(
    settings, manager, meeting, django_capture_on_commit_callbacks
):
    settings.TASKS = DATABASE_QUEUE
    result = request_publish(meeting, manager, django_capture_on_commit_callbacks)
    assert result.pending is not None
    queued = DBTaskResult.objects.get()
    assert queued.task_path == "agenda.publishing.tasks.complete_publication"
    meeting.refresh_from_db()
    assert meeting.agenda_status == Meeting.AgendaStatus.DRAFT

    run_db_worker()

    assert_published(meeting)
    assert DBTaskResult.objects.get().status == "SUCCESSFUL"


def test_a_failed_render_waits_in_the_database_queue_and_is_retried(
    settings, manager, meeting, monkeypatch, django_capture_on_commit_callbacks
):
    settings.TASKS = DATABASE_QUEUE
    original, calls = printing.render_kind, []

    def flaky(meeting, kind, **kwargs):
        calls.append(kind)
        if len(calls) == 1:
            raise RuntimeError("renderer ran out of memory")
        return original(meeting, kind, **kwargs)

    monkeypatch.setattr(printing, "render_kind", flaky)
    request_publish(meeting, manager, django_capture_on_commit_callbacks)
    run_db_worker()

    publication = Publication.objects.get()
    assert publication.status == Publication.Status.QUEUED
    assert "ran out of memory" in publication.error
    retry = DBTaskResult.objects.filter(status="READY").get()
    assert retry.run_after > timezone.now()  # backoff: not before its time
    run_db_worker()  # nothing is due yet
    assert Publication.objects.get().status == Publication.Status.QUEUED

    DBTaskResult.objects.filter(pk=retry.pk).update(
        run_after=timezone.now() - datetime.timedelta(seconds=1)
    )
    run_db_worker()
    assert_published(meeting)
    assert Publication.objects.get().attempts == 2


@pytest.mark.postgres
@pytest.mark.skipif(
    django_settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql",
    reason="a worker in another process needs a database it can open (PostgreSQL)",
)
# Committed for real, so another process sees it; the groups the migrations made are
# restored afterwards.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_db_worker_in_its_own_process_publishes(settings, manager, meeting):
    settings.TASKS = DATABASE_QUEUE
    publishing.run("publish_agenda", meeting, manager, urgency_reason=URGENT)
    db = connection.settings_dict
    host, port = db["HOST"] or "127.0.0.1", db["PORT"] or 5432
    url = f"postgres://{db['USER']}:{db['PASSWORD']}@{host}:{port}/{db['NAME']}"
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "TASKS_BACKEND": "database",
        "MEDIA_ROOT": str(settings.MEDIA_ROOT),
        "DEBUG": "1",
    }
    env.pop("MINUTEBOOK_TESTING", None)
    command = [sys.executable, "manage.py", "db_worker", "--batch", "--no-startup-delay"]
    finished = subprocess.run(  # noqa: S603  # nosec B603
        [*command, "--no-reload"],
        cwd=django_settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert finished.returncode == 0, finished.stderr[-2000:]
    assert_published(meeting)


# ------------------------------------------------------------------------------------ RQ


@pytest.fixture
def rq_queue(settings):
    """RQ on the machine's Redis, in the tests' own database (emptied before and after);
    skipped off CI if Redis is not up."""
    import django_rq
    import redis

    settings.TASKS = RQ_QUEUE
    settings.RQ_QUEUES = {"default": {"URL": TEST_REDIS_URL, "DEFAULT_TIMEOUT": 600}}
    try:
        redis.Redis.from_url(TEST_REDIS_URL, socket_connect_timeout=1).ping()
    except redis.exceptions.ConnectionError:
        if os.environ.get("CI"):
            raise
        pytest.skip(f"Redis is not running at {TEST_REDIS_URL} (CI starts it: .ci/run)")
    queue = django_rq.get_queue("default")
    queue.connection.flushdb()  # queued, scheduled and finished jobs of earlier runs
    yield queue
    queue.connection.flushdb()


def run_rq_worker():
    """An RQ worker in burst mode, as `manage.py rqworker --burst` would run. SimpleWorker
    runs each job in this process, so it sees the test's database."""
    import django_rq
    from rq import SimpleWorker

    worker = django_rq.get_worker(
        "default", job_class="django_tasks_rq.Job", worker_class=SimpleWorker
    )
    worker.work(burst=True, with_scheduler=False)


@pytest.mark.xdist_group("redis")
def test_the_rq_worker_publishes_what_the_request_queued(
    rq_queue, manager, meeting, django_capture_on_commit_callbacks
):
    result = request_publish(meeting, manager, django_capture_on_commit_callbacks)
    assert result.pending is not None
    assert rq_queue.count == 1
    meeting.refresh_from_db()
    assert meeting.agenda_status == Meeting.AgendaStatus.DRAFT

    run_rq_worker()

    assert rq_queue.count == 0
    assert_published(meeting)


@pytest.mark.xdist_group("redis")
def test_a_failed_render_is_scheduled_again_in_redis(
    rq_queue, manager, meeting, monkeypatch, django_capture_on_commit_callbacks
):
    from rq.registry import ScheduledJobRegistry

    def broken(meeting, kind, **kwargs):
        raise RuntimeError("fonts missing")

    monkeypatch.setattr(printing, "render_kind", broken)
    request_publish(meeting, manager, django_capture_on_commit_callbacks)
    run_rq_worker()

    publication = Publication.objects.get()
    assert publication.status == Publication.Status.QUEUED
    assert "fonts missing" in publication.error
    scheduled = ScheduledJobRegistry(queue=rq_queue)
    assert scheduled.count == 1  # backoff: RQ's scheduler releases it later
    meeting.refresh_from_db()
    assert not meeting.agenda_is_public
