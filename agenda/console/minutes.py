"""The minutes write themselves: an item's narrative and resolutions, from the record.

After each console action the items it touched are written again:
- the *narrative* (`AgendaItem.minutes_text`): declarations, arrivals and departures during
  the item (and the quorum), each motion and amendment with mover and seconder, each vote
  and its result ("The amendment was LOST (3 for, 5 against)."), outcomes, the clerk's
  notes, in the order they happened. The console keeps what it wrote in `console_minutes`:
  while the minutes still read exactly that, it rewrites them; once a clerk has edited
  them in the editor, the clerk's words are kept (the console's version stays beside them).
- the *resolutions*: each decided motion (and each carried procedural motion) becomes
  numbered `Resolution` rows, one a clause, with the outcome and the counts; rows a clerk
  typed by hand are left alone and keep their numbers.
"""

from django.utils.html import escape, format_html

from agenda.models import AgendaItem, ConsoleEvent, Motion, Resolution, Vote, VoteEvent
from agenda.models.eligibility import Roster
from agenda.models.motions import clauses
from committees.dates import clock
from committees.richtext import sanitise_html

Kind = ConsoleEvent.Kind

RESULT_WORDS = {
    Motion.Outcome.CARRIED: "CARRIED",
    Motion.Outcome.LOST: "LOST",
    Motion.Outcome.WITHDRAWN: "WITHDRAWN",
    Motion.Outcome.DEFERRED: "DEFERRED",
    Motion.Outcome.REFERRED_BACK: "REFERRED BACK",
}
RESOLUTION_OUTCOMES = {
    Motion.Outcome.CARRIED: Resolution.Outcome.CARRIED,
    Motion.Outcome.LOST: Resolution.Outcome.LOST,
    Motion.Outcome.WITHDRAWN: Resolution.Outcome.WITHDRAWN,
    Motion.Outcome.DEFERRED: Resolution.Outcome.DEFERRED,
    Motion.Outcome.REFERRED_BACK: Resolution.Outcome.REFERRED_BACK,
}


def names(people):
    """'A', 'A and B', 'A, B and C'."""
    people = [person.display_name for person in people]
    if len(people) <= 1:
        return "".join(people)
    return f"{', '.join(people[:-1])} and {people[-1]}"


def _paragraph(text):
    return format_html("<p>{}</p>", text)


def _what(motion):
    if motion.kind == Motion.Kind.AMENDMENT:
        return "The amendment"
    if motion.kind == Motion.Kind.PROCEDURAL:
        return "The procedural motion"
    return "The motion, as amended," if motion.is_amended else "The motion"


def _noun(motion):
    return {Motion.Kind.AMENDMENT: "amendment", Motion.Kind.PROCEDURAL: "motion"}.get(
        motion.kind, "motion"
    )


def _moved(motion):
    by = ""
    if motion.mover_id:
        by = f" by {motion.mover.display_name}"
        if motion.seconder_id:
            by += f", seconded by {motion.seconder.display_name},"
    if motion.kind == Motion.Kind.AMENDMENT:
        return _paragraph(
            f"An amendment was moved{by} that the motion read: “{_one_line(motion.text)}”"
        )
    if motion.from_recommendation:
        return _paragraph(f"It was moved{by} that the recommendations be approved.")
    if motion.kind == Motion.Kind.PROCEDURAL and not motion.mover_id:
        return _paragraph(f"It was proposed that: “{_one_line(motion.proposed_text)}”")
    return _paragraph(f"It was moved{by} that: “{_one_line(motion.proposed_text)}”")


def _one_line(text):
    return " ".join(text.split())


def _vote_sentence(vote_event):
    motion = vote_event.motion
    if vote_event.result == VoteEvent.Result.TIED and not vote_event.casting_vote:
        return _paragraph(f"The votes were equal ({vote_event.counts_line}).")
    words = RESULT_WORDS[Motion.Outcome(vote_event.result)]
    if vote_event.casting_vote:
        chair = vote_event.casting_by.display_name
        counts = f"{vote_event.votes_for} for, {vote_event.votes_against} against"
        return _paragraph(
            f"The votes being equal ({counts}), the Chair, {chair}, gave a casting vote "
            f"{vote_event.get_casting_vote_display().lower()} the {_noun(motion)}. "
            f"{_what(motion)} was {words}."
        )
    if vote_event.method == VoteEvent.Method.WITHOUT_DISSENT:
        return _paragraph(f"{_what(motion)} was {words} without dissent.")
    if vote_event.method == VoteEvent.Method.UNANIMOUS:
        return _paragraph(f"{_what(motion)} was {words} unanimously ({vote_event.counts_line}).")
    return _paragraph(f"{_what(motion)} was {words} ({vote_event.counts_line}).")


