"""Console actions: validated, applied once, logged in order.

    apply_event(meeting, client_id, kind, payload, actor) -> EventResult

`client_id` is made by the device that sends the action (a UUID; the no-JavaScript forms get
one from the server): 1-64 characters of letters, digits and `._:-`. Sent again, the
same id returns the first result with `applied=False` and changes nothing. A refused
action raises `ConsoleRefusal` (a ValidationError whose message is a sentence for the
clerk) and records nothing, so it may be corrected and sent again with the same id.

Every payload may carry `at`: when it happened (ISO 8601; the council's time zone if no
offset is given; default: when the server receives it). An offline device sends the time
the clerk pressed the button. People, items and motions are given by id; a motion may
also be given by the `client_id` of the action that proposed it (so a queued vote can
follow a queued motion before either reached the server).

Kinds and payloads (values from forms arrive as strings; both are accepted):

- `arrive`        {person, status?, substitute_for?}  status: present (default),
                  present_virtually, substitute (needs substitute_for), in_attendance
                  (officers' default). Opens a time in the room; a return after leaving
                  opens another.
- `leave`         {person}  closes their time in the room. Warns if quorum is lost.
- `apologies`     {person}  apologies for absence (only before they have come).
- `start_item`    {item}    the item is taken from `at` (any item still open ends then).
- `end_item`      {item}
- `declare`       {person, kind, description, item?, left_room?, dispensation?}  kind:
                  pecuniary, other_registrable, non_registrable. item: default the item
                  being taken.
- `exclude_public` {item, paragraph, reason?}  the public excluded for `item` under
                  Schedule 12A `paragraph`: the resolution is recorded (on the meeting's
                  "Exclusion of the public" item if it has one) and the item becomes
                  exempt (through the `exempt_item` step once published).
- `propose`       {item, kind?, text?, mover, seconder?}  kind: substantive (default) or
                  procedural. No text: the item's recommendations, moved as they stand.
- `amend`         {motion, text, mover, seconder?}  text: the motion's full wording as the
                  amendment would have it.
- `vote`          {motion, method, for?, against?, abstain?, votes?, casting?, chair?}
                  method: show_of_hands (for/against/abstain), without_dissent, unanimous,
                  recorded (votes: {person id: yes|no|abstain}); casting: for|against when
                  the votes are equal (chair: who presided, default the chair present).
                  A carried amendment rewrites its motion's wording.
- `casting_vote`  {motion, option, chair?}  option: for|against, after an equal vote.
- `outcome`       {outcome, motion? | item?}  outcome: withdrawn, deferred, referred_back;
                  without a motion, the item's motion before the meeting, or a procedural
                  one recorded for it.
- `action`        {owner, description?, item?, owner_person?, due_date?, report_back?}
                  due_date: YYYY-MM-DD.
- `note`          {text, item?}  a line of the minute, typed as it happens.
- `end_meeting`   {}  closes the meeting at `at`: everyone still there leaves, the open
                  item ends, voting members who never came are recorded absent.

The result's `event.result` holds the ids made (`motion`, `vote_event`, `declaration`,
`span`, `action`), `quorum` ("lost"/"regained") when it changed, and `warnings`.
"""

import datetime

from django.db import IntegrityError, transaction
from django.db.models import Max

from agenda.console.attendance import do_apologies, do_arrive, do_end_meeting, do_leave
from agenda.console.business import (
    do_action,
    do_declare,
    do_end_item,
    do_exclude_public,
    do_note,
    do_start_item,
)
from agenda.console.context import CLIENT_ID, KINDS, Context, EventResult, Kind, refuse
from agenda.console.minutes import write_item_minutes
from agenda.console.motions import do_amend, do_casting_vote, do_outcome, do_propose, do_vote
from agenda.models import (
    ConsoleEvent,
    Meeting,
)
from agenda.models.eligibility import Roster
from agenda.models.locks import RecordLocked
from agenda.publishing.roles import EDIT_PERMISSION, is_person, require

HANDLERS = {
    Kind.ARRIVE: do_arrive,
    Kind.LEAVE: do_leave,
    Kind.APOLOGIES: do_apologies,
    Kind.START_ITEM: do_start_item,
    Kind.END_ITEM: do_end_item,
    Kind.DECLARE: do_declare,
    Kind.EXCLUDE_PUBLIC: do_exclude_public,
    Kind.PROPOSE: do_propose,
    Kind.AMEND: do_amend,
    Kind.VOTE: do_vote,
    Kind.CASTING_VOTE: do_casting_vote,
    Kind.OUTCOME: do_outcome,
    Kind.ACTION: do_action,
    Kind.NOTE: do_note,
    Kind.END_MEETING: do_end_meeting,
}
if set(HANDLERS) != set(KINDS):
    raise RuntimeError("Every kind of console action needs its handler.")


def _plain(payload):
    """The payload as JSON can hold it (a QueryDict's lists of one become values)."""
    if hasattr(payload, "lists"):
        return {key: values[-1] if len(values) == 1 else values for key, values in payload.lists()}
    return dict(payload or {})


def apply_event(meeting, client_id, kind, payload, actor):
    """Apply one console action to `meeting`, once. Returns an EventResult; raises
    ConsoleRefusal (a sentence for the clerk) or PermissionDenied, recording nothing."""
    require(actor, EDIT_PERMISSION, "record a meeting on the console")
    client_id = str(client_id or "").strip()
    if not CLIENT_ID.match(client_id):
        refuse("The action has no valid id: reload the console and try again.")
    if kind not in HANDLERS:
        refuse("That is not an action the console knows: reload the console and try again.")
    payload = _plain(payload)
    if isinstance(payload.get("at"), datetime.datetime):
        payload["at"] = payload["at"].isoformat()
    try:
        with transaction.atomic():
            # One action at a time per meeting (the committee's row is only read).
            meeting = (
                Meeting.objects.select_for_update(of=("self",))
                .select_related("committee")
                .get(pk=meeting.pk)
            )
            done = ConsoleEvent.objects.filter(meeting=meeting, client_id=client_id).first()
            if done is not None:
                if done.kind != kind:
                    refuse(
                        "This action's id was already used for another action: reload the "
                        "console and try again."
                    )
                return EventResult(done, applied=False, warnings=done.result.get("warnings", []))
            if meeting.minutes_locked:
                refuse(
                    f"The minutes of {meeting} were approved as a correct record: nothing can "
                    "be added from the console. Record an erratum instead."
                )
            if meeting.is_called_off:
                refuse(
                    f"{meeting} was {meeting.get_status_display().lower()}: it has no "
                    "meeting to record."
                )
            ctx = Context(meeting, actor, payload)
            summary = HANDLERS[kind](ctx)
            if ctx.warnings:
                ctx.result["warnings"] = ctx.warnings
            last = meeting.console_events.aggregate(last=Max("sequence"))["last"] or 0
            event = ConsoleEvent.objects.create(
                meeting=meeting,
                client_id=client_id,
                sequence=last + 1,
                kind=kind,
                payload=payload,
                at=ctx.at,
                actor=actor if is_person(actor) else None,
                item=ctx.item,
                summary=summary[:500],
                result=ctx.result,
            )
            roster = ctx._roster or Roster.load(meeting)
            for item_pk in sorted(ctx.touched):
                write_item_minutes(item_pk, roster=roster)
    except RecordLocked as error:
        refuse(" ".join(error.messages))
    except IntegrityError:
        refuse(
            "That could not be recorded: it conflicts with something recorded at the same "
            "moment. Reload the console and check."
        )
    return EventResult(event, applied=True, warnings=ctx.warnings)
