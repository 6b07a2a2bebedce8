"""A manager's recorded decision to publish a document despite hidden-content findings.

The decision covers one version of the file (its SHA-256): a replaced file is scanned
afresh and needs a new decision. Each decision also writes a row in the meeting's
workflow log, so the release record shows who allowed what and why."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from agenda.models import Document, ScanOverride, Transition

PERMISSION = "agenda.publish_meeting"  # the same people who may release a meeting


def override_for(document):
    """The override covering the document's present file, or None."""
    return (
        ScanOverride.objects.filter(document=document, sha256=document.sha256)
        .select_related("user")
        .first()
    )


@transaction.atomic
def record_override(*, document, user, reason, now=None):
    """Record that `user` allows `document`'s present file to be published despite its
    hidden-content findings, because `reason`. Refused for anyone who may not release
    meetings, and without a reason."""
    if user is None or not user.has_perm(PERMISSION):
        raise PermissionDenied(
            "Only a democratic services manager can allow a document with hidden content "
            "to be published. Ask a colleague who has that role."
        )
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(
            "Give the reason this document may be published as it is (for example, "
            "“the covered text is the council’s own address, not personal data”)."
        )
    now = now or timezone.now()
    document = Document.objects.select_for_update().select_related("meeting").get(pk=document.pk)
    meeting = document.meeting
    state = f"{meeting.status}/{meeting.agenda_status}/{meeting.minutes_status}"
    transition = Transition.objects.create(
        meeting=document.meeting,
        kind=Transition.Kind.SCAN_OVERRIDE,
        from_state=state,
        to_state=state,
        user=user,
        at=now,
        reason=f"“{document.title}” may be published despite hidden-content findings: {reason}",
    )
    return ScanOverride.objects.create(
        document=document,
        sha256=document.sha256,
        reason=reason,
        user=user,
        at=now,
        transition=transition,
    )