def _named(vote_event):
    votes = sorted(vote_event.votes.all(), key=lambda vote: vote.person.name)
    by_option = {option: [v.person for v in votes if v.option == option] for option in Vote.Option}
    parts = []
    if vote_event.method == VoteEvent.Method.RECORDED:
        for option, label in (
            (Vote.Option.YES, "For"),
            (Vote.Option.NO, "Against"),
            (Vote.Option.ABSTAIN, "Abstained"),
            (Vote.Option.NOT_VOTING, "Did not vote"),
            (Vote.Option.ABSENT, "Absent"),
        ):
            if by_option[option]:
                parts.append(f"{label}: {names(by_option[option])}.")
        text = "A recorded vote was taken. " + " ".join(parts)
        return _paragraph(text)
    out = by_option[Vote.Option.NOT_VOTING]
    if out:
        return _paragraph(f"{names(out)}, having declared an interest, did not vote.")
    return ""


def _declaration(declaration):
    what = declaration.get_kind_display().lower()
    text = f"{declaration.person.display_name} declared a {what}"
    if declaration.description:
        text += f" ({_one_line(declaration.description)})"
    if declaration.left_room:
        text += " and left the room for this item"
    elif declaration.has_dispensation:
        text += ", for which a dispensation had been granted, and remained"
    return _paragraph(text + ".")


def _quorum_line(roster, moment, lost):
    present = len(roster.present_voting(moment))
    if lost:
        return _paragraph(
            f"The meeting was then no longer quorate ({present} voting member"
            f"{'s' if present != 1 else ''} present; the quorum is {roster.quorum})."
        )
    return _paragraph(f"The meeting was quorate again ({present} voting members present).")


def narrative(item, roster, events):
    """The item's narrative as HTML, from its console events in the order applied."""
    motions = {
        motion.pk: motion
        for motion in Motion.objects.filter(item=item).select_related("mover", "seconder", "parent")
    }
    vote_events = {
        vote.pk: vote
        for vote in VoteEvent.objects.filter(motion__item=item)
        .select_related("motion", "casting_by")
        .prefetch_related("votes__person")
    }
    for vote in vote_events.values():
        vote.motion = motions.get(vote.motion_id, vote.motion)
    declarations = {d.pk: d for d in item.declarations.select_related("person")}
    people = {a.person_id: a.person for a in roster.attendances}
    parts = []
    for event in events:
        result = event.result or {}
        kind = event.kind
        if kind in (Kind.ARRIVE, Kind.LEAVE):
            person = people.get(result.get("person"))
            if person is None:
                continue
            verb = "arrived" if kind == Kind.ARRIVE else "left the meeting"
            parts.append(_paragraph(f"{person.display_name} {verb} at {clock(event.at)}."))
            if result.get("quorum") in ("lost", "regained"):
                parts.append(_quorum_line(roster, event.at, result["quorum"] == "lost"))
        elif kind == Kind.DECLARE and result.get("declaration") in declarations:
            parts.append(_declaration(declarations[result["declaration"]]))
        elif kind == Kind.EXCLUDE_PUBLIC:
            parts.append(
                _paragraph(
                    "The public were excluded from the meeting (exempt information, "
                    f"Schedule 12A paragraph {result.get('paragraph')})."
                )
            )
        elif kind in (Kind.PROPOSE, Kind.AMEND) and result.get("motion") in motions:
            parts.append(_moved(motions[result["motion"]]))
        elif kind in (Kind.VOTE, Kind.CASTING_VOTE) and result.get("vote_event") in vote_events:
            vote_event = vote_events[result["vote_event"]]
            if kind == Kind.VOTE and _casting_later(vote_event, events, event):
                continue  # the casting vote, later, tells the whole vote in one sentence
            parts.append(_vote_sentence(vote_event))
            parts.append(_named(vote_event))
        elif kind == Kind.OUTCOME and result.get("motion") in motions:
            motion = motions[result["motion"]]
            if motion.kind == Motion.Kind.PROCEDURAL and motion.proposed_text in OUTCOME_TEXTS:
                parts.append(_paragraph(f"The item was {RESULT_WORDS[motion.outcome]}."))
            else:
                parts.append(_paragraph(f"{_what(motion)} was {RESULT_WORDS[motion.outcome]}."))
        elif kind == Kind.NOTE:
            text = str(event.payload.get("text") or "")
            for paragraph in [p for p in text.replace("\r\n", "\n").split("\n\n") if p.strip()]:
                lines = escape(paragraph.strip()).replace("\n", "<br>")
                parts.append(f"<p>{lines}</p>")
        elif kind == Kind.END_MEETING:
            parts.append(_paragraph(f"The meeting closed at {clock(event.at)}."))
    return "\n".join(str(part) for part in parts if part)


