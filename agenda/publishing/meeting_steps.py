"""Steps about the meeting itself: held or adjourned, cancelled or postponed."""

from django.core.exceptions import ValidationError

from agenda.publishing.base import Step


class RecordHeld(Step):
    """The meeting took place: its minutes open as a draft."""

    name = "record_held"
    title = "Record as held"
    doing = "record a meeting as held"
    explain = "The meeting is recorded as having taken place and its minutes open as a draft."
    verb = "held"

    def refuse(self):
        meeting = self.meeting
        if meeting.status != meeting.Status.SCHEDULED:
            raise ValidationError(
                "%(meeting)s is %(status)s, so it cannot be recorded as %(verb)s.",
                params={
                    "meeting": meeting,
                    "status": meeting.get_status_display().lower(),
                    "verb": self.verb,
                },
                code="wrong_state",
            )
        if meeting.start > self.now:
            raise ValidationError(
                "%(meeting)s has not started yet.", params={"meeting": meeting}, code="too_early"
            )
        if not meeting.agenda_is_public:
            raise ValidationError(
                "The agenda of %(meeting)s was never published; publish it (late, with a "
                "reason) before recording the meeting as %(verb)s.",
                params={"meeting": meeting, "verb": self.verb},
                code="wrong_state",
            )

    def apply(self):
        if self.meeting.minutes_status == self.meeting.MinutesStatus.NONE:
            self.meeting.minutes_status = self.meeting.MinutesStatus.DRAFT


class RecordAdjourned(RecordHeld):
    """The meeting began and was adjourned: what was done is minuted like a held meeting."""

    name = "record_adjourned"
    title = "Record as adjourned"
    doing = "record a meeting as adjourned"
    explain = (
        "The meeting is recorded as adjourned (it began but did not finish its business); "
        "its minutes open as a draft."
    )
    verb = "adjourned"


class CallOff(Step):
    """Shared by cancelling and postponing: before the start, with a public notice."""

    needs_notice = True
    past = ""

    def refuse(self):
        meeting = self.meeting
        if meeting.status != meeting.Status.SCHEDULED or meeting.start <= self.now:
            raise ValidationError(
                "Only a scheduled meeting that has not yet started can be %(verb)s; "
                "%(meeting)s is %(status)s.",
                params={
                    "verb": self.past,
                    "meeting": meeting,
                    "status": (
                        meeting.get_status_display().lower()
                        if meeting.status != meeting.Status.SCHEDULED
                        else "already under way or over"
                    ),
                },
                code="wrong_state",
            )
        if not (self.params.get("notice") or "").strip():
            raise ValidationError("Write the public notice that tells residents what happened.")

    def apply(self):
        self.meeting.status_notice = self.params["notice"].strip()
        self.meeting.is_listed = True
        self.reason = self.meeting.status_notice


class Cancel(CallOff):
    """Cancel a meeting before it starts, with a public notice (shown even if the agenda
    was never published)."""

    name = "cancel"
    title = "Cancel"
    doing = "cancel a meeting"
    past = "cancelled"
    explain = "The meeting is cancelled and your notice is shown on the website."


class Postpone(CallOff):
    """Postpone a meeting before it starts, with a public notice."""

    name = "postpone"
    title = "Postpone"
    doing = "postpone a meeting"
    past = "postponed"
    explain = "The meeting is postponed and your notice is shown on the website."
