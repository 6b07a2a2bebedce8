"""Steps of the minutes: draft minutes out, approval as a correct record, errata."""

from django.core.exceptions import ValidationError

from agenda.models import AgendaItem, Erratum, Meeting, Resolution
from agenda.publishing.base import Step
from agenda.publishing.log import workflow_save
from agenda.publishing.meeting_steps import RecordHeld
from agenda.publishing.minute_numbers import assign_minute_numbers
from agenda.publishing.release import release_documents
from agenda.publishing.table import HELD_STATES
from committees.dates import long_date


class PublishDraftMinutes(Step):
    """A held meeting's minutes go public marked DRAFT until the next meeting approves
    them. A meeting whose start has passed but is still "scheduled" is recorded as held
    first (its own logged step)."""

    name = "publish_draft_minutes"
    title = "Publish the draft minutes"
    doing = "publish minutes"
    explain = "The minutes go on the website marked DRAFT until the next meeting approves them."

    def prepare(self):
        meeting = self.meeting
        if (
            meeting.agenda_is_public
            and meeting.status == Meeting.Status.SCHEDULED
            and meeting.start <= self.now
        ):
            RecordHeld(meeting, self.actor, now=self.now).execute()
            self.meeting = self.lock()

    def refuse(self):
        meeting = self.meeting
        if not meeting.agenda_is_public:
            raise ValidationError("Publish the agenda before the minutes.", code="wrong_state")
        if meeting.status not in HELD_STATES:
            raise ValidationError(
                "%(meeting)s has not been held, so it has no minutes to publish.",
                params={"meeting": meeting},
                code="wrong_state",
            )
        if not self.rule.allows(meeting, self.now):
            raise ValidationError(
                "The minutes of %(meeting)s are already %(status)s.",
                params={
                    "meeting": meeting,
                    "status": meeting.get_minutes_status_display().lower(),
                },
                code="wrong_state",
            )

    def apply(self):
        self.meeting.minutes_published_at = self.meeting.minutes_published_at or self.now
        release_documents(self.meeting, self.now, minutes=True)
        assign_minute_numbers(self.meeting)


class PublishApprovedMinutes(PublishDraftMinutes):
    """Minutes already approved elsewhere go public as approved (a council's back
    catalogue, an import), stamped with the approving meeting when known."""

    name = "publish_approved_minutes"
    title = "Publish approved minutes"
    explain = "The minutes go on the website as approved, as they were approved elsewhere."
    offered_in_admin = False

    def apply(self):
        super().apply()
        self.meeting.minutes_approved_at = self.now
        self.meeting.minutes_approved_by_meeting = self.params.get("approved_by_meeting")


class ApproveMinutes(Step):
    """The committee's resolution on a "Minutes of the previous meeting" item approves
    those minutes: stamped with this meeting, locked, printed copy regenerated.

    Built for the item's meeting; the step changes the earlier meeting. Corrections agreed
    at the meeting go into the resolution's text (the clerk makes them in the draft before
    approving); after approval only an erratum can correct."""

    name = "approve_minutes"
    title = "Approve the minutes of the previous meeting"
    doing = "approve minutes"
    offered_in_admin = False

    def __init__(self, item, actor, *, now=None, corrections=""):
        item = AgendaItem.objects.select_related("meeting", "previous_minutes_of").get(pk=item.pk)
        super().__init__(item.meeting, actor, now=now, corrections=corrections, item=item)
        self.item = item
        self.prior = item.previous_minutes_of

    @classmethod
    def from_publication(cls, publication, actor, params):
        item = params.pop("item")
        return cls(item, actor, **params)

    def lock(self):
        meeting = super().lock()
        if self.prior is not None:
            self.prior = (
                Meeting.objects.select_for_update()
                .select_related("committee")
                .get(pk=self.prior.pk)
            )
        return meeting

    def effects_target(self):
        return self.prior

    def state_refusal(self):
        return None  # the rule is checked against the earlier meeting in `refuse`

    def refuse(self):
        item = self.item
        if item.kind != AgendaItem.Kind.PREVIOUS_MINUTES or self.prior is None:
            raise ValidationError(
                "Only a “Minutes of the previous meeting” item linked to a meeting can "
                "approve minutes."
            )
        if self.meeting.status not in HELD_STATES:
            raise ValidationError(
                "Minutes are approved by the committee at its meeting: record %(meeting)s as "
                "held first.",
                params={"meeting": self.meeting},
                code="wrong_state",
            )
        if not self.rule.allows(self.prior, self.now):
            raise ValidationError(
                "The minutes of %(prior)s are %(status)s; only published draft minutes can "
                "be approved.",
                params={
                    "prior": self.prior,
                    "status": self.prior.get_minutes_status_display().lower(),
                },
                code="wrong_state",
            )

    def apply(self):
        corrections = (self.params.get("corrections") or "").strip()
        text = (
            f"<p>That the minutes of the meeting held on {long_date(self.prior.start)} be "
            "approved as a correct record"
        )
        text += (
            f", subject to the following corrections: {corrections}</p>" if corrections else ".</p>"
        )
        resolution = self.item.resolutions.order_by("position").first()
        if resolution is None:
            resolution = Resolution(item=self.item, position=1, text=text)
        elif corrections:
            resolution.text = text
        resolution.outcome = Resolution.Outcome.CARRIED
        workflow_save(resolution)
        self.prior.minutes_approved_at = self.now
        self.prior.minutes_approved_by_meeting = self.meeting
        self.reason = corrections
        self.created = resolution


class RecordErratum(Step):
    """Correct approved minutes the only permitted way: a dated, public erratum."""

    name = "record_erratum"
    title = "Record an erratum"
    doing = "record an erratum"
    offered_in_admin = False

    def refuse(self):
        if not self.meeting.minutes_locked:
            raise ValidationError(
                "The minutes of %(meeting)s are not approved yet: correct the draft instead.",
                params={"meeting": self.meeting},
                code="wrong_state",
            )
        item = self.params.get("item")
        if item is not None and item.meeting_id != self.meeting.pk:
            raise ValidationError("That item belongs to another meeting.")
        if not (self.params.get("text") or "").strip():
            raise ValidationError("Write the correction.")

    def apply(self):
        self.created = Erratum.objects.create(
            meeting=self.meeting,
            item=self.params.get("item"),
            text=self.params["text"].strip(),
            recorded_by=self.actor if getattr(self.actor, "pk", None) else None,
            published_at=self.now,
        )
        self.reason = self.created.text
