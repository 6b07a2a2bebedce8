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
import re
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime

from agenda import publishing
from agenda.console.minutes import OUTCOME_WORDING, write_item_minutes
from agenda.models import (
    Action,
    AgendaItem,
    Attendance,
    AttendanceSpan,
    ConsoleEvent,
    Declaration,
    Meeting,
    Motion,
    Vote,
    VoteEvent,
)
from agenda.models.eligibility import ABSENT, CAN_VOTE, NO_VOTE, NOT_VOTING, Roster, item_at
from agenda.models.items import EXEMPT_PARAGRAPH_NUMBERS
from agenda.models.locks import RecordLocked
from agenda.publishing.roles import EDIT_PERMISSION, is_person, require
from committees.dates import clock
from committees.models import Person
from committees.richtext import html_to_text

Kind = ConsoleEvent.Kind
KINDS = tuple(Kind.values)
CLIENT_ID = re.compile(r"^[A-Za-z0-9._:-]{1,64}$")
FUTURE_SLACK = datetime.timedelta(minutes=5)
EARLIEST_BEFORE_START = datetime.timedelta(days=1)
TEXT_LIMIT = 5000
# What an item's save writes when the console records its times (the search room knows
# these are not indexed: agenda.search.signal_handlers).
TIMES = ["started_at", "ended_at", "version", "updated_at"]

EXCLUSION_WORDING = (
    "That under section 100A(4) of the Local Government Act 1972 the public be excluded "
    "from the meeting for item {number} ({title}), on the grounds that it involves the "
    "likely disclosure of exempt information as defined in paragraph {paragraph} of Part 1 "
    "of Schedule 12A of the Act."
)


class ConsoleRefusal(ValidationError):
    """An action the console refuses; its message is a sentence the clerk can act on."""


def refuse(message):
    raise ConsoleRefusal(message, code="refused")


@dataclass
class EventResult:
    """What `apply_event` did: the logged event, and whether it was applied now (False:
    the same client id had been applied before, so nothing changed)."""

    event: ConsoleEvent
    applied: bool
    warnings: list = field(default_factory=list)

    @property
    def summary(self):
        return self.event.summary


def _name(person):
    return person.display_name