# The wording of the procedural motion recorded for an outcome given without a motion.
OUTCOME_WORDING = {
    Motion.Outcome.WITHDRAWN: "That the item be withdrawn.",
    Motion.Outcome.DEFERRED: "That consideration of the item be deferred.",
    Motion.Outcome.REFERRED_BACK: "That the matter be referred back.",
}
OUTCOME_TEXTS = set(OUTCOME_WORDING.values())


def _casting_later(vote_event, events, event):
    """Whether a later casting-vote event tells this vote's end (so the vote event itself
    says only that the votes were equal)."""
    return any(
        later.kind == Kind.CASTING_VOTE
        and later.sequence > event.sequence
        and (later.result or {}).get("vote_event") == vote_event.pk
        for later in events
    )


def write_resolutions(item):
    """The item's resolutions from its decided motions: one row a clause, after the rows a
    clerk typed; rows written before are updated in place (their numbers kept)."""
    motions = [
        motion
        for motion in Motion.objects.filter(item=item)
        .exclude(outcome=Motion.Outcome.PENDING)
        .exclude(kind=Motion.Kind.AMENDMENT)
        .select_related("vote_event")
        .order_by("position")
        if motion.kind == Motion.Kind.SUBSTANTIVE or motion.outcome == Motion.Outcome.CARRIED
    ]
    wanted = []
    for motion in motions:
        vote = motion.decided_by
        outcome = RESOLUTION_OUTCOMES[motion.outcome]
        if outcome == Resolution.Outcome.CARRIED and motion.is_amended:
            outcome = Resolution.Outcome.CARRIED_AS_AMENDED
        for label, text in clauses(motion.text):
            wanted.append(
                {
                    "motion": motion,
                    "label": label,
                    "text": sanitise_html(format_html("<p>{}</p>", text)),
                    "outcome": outcome,
                    "votes_for": vote.votes_for if vote else None,
                    "votes_against": vote.votes_against if vote else None,
                    "abstentions": vote.abstentions if vote else None,
                }
            )
    existing = list(item.resolutions.filter(motion__isnull=False).order_by("position"))
    typed = item.resolutions.filter(motion__isnull=True)
    start = max([row.position for row in typed] or [0])
    for index, values in enumerate(wanted):
        row = existing[index] if index < len(existing) else Resolution(item=item)
        position = start + index + 1
        changed = row.pk is None or row.position != position
        for name, value in values.items():
            current = getattr(row, "motion_id" if name == "motion" else name)
            target = value.pk if name == "motion" else value
            if current != target:
                changed = True
                setattr(row, name, value)
        if changed:
            row.position = position
            row.save()
    for row in existing[len(wanted) :]:
        row.delete()


def write_item_minutes(item_pk, roster=None):
    """Write the item's narrative and resolutions again from the record."""
    item = AgendaItem.objects.select_related("meeting__committee").get(pk=item_pk)
    roster = roster or Roster.load(item.meeting)
    events = list(ConsoleEvent.objects.filter(item=item).order_by("sequence"))
    html = sanitise_html(narrative(item, roster, events))
    untouched = sanitise_html(item.minutes_text) in ("", sanitise_html(item.console_minutes))
    fields = []
    if item.console_minutes != html:
        item.console_minutes = html
        fields.append("console_minutes")
    if untouched and item.minutes_text != html:
        item.minutes_text = html
        fields.append("minutes_text")
    if fields:
        item.save(update_fields=[*fields, "version", "updated_at"])
    write_resolutions(item)
    return item
