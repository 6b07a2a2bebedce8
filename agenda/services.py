"""Multi-step workflows on meetings. Views and admin actions call these; nothing else
changes publication state."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from agenda.models import Document, Meeting
from agenda.pdf.publish import AGENDA_KINDS, MINUTES_KINDS, generate_meeting_pdfs
from agenda.search.indexing import refresh_search_for_meeting
from minutes_site.audit import log_event

PUBLISH_PERMISSION = "agenda.publish_meeting"


def _require_publisher(user):
    if not user.has_perm(PUBLISH_PERMISSION):
        raise PermissionDenied("Only a democratic services manager can publish.")


@transaction.atomic
def agenda_publish(*, meeting, user, now=None):
    """Publish a meeting's agenda: the meeting, its items and their public documents."""
    _require_publisher(user)
    now = now or timezone.now()
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if meeting.agenda_is_public:
        raise ValidationError(
            "The agenda of %(meeting)s is already published.",
            params={
                "meeting": meeting,
            },
        )
    meeting.agenda_status = Meeting.AgendaStatus.PUBLISHED
    meeting.agenda_published_at = now
    meeting.save(update_fields=["agenda_status", "agenda_published_at", "updated_at"])
    meeting.items.filter(published_at__isnull=True).update(published_at=now)
    Document.objects.filter(meeting=meeting, published_at__isnull=True, is_exempt=False).exclude(
        kind__in=[Document.Kind.MINUTES]
    ).update(published_at=now)
    # Printed agenda and reports pack, rendered once now and served from storage.
    meeting.pdf_generation = generate_meeting_pdfs(meeting, AGENDA_KINDS, now=now)
    refresh_search_for_meeting(meeting)
    log_event("agenda_published", user=user, meeting=meeting.slug, meeting_id=meeting.pk)
    return meeting


@transaction.atomic
def minutes_publish(*, meeting, user, approved=False, now=None):
    """Publish a meeting's minutes, as draft or as approved."""
    _require_publisher(user)
    now = now or timezone.now()
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if not meeting.agenda_is_public:
        raise ValidationError("Publish the agenda before the minutes.")
    meeting.minutes_status = (
        Meeting.MinutesStatus.APPROVED if approved else Meeting.MinutesStatus.DRAFT_PUBLISHED
    )
    meeting.minutes_published_at = meeting.minutes_published_at or now
    if approved:
        meeting.minutes_approved_at = now
    meeting.save()
    Document.objects.filter(meeting=meeting, published_at__isnull=True, is_exempt=False).update(
        published_at=now
    )
    # Printed minutes, rendered once now and served from storage.
    meeting.pdf_generation = generate_meeting_pdfs(meeting, MINUTES_KINDS, now=now)
    refresh_search_for_meeting(meeting)
    log_event("minutes_published", user=user, meeting=meeting.slug, approved=approved)
    return meeting