class Context:
    """One action being applied: the meeting (locked), who, when, the payload, and what
    the handlers learn along the way."""

    def __init__(self, meeting, actor, payload):
        self.meeting = meeting
        self.actor = actor
        self.payload = payload
        self.at = self._moment()
        self.warnings = []
        self.result = {}
        self.item = None  # the item whose minutes tell of this action
        self.touched = set()  # items whose minutes are written again
        self._roster = None
        self._items = None

    # ------------------------------------------------------------------ lookups

    def _moment(self):
        value = self.payload.get("at")
        if value in (None, ""):
            return timezone.now()
        moment = value if isinstance(value, datetime.datetime) else None
        if moment is None:
            try:
                moment = parse_datetime(str(value))
            except ValueError:
                moment = None
        if moment is None:
            refuse("The time of the action could not be read: send it as 2026-06-17T18:05.")
        if timezone.is_naive(moment):
            moment = timezone.make_aware(moment, timezone.get_default_timezone())
        if moment > timezone.now() + FUTURE_SLACK:
            refuse("The time of the action is in the future: check the device's clock.")
        if moment < self.meeting.start - EARLIEST_BEFORE_START:
            refuse(
                f"The time of the action ({moment:%d %b %Y %H:%M}) is before the meeting: "
                "check the device's clock."
            )
        return moment

    @property
    def roster(self):
        if self._roster is None:
            self._roster = Roster.load(self.meeting)
        return self._roster

    def reload(self):
        self._roster = None
        self._items = None

    @property
    def items(self):
        if self._items is None:
            self._items = list(AgendaItem.objects.filter(meeting=self.meeting).order_by("position"))
        return self._items

    def current_item(self):
        return item_at(self.items, self.at)

    def _id(self, key, what):
        value = self.payload.get(key)
        if value in (None, ""):
            return None
        try:
            return int(str(value))
        except ValueError:
            refuse(f"Choose {what} from the list.")

    def person(self, key="person", *, required=True, what="a person"):
        pk = self._id(key, what)
        if pk is None:
            if required:
                refuse(f"Choose {what}.")
            return None
        person = Person.objects.filter(pk=pk).first()
        if person is None:
            refuse(f"Choose {what} from the list: that one is not known.")
        return person

    def agenda_item(self, key="item", *, required=True, default_current=False):
        pk = self._id(key, "an item")
        if pk is None:
            current = self.current_item() if default_current else None
            if current is None and required:
                refuse("No item is being taken now: choose the item.")
            return current
        for item in self.items:
            if item.pk == pk:
                return item
        refuse("Choose an item of this meeting.")

    def motion(self, key="motion", *, required=True):
        value = self.payload.get(key)
        if value in (None, ""):
            if required:
                refuse("Choose the motion.")
            return None
        motions = Motion.objects.filter(item__meeting=self.meeting).select_related(
            "item", "parent", "mover", "seconder"
        )
        text = str(value)
        motion = motions.filter(pk=int(text)).first() if text.isdigit() else None
        if motion is None:
            proposing = ConsoleEvent.objects.filter(
                meeting=self.meeting, client_id=text, kind__in=(Kind.PROPOSE, Kind.AMEND)
            ).first()
            if proposing is not None:
                motion = motions.filter(pk=proposing.result.get("motion")).first()
        if motion is None:
            refuse("Choose a motion of this meeting: that one is not known (yet).")
        return motion

    def text(self, key, *, required=False, limit=TEXT_LIMIT, ask="Write the text."):
        value = str(self.payload.get(key) or "").replace("\r\n", "\n").strip()
        if required and not value:
            refuse(ask)
        if len(value) > limit:
            refuse(f"That is longer than {limit} characters: shorten it.")
        return value

    def flag(self, key):
        return str(self.payload.get(key) or "").lower() in ("1", "true", "on", "yes")

    def choice(self, key, choices, *, required=True, ask="Choose one."):
        value = str(self.payload.get(key) or "").strip()
        if not value:
            if required:
                refuse(ask)
            return None
        if value not in choices:
            refuse(ask)
        return value

    def count(self, key, label):
        value = self.payload.get(key)
        if value in (None, ""):
            return 0
        try:
            number = int(str(value))
        except ValueError:
            number = -1
        if number < 0 or number > 999:
            refuse(f"Write the number of votes {label} as a whole number (0 or more).")
        return number

    # ------------------------------------------------------------------ effects

    def about(self, item):
        """This action belongs in the minutes of `item`."""
        if item is not None:
            self.item = item
            self.touched.add(item.pk)

    def warn(self, text):
        self.warnings.append(text)

    def must_be_able_to_vote(self, person, item, doing):
        standing = self.roster.standing(person, self.at, item)
        if standing.state != CAN_VOTE:
            refuse(f"{_name(person)} cannot {doing}: {standing.reason}")


# ---------------------------------------------------------------------- attendance


def _attendance(ctx, person):
    return Attendance.objects.filter(meeting=ctx.meeting, person=person).first()


def _quorum_watch(ctx, before):
    """Compare the quorum before and after an arrival or departure."""
    ctx.reload()
    after = ctx.roster.is_quorate(ctx.at)
    present = len(ctx.roster.present_voting(ctx.at))
    if before and not after:
        ctx.result["quorum"] = "lost"
        ctx.warn(
            f"The meeting is no longer quorate: {present} voting member"
            f"{'s' if present != 1 else ''} present, and the quorum is {ctx.roster.quorum}. "
            "No vote can be taken until it is quorate again."
        )
    elif after and not before and ctx.meeting.console_events.filter(result__quorum="lost").exists():
        ctx.result["quorum"] = "regained"


