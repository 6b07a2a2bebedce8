"""The one record of every publishing step: a workflow log row and an audit event."""

from agenda.models import Transition
from agenda.publishing.roles import is_person
from minutes_site.audit import log_event

# Saves made by the steps carry this change reason, so they never count as an "edit" for
# the four-eyes rule.
WORKFLOW_REASON = "workflow"


def meeting_state(meeting):
    return f"{meeting.status}/{meeting.agenda_status}/{meeting.minutes_status}"


def workflow_save(obj, **kwargs):
    """Save a row on behalf of a step (history marks it as the workflow's, not an edit)."""
    obj._change_reason = WORKFLOW_REASON
    obj.save(**kwargs)


def log(meeting, kind, actor, before, *, now, reason="", checks=()):
    """Write the workflow log row (who, when, from, to, why, checks) and the audit event."""
    log_event(
        str(kind),
        user=actor if is_person(actor) else None,
        meeting=meeting.slug,
        meeting_id=meeting.pk,
        by_system=not is_person(actor),
    )
    return Transition.objects.create(
        meeting=meeting,
        kind=kind,
        from_state=before,
        to_state=meeting_state(meeting),
        user=actor if is_person(actor) else None,
        at=now,
        reason=reason,
        checks="\n".join(checks),
    )
