"""Publishing in the background: the request answers at once, the worker does the rest.

A step that prints PDFs, asked for by a person, is taken in two parts. `request()` runs
the step's checks under a lock, records the decision as a `Publication` row and queues
`complete_publication`. The worker's `complete()` then executes the step: every output
is rendered and the meeting made public in one transaction, so the public sees it only
when everything exists, and the publication time recorded is when it became available
(unless the caller gave an explicit moment, as the demo loader does). A rendering failure
rolls the whole completion back and is retried with backoff; a refusal (the meeting
changed meanwhile) fails at once. Progress goes to the cache, which the editor reads.
"""

import datetime
import logging

from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.utils import timezone

from agenda.models import Publication
from agenda.publishing.log import meeting_state
from agenda.publishing.result import StepResult
from agenda.publishing.roles import SYSTEM, is_person, require

logger = logging.getLogger(__name__)

BACKGROUND_EFFECTS = ("agenda", "supplement", "minutes", "decisions", "all")
FIRST_RETRY = datetime.timedelta(seconds=30)
OPEN = (Publication.Status.QUEUED, Publication.Status.RUNNING)


# ------------------------------------------------------------------------ the parameters


def encode(params):
    """Step parameters as JSON: model instances by label and key."""
    out = {}
    for name, value in params.items():
        if isinstance(value, models.Model):
            value = {"__model__": value._meta.label_lower, "pk": value.pk}
        elif isinstance(value, datetime.datetime):
            value = {"__datetime__": value.isoformat()}
        out[name] = value
    return out


def decode(params):
    out = {}
    for name, value in params.items():
        if isinstance(value, dict) and "__model__" in value:
            value = apps.get_model(value["__model__"])._default_manager.get(pk=value["pk"])
        elif isinstance(value, dict) and "__datetime__" in value:
            value = datetime.datetime.fromisoformat(value["__datetime__"])
        out[name] = value
    return out


# ------------------------------------------------------------------------------- request


def wants_background(step):
    """A person's step that prints PDFs goes to the worker (unless told otherwise)."""
    return (
        getattr(settings, "PUBLISH_IN_BACKGROUND", True)
        and step.params.get("background", True) is not False
        and is_person(step.actor)
        and step.effects_what() in BACKGROUND_EFFECTS
    )


def _backend():
    from agenda.publishing.tasks import complete_publication

    return complete_publication.get_backend()


def runs_inline():
    """Whether the task backend runs tasks at once, in this process (tests, no worker)."""
    from django_tasks.backends.immediate import ImmediateBackend

    return isinstance(_backend(), ImmediateBackend)


def request(step):
    """Check the step, record the decision and queue its completion; returns a StepResult
    with `pending` set (or the completed result when tasks run inline)."""
    with transaction.atomic():
        step.meeting = step.lock()
        if Publication.objects.filter(meeting=step.meeting, status__in=OPEN).exists():
            raise ValidationError(
                "A publication of %(meeting)s is already under way: wait for it to finish "
                "(the meeting page shows its progress).",
                params={"meeting": step.meeting},
                code="busy",
            )
        step.prepare()
        passed = step.check()
        params = {k: v for k, v in step.params.items() if k != "background"}
        if step.now_given is not None:
            params["now"] = step.now_given
        publication = Publication.objects.create(
            meeting=step.meeting,
            step=step.name,
            params=encode(params),
            requested_by=step.actor if is_person(step.actor) else None,
        )
        if not runs_inline():
            transaction.on_commit(lambda: enqueue(publication.pk))
    if runs_inline():
        return complete(publication.pk)
    state = meeting_state(step.meeting)
    return StepResult(
        step=step.name,
        meeting=step.meeting,
        before=state,
        after=state,
        checks=passed,
        messages=[
            f"{step.title}: being prepared. The documents are rendered in the background "
            "and everything goes public together; the meeting page shows the progress."
        ],
        pending=publication,
    )


def enqueue(publication_id, *, run_after=None):
    from agenda.publishing.tasks import complete_publication

    task = complete_publication
    if run_after is not None and _backend().supports_defer:
        task = task.using(run_after=run_after)
    task.enqueue(publication_id)


