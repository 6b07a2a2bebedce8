"""The shape of every step: `check()` (permission, state, checklist), then `execute()`.

A step is built for one meeting and one actor (a user, or `roles.SYSTEM`). `check()`
raises PermissionDenied or ValidationError with sentences a clerk can act on; `execute()`
runs `check()` again under a row lock, applies the change, logs it once (log.py) and runs
the effects once (effects.py), all in one transaction, and returns a StepResult.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from agenda.caching.invalidation import meeting_changed
from agenda.models import Meeting
from agenda.models.locks import opened
from agenda.models.meetings import WORKFLOW_FIELDS
from agenda.publishing import checks as checklist
from agenda.publishing.effects import after_publish
from agenda.publishing.log import log, meeting_state, workflow_save
from agenda.publishing.result import StepResult
from agenda.publishing.roles import require
from agenda.publishing.table import RULES

# What every step may write on a locked meeting: its state, and publication stamps.
WORKFLOW_OPENS = (
    *(f"meeting.{name}" for name in WORKFLOW_FIELDS),
    "agendaitem.published_at",
    "agendaitem.is_supplement",
    "agendaitem.is_urgent",
    "agendaitem.urgency_reason",
)


class Step:
    """One state change of a meeting. Subclasses name their `rule` (table.py) and add
    their own refusals (`refuse`) and changes (`apply`); `opens` names the fields beyond
    the workflow's that the step writes through the record lock (agenda.models.locks)."""

    name = ""
    title = ""
    doing = ""  # completes "Only a ... can <doing>."
    explain = ""  # what the confirmation page says will happen
    needs_notice = False  # the confirmation page asks for a public notice
    offered_in_admin = True
    opens = ()

    def __init__(self, meeting, actor, *, now=None, **params):
        self.meeting = meeting
        self.actor = actor
        self.now_given = now  # an explicit moment (a replayed record), kept for the worker
        self.now = now or timezone.now()
        self.params = params
        self.reason = ""  # logged with the step
        self.created = None

    @property
    def rule(self):
        return RULES[self.name]

    # ----------------------------------------------------------------------- checking

    def refuse(self):
        """Step-specific refusals, in the words a clerk needs; raise ValidationError."""

    def state_refusal(self):
        """The table's verdict, for a state no specific refusal has explained."""
        if self.rule.allows(self.meeting, self.now):
            return None
        return (
            f"“{self.title}” cannot be done now: {self.meeting} is "
            f"{self.meeting.get_status_display().lower()}, its agenda "
            f"{self.meeting.get_agenda_status_display().lower()} and its minutes "
            f"{self.meeting.get_minutes_status_display().lower()}."
        )

    def checklist(self):
        """The pre-release checklist lines this step runs (empty if none)."""
        if not self.rule.checklist:
            return []
        return checklist.publication_checks(
            self.meeting, self.actor, self.rule.checklist, now=self.now, late=self.late
        )

    @property
    def late(self):
        """Whether the agenda deadline has passed (computed once per step)."""
        if not hasattr(self, "_late"):
            from agenda.publishing import deadlines

            self._late = deadlines.is_late(self.meeting, self.now)
        return self._late

    def check(self):
        """Raise if the step may not run; returns the checklist it passed."""
        require(self.actor, self.rule.permission, self.doing)
        self.refuse()
        refusal = self.state_refusal()
        if refusal:
            raise ValidationError(refusal, code="wrong_state")
        lines = self.checklist()
        problems = checklist.blocking_problems(lines)
        if problems:
            raise ValidationError(["Not published, because:", *problems])
        self.validate()
        return lines

    def validate(self):
        """Checks that come after the checklist (e.g. a reason of urgency)."""

    # ---------------------------------------------------------------------- executing

    def lock(self):
        return (
            Meeting.objects.select_for_update().select_related("committee").get(pk=self.meeting.pk)
        )

    def apply(self):
        """Changes beyond the table's `sets` (releasing items, stamping dates...)."""

    def effects_what(self):
        """What `after_publish` is told was published (the table's `effects`)."""
        return self.rule.effects

    def effects_target(self):
        """The meeting whose public outputs change (approving minutes: the earlier one)."""
        return self.meeting

    @classmethod
    def from_publication(cls, publication, actor, params):
        """The step again, in the worker, from its recorded request."""
        return cls(publication.meeting, actor, **params)

    def execute(self):
        """Take the step: in the background if it prints PDFs for a person (see
        background.py), else at once. Returns a StepResult."""
        from agenda.publishing import background

        if background.wants_background(self):
            return background.request(self)
        return self.execute_now()

    def execute_now(self, progress=None):
        """Everything in one transaction: lock, check, apply, log, effects. The record
        lock is opened for the workflow's fields and the step's `opens` only."""
        with transaction.atomic(), opened(*WORKFLOW_OPENS, *self.opens):
            self.meeting = self.lock()
            self.prepare()
            passed = self.check()
            target = self.effects_target()
            before = meeting_state(target)
            for name, value in self.rule.sets.items():
                setattr(target, name, value)
            self.apply()
            if target.pk:
                workflow_save(target)
            transition = log(
                target,
                self.rule.kind,
                self.actor,
                before,
                now=self.now,
                reason=self.reason,
                checks=checklist.passed_labels(passed),
            )
            what = self.effects_what()
            # Every step changes what the public sees of its meeting(s), with or
            # without effects (after_publish retires the target's pages too).
            meeting_changed(self.meeting, target)
            outputs = (
                after_publish(target, what, now=self.now, progress=progress, change=self.reason)
                if what
                else None
            )
            return StepResult(
                step=self.name,
                meeting=target,
                before=before,
                after=meeting_state(target),
                transition=transition,
                checks=passed,
                messages=list(outputs.problem_messages) if outputs else [],
                outputs=outputs,
                created=self.created,
            )

    def prepare(self):
        """Work done under the lock before checking (e.g. adding standard items)."""