def do_arrive(ctx):
    person = ctx.person(what="who arrived")
    substitute_for = ctx.person("substitute_for", required=False, what="the member substituted")
    default = (
        Attendance.Status.IN_ATTENDANCE
        if person.kind == Person.Kind.OFFICER
        else Attendance.Status.PRESENT
    )
    status = ctx.choice(
        "status",
        (
            Attendance.Status.PRESENT,
            Attendance.Status.PRESENT_VIRTUALLY,
            Attendance.Status.SUBSTITUTE,
            Attendance.Status.IN_ATTENDANCE,
        ),
        required=False,
        ask="Choose how they attend: present, present virtually, as a substitute or in attendance.",
    )
    status = Attendance.Status.SUBSTITUTE if substitute_for else (status or default)
    if status == Attendance.Status.SUBSTITUTE:
        if substitute_for is None:
            refuse(f"Choose the member {_name(person)} is substituting for.")
        if substitute_for == person:
            refuse("A member cannot substitute for themselves.")
        if substitute_for.pk not in ctx.roster.voting_seats:
            refuse(
                f"{_name(substitute_for)} does not hold a voting seat on "
                f"{ctx.meeting.committee.name}: a substitute stands in for a member."
            )
    before = ctx.roster.is_quorate(ctx.at)
    attendance = _attendance(ctx, person)
    spans = list(attendance.spans.order_by("arrived_at")) if attendance else []
    if spans and spans[-1].left_at is None:
        refuse(f"{_name(person)} is already in the meeting (since {clock(spans[-1].arrived_at)}).")
    if spans and spans[-1].left_at > ctx.at:
        refuse(
            f"{_name(person)} left at {clock(spans[-1].left_at)}: their return must be later "
            "than that."
        )
    if attendance is None:
        attendance = Attendance.objects.create(
            meeting=ctx.meeting, person=person, status=status, substitute_for=substitute_for
        )
    elif (attendance.status, attendance.substitute_for_id) != (
        status,
        getattr(substitute_for, "pk", None),
    ):
        if spans and attendance.status != status:
            refuse(
                f"{_name(person)} was here as “{attendance.get_status_display()}”: they return "
                "the same way (change it in the editor if it was recorded wrongly)."
            )
        attendance.status, attendance.substitute_for = status, substitute_for
        attendance.save()
    if substitute_for is not None and _attendance(ctx, substitute_for) is None:
        Attendance.objects.create(
            meeting=ctx.meeting, person=substitute_for, status=Attendance.Status.APOLOGIES
        )
    span = AttendanceSpan.objects.create(attendance=attendance, arrived_at=ctx.at)
    ctx.result.update(person=person.pk, span=span.pk)
    ctx.about(ctx.current_item())
    _quorum_watch(ctx, before)
    verb = "returned" if spans else "arrived"
    extra = f", as substitute for {_name(substitute_for)}" if substitute_for else ""
    return f"{_name(person)} {verb} at {clock(ctx.at)}{extra}."


def do_leave(ctx):
    person = ctx.person(what="who left")
    attendance = _attendance(ctx, person)
    span = attendance.spans.filter(left_at__isnull=True).first() if attendance else None
    if span is None:
        refuse(f"{_name(person)} is not in the meeting now: record their arrival first.")
    if ctx.at <= span.arrived_at:
        refuse(f"{_name(person)} arrived at {clock(span.arrived_at)}: they leave after that.")
    before = ctx.roster.is_quorate(ctx.at)
    span.left_at = ctx.at
    span.save()
    ctx.result.update(person=person.pk, span=span.pk)
    ctx.about(ctx.current_item())
    _quorum_watch(ctx, before)
    return f"{_name(person)} left at {clock(ctx.at)}."


def do_apologies(ctx):
    person = ctx.person(what="who sent apologies")
    attendance = _attendance(ctx, person)
    if attendance is not None and attendance.spans.exists():
        refuse(f"{_name(person)} has been in the meeting: record their departure instead.")
    if attendance is None:
        Attendance.objects.create(
            meeting=ctx.meeting, person=person, status=Attendance.Status.APOLOGIES
        )
    else:
        attendance.status, attendance.substitute_for = Attendance.Status.APOLOGIES, None
        attendance.save()
    ctx.result["person"] = person.pk
    ctx.reload()
    return f"Apologies from {_name(person)}."


# ---------------------------------------------------------------------- items


