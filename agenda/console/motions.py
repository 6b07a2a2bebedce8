"""Console actions on motions: proposed (from the recommendations or written), amended,
voted on (show of hands, without dissent, recorded), the chair's casting vote, outcomes."""

from django.db.models import Max

from agenda.console.context import ensure_taken, refuse
from agenda.console.minutes import OUTCOME_WORDING
from agenda.models import (
    Motion,
    Vote,
    VoteEvent,
)
from agenda.models.eligibility import ABSENT, CAN_VOTE, NO_VOTE, NOT_VOTING
from committees.models import Person
from committees.richtext import html_to_text

# ---------------------------------------------------------------------- motions


def new_motion(ctx, item, **values):
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
    ensure_taken(ctx, item)
    motion = new_motion(
        ctx,
        item,
        kind=kind,
        text=text,
        from_recommendation=from_recommendation,
        mover=mover,
        seconder=seconder,
    )
    ctx.result["motion"] = motion.pk
    by = f" by {mover.display_name}" if mover else ""
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
    ensure_taken(ctx, parent.item)
    amendment = new_motion(
        ctx,
        parent.item,
        kind=Motion.Kind.AMENDMENT,
        parent=parent,
        text=text,
        mover=mover,
        seconder=seconder,
    )
    ctx.result["motion"] = amendment.pk
    return f"Amendment on item {parent.item.number} moved by {mover.display_name}."


def decide(motion, outcome, at):
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
    ensure_taken(ctx, item)
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
        decide(motion, result, ctx.at)
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
            name = person.display_name if person else "That person"
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
    decide(motion, vote_event.result, ctx.at)
    ctx.about(motion.item)
    ctx.result.update(motion=motion.pk, vote_event=vote_event.pk, result=vote_event.result)
    result = vote_event.get_result_display().lower()
    return f"Casting vote {option} by {chair.display_name}: {result}."


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
            ensure_taken(ctx, item)
            motion = new_motion(
                ctx, item, kind=Motion.Kind.PROCEDURAL, text=OUTCOME_WORDING[outcome]
            )
    if not motion.is_pending:
        refuse(
            f"This {motion.get_kind_display().lower()} was already decided "
            f"({motion.get_outcome_display().lower()})."
        )
    if VoteEvent.objects.filter(motion=motion).exists():
        refuse("A vote was taken on this motion: its outcome is the vote's.")
    decide(motion, outcome, ctx.at)
    ctx.about(motion.item)
    ctx.result["motion"] = motion.pk
    return (
        f"{motion.get_kind_display()} on item {motion.item.number}: "
        f"{motion.get_outcome_display().lower()}."
    )
