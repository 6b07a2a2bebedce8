"""Replaying a record kept elsewhere (a ModernGov import): published as it was there.

The source decided long ago what was public, so this step does not run a person's
release checks (deadline, four-eyes, urgency); it takes the same door otherwise: one
logged step, items and documents released by the same code, the same effects (search
index, printed copies when asked, caches).
"""

from django.core.exceptions import ValidationError

from agenda.models import AgendaItem, Document, Meeting
from agenda.publishing.base import Step
from agenda.publishing.roles import is_person

M = Meeting.MinutesStatus


class RecordAsAtSource(Step):
    """Params: `status` (the source's meeting status or None), `items` and `documents`
    (pks the source had public), `minutes` (the source has minutes), `minutes_draft`
    (they are marked draft there), `printed` (render the printed PDFs)."""

    name = "record_as_at_source"
    title = "Publish as at the source"
    doing = "import published meetings"
    offered_in_admin = False

    def refuse(self):
        if is_person(self.actor):
            raise ValidationError(
                "Only an import publishes as at its source; publish with the normal steps."
            )

    def minutes_target(self):
        if not self.params.get("minutes"):
            return None
        return M.DRAFT_PUBLISHED if self.params.get("minutes_draft") else M.APPROVED

    def would_change(self):
        """Whether replaying changes anything (re-importing the same file changes nothing)."""
        meeting, status = self.meeting, self.params.get("status")
        target = self.minutes_target()
        return (
            (status is not None and meeting.status != status)
            or not meeting.agenda_is_public
            or (target is not None and meeting.minutes_status not in (target, M.APPROVED))
            or AgendaItem.objects.filter(
                pk__in=self.params.get("items", ()), published_at__isnull=True
            ).exists()
            or Document.objects.filter(
                # As `apply` releases them: an exempt document stays unpublished for good.
                pk__in=self.params.get("documents", ()),
                published_at__isnull=True,
                is_exempt=False,
            ).exists()
        )

    def apply(self):
        meeting, now = self.meeting, self.now
        status = self.params.get("status")
        if status is not None:
            meeting.status = status
        if not meeting.agenda_is_public:
            meeting.agenda_status = Meeting.AgendaStatus.PUBLISHED
        meeting.agenda_published_at = meeting.agenda_published_at or now
        target = self.minutes_target()
        if target is not None and meeting.minutes_status != M.APPROVED:
            meeting.minutes_status = target
        if meeting.minutes_are_public:
            meeting.minutes_published_at = meeting.minutes_published_at or now
        if meeting.minutes_status == M.APPROVED:
            meeting.minutes_approved_at = meeting.minutes_approved_at or now
        AgendaItem.objects.filter(
            pk__in=self.params.get("items", ()), published_at__isnull=True
        ).update(published_at=now)
        # Imported documents are the source's links and files, released as it had them.
        Document.objects.filter(
            pk__in=self.params.get("documents", ()), published_at__isnull=True, is_exempt=False
        ).update(published_at=now)

    def effects_what(self):
        return "all" if self.params.get("printed") else "index"
