"""Console actions on the business: items started and ended, declarations of interest,
exclusion of the public, actions and notes for the minutes."""

from django.core.exceptions import ValidationError
from django.utils.dateparse import parse_date

from agenda import publishing
from agenda.console.context import EXCLUSION_WORDING, TIMES, refuse, start_item
from agenda.console.motions import decide, new_motion
from agenda.models import (
    Action,
    AgendaItem,
    Declaration,
    Motion,
)
from agenda.models.items import EXEMPT_PARAGRAPH_NUMBERS
from committees.dates import clock

# ---------------------------------------------------------------------- items


def do_start_item(ctx):
    item = ctx.agenda_item()
    start_item(ctx, item)
    return f"Item {item.number} started at {clock(ctx.at)}."


def do_end_item(ctx):
    item = ctx.agenda_item(default_current=True)
    if item.started_at is None:
        refuse(f"Item {item.number} has not been started.")
    if item.ended_at is not None:
        refuse(f"Item {item.number} already ended at {clock(item.ended_at)}.")
    if ctx.at < item.started_at:
        refuse(f"Item {item.number} started at {clock(item.started_at)}: it ends after that.")
    item.ended_at = ctx.at
    item.save(update_fields=TIMES)
    ctx.about(item)
    if item.motions.pending().exists():
        ctx.warn(f"A motion on item {item.number} was not decided: record its outcome.")
    return f"Item {item.number} ended at {clock(ctx.at)}."


# ---------------------------------------------------------------------- interests


def do_declare(ctx):
    person = ctx.person(what="the member declaring")
    roster = ctx.roster
    if not roster.is_present(roster.attendance_of(person.pk), ctx.at):
        # A declaration is made at the meeting, by someone in the room.
        refuse(
            f"{person.display_name} is not in the room now: record their arrival first, then "
            "their declaration."
        )
    item = ctx.agenda_item(required=False, default_current=True)
    kind = ctx.choice(
        "kind",
        Declaration.Kind.values,
        ask="Choose the kind of interest: pecuniary, other registrable or non-registrable.",
    )
    description = ctx.text("description", required=True, ask="Write what the interest is.")
    left_room, dispensation = ctx.flag("left_room"), ctx.flag("dispensation")
    declaration = Declaration.objects.create(
        meeting=ctx.meeting,
        item=item,
        person=person,
        kind=kind,
        description=description,
        left_room=left_room,
        has_dispensation=dispensation,
    )
    ctx.result["declaration"] = declaration.pk
    ctx.about(item)
    ctx.reload()
    if declaration.bars_voting and not left_room:
        ctx.warn(
            f"{person.display_name} has a pecuniary interest and no dispensation: they are "
            f"recorded as not voting on item {item.number if item else ''}, and should leave "
            "the room."
        )
    where = f" on item {item.number}" if item else ""
    return f"{person.display_name} declared a {declaration.get_kind_display().lower()}{where}."


def do_exclude_public(ctx):
    item = ctx.agenda_item()
    try:
        paragraph = int(str(ctx.payload.get("paragraph") or ""))
    except ValueError:
        paragraph = None
    if paragraph not in EXEMPT_PARAGRAPH_NUMBERS:
        refuse("Choose the Schedule 12A paragraph the information is exempt under.")
    reason = ctx.text("reason", limit=2000)
    host = next(
        (
            other
            for other in ctx.items
            if other.kind == AgendaItem.Kind.EXCLUSION and other.position < item.position
        ),
        item,
    )
    if not item.is_exempt:
        if item.published_at is not None:
            try:
                publishing.run(
                    "exempt_item",
                    ctx.meeting,
                    ctx.actor,
                    item=item,
                    paragraph=paragraph,
                    reason=reason or item.public_interest_reason,
                )
            except ValidationError as error:
                refuse(" ".join(error.messages))
        else:
            item.is_exempt, item.exempt_paragraph = True, paragraph
            if reason:
                item.public_interest_reason = reason
            item.save()
        ctx.reload()
    motion = new_motion(
        ctx,
        host,
        kind=Motion.Kind.PROCEDURAL,
        text=EXCLUSION_WORDING.format(
            number=item.number, title=item.plain_title, paragraph=paragraph
        ),
    )
    decide(motion, Motion.Outcome.CARRIED, ctx.at)
    ctx.result.update(motion=motion.pk, excluded_item=item.pk, paragraph=paragraph)
    ctx.about(host)
    return f"The public were excluded for item {item.number} (paragraph {paragraph})."


# ---------------------------------------------------------------------- actions, notes


def do_action(ctx):
    item = ctx.agenda_item(required=True, default_current=True)
    owner = ctx.text(
        "owner", required=True, limit=200, ask="Say who is to act, e.g. Chief Executive."
    )
    owner_person = ctx.person("owner_person", required=False, what="the owner")
    description = ctx.text("description")
    due = str(ctx.payload.get("due_date") or "").strip()
    due_date = None
    if due:
        try:
            due_date = parse_date(due)
        except ValueError:
            due_date = None
        if due_date is None:
            refuse("Write the due date as a date, e.g. 2027-03-31.")
    action = Action.objects.create(
        item=item,
        owner=owner,
        owner_person=owner_person,
        description=description,
        due_date=due_date,
        report_back=ctx.flag("report_back"),
    )
    ctx.about(item)
    ctx.result["action"] = action.pk
    return f"Action on item {item.number}: {owner}."


def do_note(ctx):
    item = ctx.agenda_item(default_current=True)
    ctx.text("text", required=True, ask="Write the note for the minutes.")
    ctx.about(item)
    return f"Note on item {item.number}."
