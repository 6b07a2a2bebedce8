"""The meeting's states and the steps between them: one table, read by the steps, the
admin's workflow actions, the docs and the tests (which try every pair).

A meeting's state is three fields: `status` (scheduled, held, ...), `agenda_status` and
`minutes_status`. Each row says from which states a step may start (`None`: any), what it
sets, who may take it, which checklist it runs and which effects follow.
"""

from dataclasses import dataclass, field

from agenda.models import Meeting, Transition
from agenda.publishing.roles import EDIT_PERMISSION, PUBLISH_PERMISSION

S, A, M = Meeting.Status, Meeting.AgendaStatus, Meeting.MinutesStatus

# One definition of "the meeting took place" for every step (adjourned meetings too).
HELD_STATES = (S.HELD, S.ADJOURNED)
AGENDA_PUBLIC = Meeting.PUBLIC_AGENDA_STATES
MINUTES_OPEN = (M.NONE, M.DRAFT)


@dataclass(frozen=True)
class Rule:
    """One row of the table."""

    name: str
    kind: str  # the workflow log's Transition.Kind
    permission: str
    status: tuple | None = None  # allowed from-states, None = any
    agenda: tuple | None = None
    minutes: tuple | None = None
    sets: dict = field(default_factory=dict)  # to-state: field -> value
    checklist: str | None = None  # publication_checks(what=...)
    effects: str | None = None  # after_publish(what=...)
    before_start: bool | None = None  # True: only before the meeting starts; False: after

    def allows(self, meeting, now):
        """Whether `meeting` is in a state this step may start from."""
        if self.status is not None and meeting.status not in self.status:
            return False
        if self.agenda is not None and meeting.agenda_status not in self.agenda:
            return False
        if self.minutes is not None and meeting.minutes_status not in self.minutes:
            return False
        if self.before_start is True and meeting.start <= now:
            return False
        return not (self.before_start is False and meeting.start > now)


K = Transition.Kind
TABLE = [
    Rule(
        "publish_agenda", K.AGENDA_PUBLISHED, PUBLISH_PERMISSION,
        status=(S.SCHEDULED,), agenda=(A.DRAFT,), minutes=MINUTES_OPEN,
        sets={"agenda_status": A.PUBLISHED}, checklist="agenda", effects="agenda",
    ),
    Rule(
        "publish_supplement", K.SUPPLEMENT_PUBLISHED, PUBLISH_PERMISSION,
        status=(S.SCHEDULED,), agenda=AGENDA_PUBLIC, minutes=MINUTES_OPEN,
        sets={"agenda_status": A.SUPPLEMENT_PUBLISHED}, checklist="supplement",
        effects="supplement",
    ),
    Rule(
        "record_held", K.HELD, EDIT_PERMISSION,
        status=(S.SCHEDULED,), agenda=AGENDA_PUBLIC, minutes=MINUTES_OPEN, before_start=False,
        sets={"status": S.HELD},
    ),
    Rule(
        "record_adjourned", K.ADJOURNED, EDIT_PERMISSION,
        status=(S.SCHEDULED,), agenda=AGENDA_PUBLIC, minutes=MINUTES_OPEN, before_start=False,
        sets={"status": S.ADJOURNED},
    ),
    Rule(
        "cancel", K.CANCELLED, PUBLISH_PERMISSION,
        status=(S.SCHEDULED,), minutes=(M.NONE,), before_start=True,
        sets={"status": S.CANCELLED}, effects="notice",
    ),
    Rule(
        "postpone", K.POSTPONED, PUBLISH_PERMISSION,
        status=(S.SCHEDULED,), minutes=(M.NONE,), before_start=True,
        sets={"status": S.POSTPONED}, effects="notice",
    ),
    Rule(
        "publish_draft_minutes", K.DRAFT_MINUTES_PUBLISHED, PUBLISH_PERMISSION,
        status=HELD_STATES, agenda=AGENDA_PUBLIC, minutes=MINUTES_OPEN,
        sets={"minutes_status": M.DRAFT_PUBLISHED}, checklist="minutes", effects="minutes",
    ),
    Rule(
        "publish_approved_minutes", K.MINUTES_APPROVED, PUBLISH_PERMISSION,
        status=HELD_STATES, agenda=AGENDA_PUBLIC, minutes=(*MINUTES_OPEN, M.DRAFT_PUBLISHED),
        sets={"minutes_status": M.APPROVED}, checklist="minutes", effects="minutes",
    ),
    Rule(
        "approve_minutes", K.MINUTES_APPROVED, PUBLISH_PERMISSION,
        status=HELD_STATES, agenda=AGENDA_PUBLIC, minutes=(M.DRAFT_PUBLISHED,),
        sets={"minutes_status": M.APPROVED}, effects="minutes",
    ),
    Rule(
        "record_erratum", K.ERRATUM, PUBLISH_PERMISSION,
        minutes=(M.APPROVED,), effects="minutes",
    ),
    Rule(
        "reprint_agenda", K.AGENDA_REPRINTED, EDIT_PERMISSION,
        status=(S.SCHEDULED,), agenda=AGENDA_PUBLIC, effects="agenda",
    ),
    Rule(
        "record_as_at_source", K.IMPORTED, PUBLISH_PERMISSION, effects="all",
    ),
    # Visibility after publication (visibility_steps.py): a public notice, every printed
    # copy re-rendered and search refreshed. Hiding is a clerk's; publishing again a
    # manager's (checked in the step).
    Rule(
        "withdraw_item", K.ITEM_WITHDRAWN, PUBLISH_PERMISSION,
        agenda=AGENDA_PUBLIC, minutes=(*MINUTES_OPEN, M.DRAFT_PUBLISHED), effects="all",
    ),
    Rule(
        "exempt_item", K.VISIBILITY_CHANGED, EDIT_PERMISSION, agenda=AGENDA_PUBLIC,
        effects="all",
    ),
    Rule(
        "exempt_document", K.VISIBILITY_CHANGED, EDIT_PERMISSION, agenda=AGENDA_PUBLIC,
        effects="all",
    ),
    # Decisions (decision_steps.py): the notice once the meeting has taken place; a call-in
    # goes onto the draft agenda of the scrutiny meeting it is run for.
    Rule(
        "publish_decisions", K.DECISIONS_PUBLISHED, PUBLISH_PERMISSION,
        status=HELD_STATES, agenda=AGENDA_PUBLIC, effects="decisions",
    ),
    Rule(
        "call_in_decision", K.CALLED_IN, EDIT_PERMISSION,
        status=(S.SCHEDULED,), agenda=(A.DRAFT,), before_start=True,
    ),
    # Changes residents may have relied on: each publishes a notice and reprints.
    Rule(
        "move_meeting", K.MOVED, PUBLISH_PERMISSION, effects="all",
    ),
    Rule(
        "renumber_items", K.RENUMBERED, PUBLISH_PERMISSION,
        agenda=AGENDA_PUBLIC, minutes=(*MINUTES_OPEN, M.DRAFT_PUBLISHED), effects="all",
    ),
]  # fmt: skip
RULES = {rule.name: rule for rule in TABLE}
