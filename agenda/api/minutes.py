"""Structured minutes: what OParl has no words for (recommendations, resolutions with
outcome and votes, motions and amendments with mover, seconder and each member's vote,
actions, attendance with times, declarations, the quorum), per item and per meeting.

Same rules as the pages: an exempt item gives only its number and title; minutes-level
content appears only once the minutes are public."""

from django.db.models import Prefetch

from agenda.api.base import JsonView, NotFound
from agenda.models import (
    Action,
    AgendaItem,
    Attendance,
    AttendanceSpan,
    Declaration,
    Meeting,
    Motion,
    Resolution,
)
from agenda.models.eligibility import Roster
from agenda.models.motions import word_diff
from committees.richtext import html_to_text


def _stamp(moment):
    return moment.isoformat() if moment else None


def _name(person):
    return person.display_name if person is not None else None


def vote_data(vote_event):
    """A Popolo VoteEvent with its counts and the members' votes recorded."""
    return {
        "method": vote_event.method,
        "methodLabel": vote_event.get_method_display(),
        "at": _stamp(vote_event.at),
        "result": vote_event.result,
        "counts": {
            "for": vote_event.votes_for,
            "against": vote_event.votes_against,
            "abstentions": vote_event.abstentions,
        },
        "eligible": vote_event.eligible,
        "castingVote": vote_event.casting_vote or None,
        "castingBy": _name(vote_event.casting_by),
        "votes": [
            {"member": vote.person.display_name, "option": vote.option, "reason": vote.reason}
            for vote in sorted(vote_event.votes.all(), key=lambda vote: vote.person.name)
        ],
    }


def motion_data(motion):
    """A motion, amendment or procedural motion, as moved and as decided."""
    vote = motion.decided_by
    return {
        "position": motion.position,
        "kind": motion.kind,
        "kindLabel": motion.get_kind_display(),
        "amends": motion.parent.position if motion.parent_id else None,
        "text": motion.text,
        "proposedText": motion.proposed_text,
        "fromRecommendation": motion.from_recommendation,
        "mover": _name(motion.mover),
        "seconder": _name(motion.seconder),
        "proposedAt": _stamp(motion.proposed_at),
        "outcome": motion.outcome,
        "outcomeLabel": motion.get_outcome_display(),
        "decidedAt": _stamp(motion.decided_at),
        "vote": vote_data(vote) if vote is not None else None,
    }


def _change(resolution):
    """How an amended recommendation changed, word by word (None if moved as it stood)."""
    motion = resolution.motion if resolution.motion_id else None
    if motion is None or not (motion.from_recommendation and motion.is_amended):
        return None
    return [{"op": op, "text": words} for op, words in word_diff(motion.proposed_text, motion.text)]


def resolution_data(resolution):
    return {
        "label": resolution.display_label,
        "text": html_to_text(resolution.text),
        "textHtml": resolution.text,
        "outcome": resolution.outcome,
        "outcomeLabel": resolution.get_outcome_display(),
        "votes": {
            "for": resolution.votes_for,
            "against": resolution.votes_against,
            "abstentions": resolution.abstentions,
        },
        "note": resolution.note,
        "motion": resolution.motion.position if resolution.motion_id else None,
        "changeFromRecommendation": _change(resolution),
    }


def action_data(action):
    return {
        "owner": action.owner,
        "description": action.description,
        "dueDate": action.due_date.isoformat() if action.due_date else None,
        "status": action.status,
        "resolution": action.resolution.display_label if action.resolution_id else None,
    }


def declaration_data(declaration):
    return {
        "member": declaration.person.display_name,
        "item": declaration.item.number if declaration.item_id else None,
        "kind": declaration.kind,
        "kindLabel": declaration.get_kind_display(),
        "interest": declaration.public_description,
        "leftRoom": declaration.left_room,
        "dispensation": declaration.has_dispensation,
    }


def item_minutes_data(urls, item, *, open_content, minutes_public):
    data = {
        "id": urls("item_minutes", item.pk),
        "agendaItem": urls("agendaitem_detail", item.pk),
        "number": item.number,
        "name": item.plain_title,
        "public": open_content,
        "web": urls.web(item),
    }
    if not open_content:
        return data
    data.update(
        kind=item.kind,
        keyDecision=item.is_key_decision,
        agendaText=html_to_text(item.agenda_text),
        recommendations=[
            {"label": r.display_label, "text": html_to_text(r.text)}
            for r in item.recommendations.all()
        ],
        minutesPublished=minutes_public,
    )
    if minutes_public:
        data.update(
            started=_stamp(item.started_at),
            ended=_stamp(item.ended_at),
            minutes=html_to_text(item.minutes_text),
            motions=[motion_data(m) for m in item.public_motions],
            resolutions=[resolution_data(r) for r in item.resolutions.all()],
            actions=[action_data(a) for a in item.public_actions],
            declarations=[declaration_data(d) for d in item.public_declarations],
        )
    return data