def _start(ctx, item):
    if item.is_withdrawn:
        refuse(f"Item {item.number} was withdrawn from the agenda: it is not taken.")
    if item.started_at is not None:
        refuse(f"Item {item.number} was already started at {clock(item.started_at)}.")
    for other in ctx.items:
        if other.pk != item.pk and other.started_at is not None and other.ended_at is None:
            other.ended_at = max(ctx.at, other.started_at)
            other.save(update_fields=TIMES)
            ctx.touched.add(other.pk)
    item.started_at = ctx.at
    item.save(update_fields=TIMES)
    ctx.about(item)


def do_start_item(ctx):
    item = ctx.agenda_item()
    _start(ctx, item)
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


def _taken(ctx, item):
    """Business on an item that has not been started starts it now."""
    if item.started_at is None and not item.is_withdrawn:
        _start(ctx, item)
        ctx.warn(f"Item {item.number} was started at {clock(ctx.at)}.")
    ctx.about(item)


# ---------------------------------------------------------------------- interests


def do_declare(ctx):
    person = ctx.person(what="the member declaring")
    roster = ctx.roster
    if not roster.is_present(roster.attendance_of(person.pk), ctx.at):
        # A declaration is made at the meeting, by someone in the room.
        refuse(
            f"{_name(person)} is not in the room now: record their arrival first, then "
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
            f"{_name(person)} has a pecuniary interest and no dispensation: they are recorded "
            f"as not voting on item {item.number if item else ''}, and should leave the room."
        )
    where = f" on item {item.number}" if item else ""
    return f"{_name(person)} declared a {declaration.get_kind_display().lower()}{where}."


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
    motion = _new_motion(
        ctx,
        host,
        kind=Motion.Kind.PROCEDURAL,
        text=EXCLUSION_WORDING.format(
            number=item.number, title=item.plain_title, paragraph=paragraph
        ),
    )
    _decide(motion, Motion.Outcome.CARRIED, ctx.at)
    ctx.result.update(motion=motion.pk, excluded_item=item.pk, paragraph=paragraph)
    ctx.about(host)
    return f"The public were excluded for item {item.number} (paragraph {paragraph})."


# ---------------------------------------------------------------------- motions


def _new_motion(ctx, item, **values):
    last = item.motions.aggregate(last=Max("position"))["last"] or 0
    values.setdefault("proposed_text", values["text"])
    return Motion.objects.create(item=item, position=last + 1, proposed_at=ctx.at, **values)


def _movers(ctx, item, *, mover_required):
    mover = ctx.person("mover", required=mover_required, what="who moved it")
    seconder = ctx.person("seconder", required=False, what="who seconded it")
    if mover is not None and seconder is not None and mover == seconder:
        refuse("A member cannot second their own motion: choose another seconder.")
    if mover is not None:
        ctx.must_be_able_to_vote(mover, item, "move it")
    if seconder is not None:
        ctx.must_be_able_to_vote(seconder, item, "second it")
    return mover, seconder


def _recommendations_wording(item):
    rows = list(item.recommendations.order_by("position"))
    return "\n".join(f"{row.display_label} {html_to_text(row.text).strip()}" for row in rows)


def do_propose(ctx):
    item = ctx.agenda_item(default_current=True)
    if item.is_withdrawn:
        refuse(f"Item {item.number} was withdrawn from the agenda.")
    kind = (
        ctx.choice(
            "kind",
            (Motion.Kind.SUBSTANTIVE, Motion.Kind.PROCEDURAL),
            required=False,
            ask="Choose a motion or a procedural motion (amendments amend a motion).",
        )
        or Motion.Kind.SUBSTANTIVE
    )
    text = ctx.text("text")
    from_recommendation = False
    if not text:
        if kind == Motion.Kind.PROCEDURAL:
            refuse("Write the procedural motion's wording.")
        text = _recommendations_wording(item)
        if not text:
            refuse(f"Item {item.number} has no recommendations: write the motion's wording.")
        from_recommendation = True
    if kind == Motion.Kind.SUBSTANTIVE and item.motions.substantive().pending().exists():
        refuse(
            f"A motion on item {item.number} is already before the meeting: decide it, or "
            "record it withdrawn, first."
        )
    mover, seconder = _movers(ctx, item, mover_required=kind == Motion.Kind.SUBSTANTIVE)
    _taken(ctx, item)
    motion = _new_motion(
        ctx,
        item,
        kind=kind,
        text=text,
        from_recommendation=from_recommendation,
        mover=mover,
        seconder=seconder,
    )
    ctx.result["motion"] = motion.pk
    by = f" by {_name(mover)}" if mover else ""
    return f"{motion.get_kind_display()} on item {item.number} moved{by}."


