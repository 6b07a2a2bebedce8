"""The one door to publication. Every state change of a meeting is a step here.

The editor, the admin's actions, the importer, the demo loader, management commands and
the API all call these steps; nothing else sets a meeting's status fields. Each step has
`check()` and `execute()` and returns a `StepResult`; the table of states and steps is in
table.py, the checklist in checks.py, the effects of a publication in effects.py, and
the one log call in log.py. Lower rooms (models, printing, search) never import this.

    result = publishing.run("publish_agenda", meeting, user, urgency_reason="...")
"""

from agenda.publishing.agenda_steps import PublishAgenda, PublishSupplement, ReprintAgenda
from agenda.publishing.change_steps import MoveMeeting, RenumberItems
from agenda.publishing.checks import Check, last_editor, publication_checks
from agenda.publishing.decision_steps import (
    CallInDecision,
    PublishDecisions,
    call_in,
    correct_decision,
    publish_recorded_decision,
)
from agenda.publishing.meeting_steps import Cancel, Postpone, RecordAdjourned, RecordHeld
from agenda.publishing.minutes_steps import (
    ApproveMinutes,
    PublishApprovedMinutes,
    PublishDraftMinutes,
    RecordErratum,
)
from agenda.publishing.result import StepResult
from agenda.publishing.roles import EDIT_PERMISSION, PUBLISH_PERMISSION, SYSTEM
from agenda.publishing.source_steps import RecordAsAtSource
from agenda.publishing.table import RULES, TABLE
from agenda.publishing.visibility_steps import ExemptDocument, ExemptItem, WithdrawItem

STEPS = {
    step.name: step
    for step in (
        PublishAgenda,
        PublishSupplement,
        RecordHeld,
        RecordAdjourned,
        Cancel,
        Postpone,
        PublishDraftMinutes,
        PublishApprovedMinutes,
        ApproveMinutes,
        RecordErratum,
        RecordAsAtSource,
        MoveMeeting,
        RenumberItems,
        ReprintAgenda,
        WithdrawItem,
        ExemptItem,
        ExemptDocument,
        PublishDecisions,
        CallInDecision,
    )
}
if set(STEPS) != set(RULES):
    raise RuntimeError("Every step needs one row in the table, and every row a step.")


def step(name, meeting, actor, **params):
    """The step `name` for `meeting` by `actor`, ready to `check()` or `execute()`."""
    return STEPS[name](meeting, actor, **params)


def run(name, meeting, actor, **params):
    """Check and execute the step `name`; returns its StepResult."""
    return step(name, meeting, actor, **params).execute()


__all__ = [
    "EDIT_PERMISSION",
    "PUBLISH_PERMISSION",
    "RULES",
    "STEPS",
    "SYSTEM",
    "TABLE",
    "Check",
    "StepResult",
    "call_in",
    "correct_decision",
    "last_editor",
    "publication_checks",
    "publish_recorded_decision",
    "run",
    "step",
]
