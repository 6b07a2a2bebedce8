"""Publishing in the background: the request answers at once; the worker renders every
output and the meeting goes public only then; failures are retried and reported."""

import pytest
from django.urls import reverse

from agenda import publishing
from agenda.models import Document, Meeting, Publication, SearchEntry, Transition
from agenda.printing import publish as printing
from agenda.publishing import background
from agenda.publishing.tasks import complete_publication
from tests import factories as f

pytestmark = pytest.mark.django_db

SECRET = "Quarry lane reopening"
URGENT = "Test: the report came late."


@pytest.fixture
def queued(settings):
    """A task backend that only records what is queued, like a worker that has not run."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    backend = complete_publication.get_backend()
    backend.clear()
    return backend


def run_worker(backend):
    """Run what is queued, as `manage.py db_worker` would, once each."""
    results, backend.results = list(backend.results), []
    for result in results:
        result.task.call(*result.args, **result.kwargs)
    return results


@pytest.fixture
def meeting():
    item = f.AgendaItemFactory(title=SECRET)
    f.DocumentFactory(item=item, title="Report on the lane")
    return item.meeting


def test_request_answers_at_once_and_nothing_is_public_until_the_worker_is_done(
    client, manager, meeting, queued, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        result = publishing.run("publish_agenda", meeting, manager, urgency_reason=URGENT)
    assert result.pending is not None
    assert result.pending.status == Publication.Status.QUEUED
    meeting.refresh_from_db()
    assert meeting.agenda_status == Meeting.AgendaStatus.DRAFT
    assert client.get(meeting.get_absolute_url()).status_code == 404
    assert not Document.objects.filter(meeting=meeting, is_generated=True).exists()
    assert not Transition.objects.filter(meeting=meeting).exists()
    assert len(queued.results) == 1

    run_worker(queued)

    meeting.refresh_from_db()
    publication = Publication.objects.get()
    assert publication.status == Publication.Status.DONE
    assert meeting.agenda_is_public
    # The legal publication time is when it became available, not when it was asked for.
    assert meeting.agenda_published_at >= publication.requested_at
    kinds = set(meeting.documents.filter(is_generated=True).values_list("kind", flat=True))
    assert kinds == {Document.Kind.AGENDA_FRONTSHEET, Document.Kind.AGENDA_PACK}
    assert SECRET in client.get(meeting.get_absolute_url()).content.decode()
    assert client.get(reverse("agenda:meeting_pack_pdf", args=[meeting.slug])).status_code == 200
    assert Transition.objects.filter(meeting=meeting, kind="agenda_published").count() == 1
    # A second delivery of the same task changes nothing.
    complete_publication.call(publication.pk)
    assert Transition.objects.filter(meeting=meeting).count() == 1


def test_a_rendering_failure_is_retried_and_nothing_is_half_published(
    client, manager, meeting, queued, monkeypatch, django_capture_on_commit_callbacks
):
    original, calls = printing.render_kind, []

    def flaky(meeting, kind, **kwargs):
        calls.append(kind)
        if len(calls) == 2:  # the pack, on the first attempt
            raise RuntimeError("renderer ran out of memory")
        return original(meeting, kind, **kwargs)

    monkeypatch.setattr(printing, "render_kind", flaky)
    with django_capture_on_commit_callbacks(execute=True):
        publishing.run("publish_agenda", meeting, manager, urgency_reason=URGENT)
    run_worker(queued)

    publication = Publication.objects.get()
    assert publication.status == Publication.Status.QUEUED
    assert publication.attempts == 1
    assert "ran out of memory" in background.progress_of(publication)
    retry = queued.results[0]
    assert retry.task.run_after is not None  # backoff: tried again later
    meeting.refresh_from_db()
    # Rolled back whole: not public, no printed copy, nothing in search, no log row.
    assert not meeting.agenda_is_public
    assert meeting.items.filter(published_at__isnull=False).count() == 0
    assert not Document.objects.filter(meeting=meeting, is_generated=True).exists()
    assert not SearchEntry.objects.filter(meeting_id=meeting.pk).exists()
    assert client.get(meeting.get_absolute_url()).status_code == 404

    run_worker(queued)
    publication.refresh_from_db()
    assert publication.status == Publication.Status.DONE
    assert publication.attempts == 2
    meeting.refresh_from_db()
    assert meeting.agenda_is_public


def test_repeated_failure_is_shown_to_the_clerk_with_a_retry(
    manager_client, manager, meeting, queued, monkeypatch, django_capture_on_commit_callbacks
):
    original = printing.render_kind

    def broken(meeting, kind, **kwargs):
        raise RuntimeError("fonts missing")

    monkeypatch.setattr(printing, "render_kind", broken)
    with django_capture_on_commit_callbacks(execute=True):
        publishing.run("publish_agenda", meeting, manager, urgency_reason=URGENT)
    for _attempt in range(Publication.MAX_ATTEMPTS):
        run_worker(queued)
    publication = Publication.objects.get()
    assert publication.status == Publication.Status.FAILED
    page = manager_client.get(reverse("admin:agenda_meeting_change", args=[meeting.pk]))
    text = page.content.decode()
    assert "fonts missing" in text and "Try again" in text

    monkeypatch.setattr(printing, "render_kind", original)
    with django_capture_on_commit_callbacks(execute=True):
        answer = manager_client.post(
            reverse("admin:agenda_meeting_retry_publication", args=[meeting.pk, publication.pk])
        )
    assert answer.status_code == 302
    run_worker(queued)
    publication.refresh_from_db()
    assert publication.status == Publication.Status.DONE
    meeting.refresh_from_db()
    assert meeting.agenda_is_public


def test_a_second_request_while_one_is_under_way_is_refused(
    manager, meeting, queued, django_capture_on_commit_callbacks
):
    from django.core.exceptions import ValidationError

    with django_capture_on_commit_callbacks(execute=True):
        publishing.run("publish_agenda", meeting, manager, urgency_reason=URGENT)
    with pytest.raises(ValidationError, match="already under way"):
        publishing.run("publish_agenda", meeting, manager, urgency_reason=URGENT)


def test_progress_reads_what_the_worker_is_rendering(manager, meeting):
    publication = Publication.objects.create(
        meeting=meeting, step="publish_agenda", status=Publication.Status.RUNNING
    )
    from django.core.cache import cache

    cache.set(publication.progress_key, {"label": "rendering pack", "done": 2, "total": 3})
    assert background.progress_of(publication) == "rendering pack: 2 of 3"