def do_amend(ctx):
    parent = ctx.motion()
    if parent.kind != Motion.Kind.SUBSTANTIVE or not parent.is_pending:
        refuse("Only a motion still before the meeting can be amended.")
    if parent.amendments.pending().exists():
        refuse("An amendment to this motion is already before the meeting: vote on it first.")
    text = ctx.text("text", required=True, ask="Write the motion's wording as amended.")
    if text.split() == parent.text.split():
        refuse("The amendment's wording is the same as the motion's: change the words it amends.")
    mover, seconder = _movers(ctx, parent.item, mover_required=True)
    _taken(ctx, parent.item)
    amendment = _new_motion(
        ctx,
        parent.item,
        kind=Motion.Kind.AMENDMENT,
        parent=parent,
        text=text,
        mover=mover,
        seconder=seconder,
    )
    ctx.result["motion"] = amendment.pk
    return f"Amendment on item {parent.item.number} moved by {_name(mover)}."


def _decide(motion, outcome, at):
    """Record the outcome; a carried amendment becomes its motion's wording, and a motion
    that falls takes any amendment still before the meeting with it."""
    motion.outcome, motion.decided_at = outcome, at
    motion.save()
    if motion.kind == Motion.Kind.AMENDMENT and outcome == Motion.Outcome.CARRIED:
        parent = motion.parent
        parent.text = motion.text
        parent.save()
    for amendment in motion.amendments.pending():
        amendment.outcome, amendment.decided_at = Motion.Outcome.WITHDRAWN, at
        amendment.save()


def _chair(ctx, item):
    chair = ctx.person("chair", required=False, what="who chaired")
    if chair is None:
        chair = ctx.roster.chair(ctx.at, item)
    if chair is None:
        refuse("Choose the member in the chair, who gives the casting vote.")
    ctx.must_be_able_to_vote(chair, item, "give a casting vote")
    return chair


def _counts_refusal(total, can_vote, item, standings):
    others = [s for s in standings if s.state in (NOT_VOTING, ABSENT)]
    why = ""
    if others:
        why = " (" + "; ".join(s.reason.rstrip(".") for s in others[:4]) + ")"
    refuse(
        f"{total} votes were counted, but only {can_vote} member"
        f"{'s' if can_vote != 1 else ''} can vote on item {item.number} now{why}. "
        "Count again."
    )