# ------------------------------------------------------------------------------ complete


def _actor(publication):
    if publication.requested_by_id is None:
        return SYSTEM
    return get_user_model().objects.get(pk=publication.requested_by_id)


def _start(publication_id):
    with transaction.atomic():
        publication = Publication.objects.select_for_update().get(pk=publication_id)
        if publication.status not in OPEN:
            return None  # done, failed or taken: a second delivery does nothing
        publication.status = Publication.Status.RUNNING
        publication.attempts += 1
        publication.save(update_fields=["status", "attempts"])
        return publication


def _finish(publication, status, error=""):
    publication.status = status
    publication.error = error
    publication.finished_at = timezone.now() if status != Publication.Status.QUEUED else None
    publication.save(update_fields=["status", "error", "finished_at"])
    cache.delete(publication.progress_key)


def complete(publication_id):
    """Execute a requested step (the worker's task); idempotent. Returns the StepResult,
    or None if it did not complete this time."""
    from agenda.publishing import STEPS

    while True:
        publication = _start(publication_id)
        if publication is None:
            return None

        def progress(label, done, total, key=publication.progress_key):
            cache.set(key, {"label": label, "done": done, "total": total}, 3600)

        try:
            params = decode(publication.params)
            step = STEPS[publication.step].from_publication(
                publication, _actor(publication), params
            )
            result = step.execute_now(progress=progress)
        except (ValidationError, PermissionDenied) as refusal:
            text = " ".join(getattr(refusal, "messages", [str(refusal)]))
            _finish(publication, Publication.Status.FAILED, text)
            return None
        except Exception as error:  # rendering can fail in many ways; it is retried
            logger.exception(
                "Publication %s failed (attempt %s)", publication.pk, publication.attempts
            )
            text = f"{type(error).__name__}: {error}"
            if publication.attempts >= Publication.MAX_ATTEMPTS:
                _finish(publication, Publication.Status.FAILED, text)
                return None
            _finish(publication, Publication.Status.QUEUED, text)
            if runs_inline():
                continue
            wait = FIRST_RETRY * 2 ** (publication.attempts - 1)
            enqueue(publication.pk, run_after=timezone.now() + wait)
            return None
        _finish(publication, Publication.Status.DONE)
        result.pending = None
        return result


def retry(publication, actor):
    """The editor's "Try again" on a failed publication."""
    if publication.status != Publication.Status.FAILED:
        raise ValidationError("Only a failed publication can be tried again.")
    from agenda.publishing.table import RULES

    require(actor, RULES[publication.step].permission, "try a publication again")
    publication.status = Publication.Status.QUEUED
    publication.attempts = 0
    publication.finished_at = None
    publication.save(update_fields=["status", "attempts", "finished_at"])
    if runs_inline():
        return complete(publication.pk)
    transaction.on_commit(lambda: enqueue(publication.pk))
    return None


def progress_of(publication):
    """What the editor shows: "rendering public reports pack: 2 of 3", or the status."""
    if publication.status == Publication.Status.RUNNING:
        state = cache.get(publication.progress_key)
        if state:
            return f"{state['label']}: {state['done']} of {state['total']}"
    if publication.status == Publication.Status.FAILED:
        return f"failed: {publication.error}"
    if publication.status == Publication.Status.QUEUED and publication.error:
        return f"waiting to try again (attempt {publication.attempts} failed: {publication.error})"
    return publication.get_status_display().lower()


# ------------------------------------------------------------------------ search, later


def refresh_search_later(meeting_ids):
    """Re-index these meetings once, in the worker (an import's: agenda.importers.load).
    The database queue takes the task inside the current transaction, so it exists exactly
    when the import does; another queue is told once the transaction commits; with tasks
    run inline (tests, no worker) it is done at once."""
    from django_tasks_db import DatabaseBackend

    from agenda.publishing.tasks import refresh_search

    ids = sorted(set(meeting_ids))
    if not ids:
        return
    if runs_inline():
        refresh_search.call(ids)
    elif isinstance(refresh_search.get_backend(), DatabaseBackend):
        refresh_search.enqueue(ids)
    else:
        transaction.on_commit(lambda: refresh_search.enqueue(ids))
