"""Signing off a report, and a manager's release of one without full sign-off."""

from django.core.exceptions import ValidationError
from django.utils import timezone

from agenda.models import ReportSignOff, Transition
from agenda.publishing.log import log, meeting_state
from agenda.publishing.roles import PUBLISH_PERMISSION, require


def sign(document, user, stage, comment=""):
    """Record one stage of a report's sign-off (once per stage)."""
    if stage == ReportSignOff.Stage.OVERRIDE:
        return override(document, user, comment)
    if document.sign_offs.filter(stage=stage).exists():
        raise ValidationError(f"“{document.title}” is already signed off at that step.")
    return ReportSignOff.objects.create(
        document=document, stage=stage, signed_by=user, comment=comment.strip()
    )


def override(document, user, reason):
    """A manager releases a report without full sign-off, with a recorded reason: kept
    with the report and in the meeting's workflow log."""
    require(user, PUBLISH_PERMISSION, "release a report without full sign-off")
    if not reason.strip():
        raise ValidationError("Give the reason the report is released without sign-off.")
    row = ReportSignOff.objects.create(
        document=document,
        stage=ReportSignOff.Stage.OVERRIDE,
        signed_by=user,
        comment=reason.strip(),
    )
    meeting = document.meeting
    log(
        meeting,
        Transition.Kind.SIGN_OFF_OVERRIDDEN,
        user,
        meeting_state(meeting),
        now=timezone.now(),
        reason=f"“{document.title}”: {reason.strip()}",
    )
    return row