def do_vote(ctx):
    motion = ctx.motion()
    item = motion.item
    if not motion.is_pending:
        refuse(
            f"This {motion.get_kind_display().lower()} was already decided "
            f"({motion.get_outcome_display().lower()})."
        )
    if VoteEvent.objects.filter(motion=motion).exists():
        refuse(
            "A vote was already taken on this motion: record the chair's casting vote, or "
            "correct the minutes in the editor."
        )
    if motion.amendments.pending().exists():
        refuse("An amendment to this motion is before the meeting: vote on the amendment first.")
    method = ctx.choice(
        "method",
        VoteEvent.Method.values,
        ask="Choose how the vote was taken: show of hands, without dissent, unanimous or recorded.",
    )
    standings = ctx.roster.standings(ctx.at, item)
    able = [s for s in standings if s.state == CAN_VOTE]
    if len(able) < ctx.roster.quorum:
        refuse(
            f"The meeting is not quorate for item {item.number}: {len(able)} member"
            f"{'s' if len(able) != 1 else ''} can vote and the quorum is {ctx.roster.quorum}. "
            "No vote can be taken: wait for members to return, or adjourn."
        )
    named = {}
    votes_for = votes_against = abstentions = None
    if method == VoteEvent.Method.SHOW_OF_HANDS:
        votes_for = ctx.count("for", "for")
        votes_against = ctx.count("against", "against")
        abstentions = ctx.count("abstain", "abstaining")
    elif method == VoteEvent.Method.UNANIMOUS:
        if ctx.count("against", "against") or ctx.count("abstain", "abstaining"):
            refuse(
                "A unanimous vote has no votes against and no abstentions: choose “show of hands”."
            )
        votes_for, votes_against, abstentions = len(able), 0, 0
    elif method == VoteEvent.Method.RECORDED:
        named = _named_votes(ctx, standings)
        options = list(named.values())
        votes_for = options.count(Vote.Option.YES)
        votes_against = options.count(Vote.Option.NO)
        abstentions = options.count(Vote.Option.ABSTAIN)
    if votes_for is not None:
        total = votes_for + votes_against + abstentions
        if total > len(able):
            _counts_refusal(total, len(able), item, standings)
    agreed = method in (VoteEvent.Method.WITHOUT_DISSENT, VoteEvent.Method.UNANIMOUS)
    if agreed or votes_for > votes_against:
        result = VoteEvent.Result.CARRIED
    elif votes_for < votes_against:
        result = VoteEvent.Result.LOST
    else:
        result = VoteEvent.Result.TIED
    casting = ctx.choice(
        "casting", VoteEvent.Casting.values, required=False, ask="Choose for or against."
    )
    chair = None
    if casting and result != VoteEvent.Result.TIED:
        refuse(
            f"The chair has a casting vote only when the votes are equal ({votes_for} for, "
            f"{votes_against} against)."
        )
    if casting:
        chair = _chair(ctx, item)
        result = (
            VoteEvent.Result.CARRIED if casting == VoteEvent.Casting.FOR else VoteEvent.Result.LOST
        )
    _taken(ctx, item)
    vote_event = VoteEvent.objects.create(
        motion=motion,
        method=method,
        votes_for=votes_for,
        votes_against=votes_against,
        abstentions=abstentions,
        eligible=len(able),
        casting_vote=casting or "",
        casting_by=chair,
        result=result,
        at=ctx.at,
    )
    Vote.objects.bulk_create(_member_votes(vote_event, standings, named, method))
    ctx.result.update(motion=motion.pk, vote_event=vote_event.pk, result=result)
    if result == VoteEvent.Result.TIED:
        ctx.warn(
            f"The votes are equal ({votes_for} for, {votes_against} against): record the "
            "chair's casting vote."
        )
    else:
        _decide(motion, result, ctx.at)
    what = motion.get_kind_display()
    return (
        f"{what} on item {item.number}: {vote_event.get_result_display().lower()} "
        f"({vote_event.counts_line})."
    )


def _named_votes(ctx, standings):
    votes = ctx.payload.get("votes") or {}
    if not isinstance(votes, dict):
        refuse("Record each member's vote: for, against or abstain.")
    by_person = {s.person.pk: s for s in standings}
    named = {}
    for key, value in votes.items():
        option = str(value or "").strip()
        if not option:
            continue
        if option not in (Vote.Option.YES, Vote.Option.NO, Vote.Option.ABSTAIN):
            refuse("Record each member's vote as for, against or abstain.")
        try:
            pk = int(str(key))
        except ValueError:
            refuse("Choose the members from the list.")
        standing = by_person.get(pk)
        if standing is None:
            person = Person.objects.filter(pk=pk).first()
            name = _name(person) if person else "That person"
            refuse(f"{name} is not a voting member at this meeting: their vote cannot count.")
        if standing.state != CAN_VOTE:
            refuse(f"{standing.reason} Their vote cannot be recorded.")
        named[pk] = option
    if not named:
        refuse("Record each member's vote: for, against or abstain.")
    return named