def items_with_minutes():
    """Public items with everything minutes-level prefetched through the public rules."""
    with_minutes = AgendaItem.objects.with_public_minutes()
    return AgendaItem.objects.public().prefetch_related(
        "recommendations",
        Prefetch(
            "resolutions",
            queryset=Resolution.objects.filter(item__in=with_minutes).select_related(
                "motion__vote_event"
            ),
        ),
        Prefetch(
            "motions",
            queryset=Motion.objects.filter(item__in=with_minutes)
            .select_related("mover", "seconder", "parent", "vote_event__casting_by")
            .prefetch_related("vote_event__votes__person"),
            to_attr="public_motions",
        ),
        Prefetch(
            "actions",
            queryset=Action.objects.filter(item__in=with_minutes).select_related("resolution"),
            to_attr="public_actions",
        ),
        Prefetch(
            "declarations",
            queryset=Declaration.objects.public()
            .filter(item__in=with_minutes)
            .select_related("person", "item"),
            to_attr="public_declarations",
        ),
    )


def _flags(items):
    ids = [item.pk for item in items]
    open_ids = set(
        AgendaItem.objects.open_content().filter(pk__in=ids).values_list("pk", flat=True)
    )
    minutes_ids = set(
        AgendaItem.objects.with_public_minutes().filter(pk__in=ids).values_list("pk", flat=True)
    )
    return open_ids, minutes_ids


def quorum_data(meeting, items):
    """The quorum and each moment the meeting became, or stopped being, quorate."""
    roster = Roster.load(meeting)
    return {
        "needed": roster.quorum,
        "changes": [
            {
                "at": _stamp(change["at"]),
                "quorate": change["quorate"],
                "present": change["present"],
                "item": change["item"].number if change["item"] is not None else None,
            }
            for change in roster.quorum_changes(items)
        ],
    }


class ItemMinutesView(JsonView):
    def get_data(self, urls, pk):
        items = list(items_with_minutes().filter(pk=pk))
        if not items:
            raise NotFound
        open_ids, minutes_ids = _flags(items)
        item = items[0]
        return item_minutes_data(
            urls, item, open_content=item.pk in open_ids, minutes_public=item.pk in minutes_ids
        )


class MeetingMinutesView(JsonView):
    def get_data(self, urls, pk):
        meeting = Meeting.objects.public().with_public_agenda().filter(pk=pk).first()
        if meeting is None:
            raise NotFound
        items = list(items_with_minutes().filter(meeting=meeting))
        open_ids, minutes_ids = _flags(items)
        attendance = (
            Attendance.objects.public()
            .filter(meeting=meeting)
            .select_related("person", "substitute_for")
            .prefetch_related(
                Prefetch("spans", queryset=AttendanceSpan.objects.order_by("arrived_at"))
            )
        )
        declarations = (
            Declaration.objects.public()
            .filter(meeting=meeting, item__isnull=True)
            .select_related("person")
        )
        return {
            "id": urls("meeting_minutes", meeting.pk),
            "meeting": urls("meeting_detail", meeting.pk),
            "name": str(meeting),
            "minutesStatus": meeting.minutes_status
            if meeting.minutes_are_public
            else "not_published",
            "minutesPublished": _stamp(meeting.minutes_published_at)
            if meeting.minutes_are_public
            else None,
            "minutesApproved": _stamp(meeting.minutes_approved_at)
            if meeting.minutes_are_public
            else None,
            "attendance": [
                {
                    "person": a.person.display_name,
                    "status": a.status,
                    "statusLabel": a.get_status_display(),
                    "substituteFor": a.substitute_for.display_name if a.substitute_for_id else None,
                    "note": a.note,
                    "times": [
                        {"arrived": _stamp(span.arrived_at), "left": _stamp(span.left_at)}
                        for span in a.spans.all()
                    ],
                }
                for a in attendance
            ],
            "ended": _stamp(meeting.end) if meeting.minutes_are_public else None,
            "quorum": quorum_data(meeting, items) if meeting.minutes_are_public else None,
            "declarations": [declaration_data(d) for d in declarations],
            "items": [
                item_minutes_data(
                    urls,
                    item,
                    open_content=item.pk in open_ids,
                    minutes_public=item.pk in minutes_ids,
                )
                for item in items
            ],
        }