def _member_votes(vote_event, standings, named, method):
    rows = []
    for standing in standings:
        if standing.state == NO_VOTE:
            continue
        if standing.state == NOT_VOTING:
            option, reason = Vote.Option.NOT_VOTING, standing.reason
        elif method != VoteEvent.Method.RECORDED:
            continue  # a show of hands names only those kept out by an interest
        elif standing.state == ABSENT:
            option, reason = Vote.Option.ABSENT, ""
        else:
            option = named.get(standing.person.pk, Vote.Option.NOT_VOTING)
            reason = "" if standing.person.pk in named else "Present, did not vote."
        rows.append(
            Vote(vote_event=vote_event, person=standing.person, option=option, reason=reason[:200])
        )
    return rows


def do_casting_vote(ctx):
    motion = ctx.motion()
    vote_event = VoteEvent.objects.filter(motion=motion).first()
    if vote_event is None or vote_event.result != VoteEvent.Result.TIED:
        refuse(
            "The chair has a casting vote only when the votes are equal, and this motion "
            "has no equal vote."
        )
    option = ctx.choice(
        "option", VoteEvent.Casting.values, ask="Choose whether the casting vote is for or against."
    )
    chair = _chair(ctx, motion.item)
    vote_event.casting_vote, vote_event.casting_by = option, chair
    vote_event.result = (
        VoteEvent.Result.CARRIED if option == VoteEvent.Casting.FOR else VoteEvent.Result.LOST
    )
    vote_event.save()
    _decide(motion, vote_event.result, ctx.at)
    ctx.about(motion.item)
    ctx.result.update(motion=motion.pk, vote_event=vote_event.pk, result=vote_event.result)
    return f"Casting vote {option} by {_name(chair)}: {vote_event.get_result_display().lower()}."


def do_outcome(ctx):
    outcome = ctx.choice(
        "outcome",
        tuple(OUTCOME_WORDING),
        ask="Choose the outcome: withdrawn, deferred or referred back.",
    )
    motion = ctx.motion(required=False)
    if motion is None:
        item = ctx.agenda_item(default_current=True)
        motion = item.motions.substantive().pending().first()
        if motion is None:
            _taken(ctx, item)
            motion = _new_motion(
                ctx, item, kind=Motion.Kind.PROCEDURAL, text=OUTCOME_WORDING[outcome]
            )
    if not motion.is_pending:
        refuse(
            f"This {motion.get_kind_display().lower()} was already decided "
            f"({motion.get_outcome_display().lower()})."
        )
    if VoteEvent.objects.filter(motion=motion).exists():
        refuse("A vote was taken on this motion: its outcome is the vote's.")
    _decide(motion, outcome, ctx.at)
    ctx.about(motion.item)
    ctx.result["motion"] = motion.pk
    return (
        f"{motion.get_kind_display()} on item {motion.item.number}: "
        f"{motion.get_outcome_display().lower()}."
    )


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


def do_end_meeting(ctx):
    meeting = ctx.meeting
    if ctx.at <= meeting.start:
        refuse(f"The meeting started at {clock(meeting.start)}: it closes after that.")
    spans = list(AttendanceSpan.objects.filter(attendance__meeting=meeting, left_at__isnull=True))
    for span in spans:
        if span.arrived_at >= ctx.at:
            refuse(f"{span.attendance.person} arrived after {clock(ctx.at)}: check the time.")
    # One write for everyone still in the room (the lock is asked once, for all of them).
    AttendanceSpan.objects.filter(pk__in=[span.pk for span in spans]).update(left_at=ctx.at)
    running = ctx.current_item()
    for item in ctx.items:
        if item.started_at is not None and item.ended_at is None:
            item.ended_at = max(ctx.at, item.started_at)
            item.save(update_fields=TIMES)
            ctx.touched.add(item.pk)
    came = set(Attendance.objects.filter(meeting=meeting).values_list("person_id", flat=True))
    absent = [
        Attendance(meeting=meeting, person_id=pk, status=Attendance.Status.ABSENT)
        for pk in ctx.roster.voting_seats
        if pk not in came
    ]
    Attendance.objects.bulk_create(absent)
    meeting.end = ctx.at
    meeting.save(update_fields=["end", "version", "updated_at"])
    ctx.reload()
    last = running or next((i for i in reversed(ctx.items) if i.started_at), None)
    ctx.about(last)
    return f"The meeting closed at {clock(ctx.at)}."


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
