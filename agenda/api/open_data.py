"""Open data: decisions, actions, attendance and vote events as `x-minutebook` objects
(JSON); open_data_files.py writes the same objects as CSV and as one JSON Lines file.

OParl 1.1 has no object for a decision, an action, an attendance or a vote; these are the
`x-minutebook` extension, described in docs/open-data.md and validated by
docs/open-data.schema.json. Every row comes from a `.public()` QuerySet, and a decision
whose content is exempt gives only its title, maker, dates and Schedule 12A paragraph.
A vote event is shaped like Popolo's VoteEvent (with its Counts and Votes) and exists only
for a motion on a public item of published minutes: nothing of a vote on an exempt item
leaves the building."""

from django.db.models import Prefetch

from agenda.api import oparl
from agenda.api.base import OParlDetailView, OParlListView
from agenda.models import Action, ActionUpdate, Attendance, Decision, Vote
from agenda.visibility import PublicScope
from committees.richtext import html_to_text

EXTENSION = "x-minutebook"
SCHEMA_VERSION = "1.0"


def x_type(name):
    return f"{EXTENSION}:{name}"


def iso_day(value):
    return value.isoformat() if value else None


def public_decisions():
    return (
        Decision.objects.public()
        .select_related("committee", "meeting", "item", "forward_plan_entry", "topic")
        .select_related("scrutiny_item", "item__topic")
        .prefetch_related("wards", "item__wards_affected")
    )


def decision_object(urls, decision):
    """One decision; its words only when its content is public."""
    shows = decision.shows_content
    wards = {ward.name for ward in decision.wards.all()}
    if decision.item_id:
        wards |= {ward.name for ward in decision.item.wards_affected.all()}
    topic = decision.topic or (decision.item.topic if decision.item_id else None)
    data = {
        "id": urls("decision_detail", decision.pk),
        "type": x_type("Decision"),
        "name": decision.title,
        "web": urls.web(decision),
        "created": oparl.stamp(decision.published_at),
        "modified": oparl.stamp(decision.updated_at),
        "decisionKind": decision.kind,
        "decisionMaker": decision.maker_name,
        "organization": urls("organization_detail", decision.committee_id)
        if decision.committee_id
        else None,
        "meeting": urls("meeting_detail", decision.meeting_id) if decision.meeting_id else None,
        "agendaItem": urls("agendaitem_detail", decision.item_id) if decision.item_id else None,
        "status": decision.status,
        "decidedOn": iso_day(decision.decided_on),
        "publishedOn": iso_day(decision.publication_date),
        "effectiveFrom": iso_day(decision.effective_from),
        "keyDecision": decision.is_key_decision,
        "forwardPlanEntry": urls.web(decision.forward_plan_entry)
        if decision.forward_plan_entry_id
        else None,
        "public": shows,
        "exemptParagraph": decision.private_paragraph,
        "wards": sorted(wards),
        "topic": topic.name if topic else None,
        "callIn": {
            "state": decision.call_in_state() or "not_subject",
            "until": iso_day(decision.call_in_until),
            "calledInOn": iso_day(decision.called_in_on),
            "calledInBy": (decision.called_in_by or None) if shows else None,
            "urgent": decision.is_urgent,
            "scrutinyAgendaItem": urls("agendaitem_detail", decision.scrutiny_item_id)
            if decision.scrutiny_item_id and decision.scrutiny_item.published_at
            else None,
        },
    }
    if shows:
        data["callIn"]["reason"] = decision.call_in_reason or None
        data["callIn"]["urgencyReason"] = decision.urgency_reason or None
        data.update(
            text=html_to_text(decision.text),
            reasons=html_to_text(decision.reasons),
            alternativesRejected=html_to_text(decision.alternatives),
            conflicts=html_to_text(decision.conflicts),
            dispensations=html_to_text(decision.dispensations),
        )
    return data


def public_actions():
    return (
        Action.objects.public()
        .select_related("item__meeting", "report_item")
        .prefetch_related(Prefetch("updates", queryset=ActionUpdate.objects.order_by("at", "pk")))
    )


def action_object(urls, action):
    report = action.report_item
    return {
        "id": urls("action_detail", action.pk),
        "type": x_type("Action"),
        "web": urls.web(action),
        "meeting": urls("meeting_detail", action.item.meeting_id),
        "organization": urls("organization_detail", action.item.meeting.committee_id),
        "agendaItem": urls("agendaitem_detail", action.item_id),
        "owner": action.owner,
        "description": action.description,
        "dueDate": iso_day(action.due_date),
        "status": action.status,
        "completedOn": iso_day(action.completed_on),
        "reportBack": action.report_back,
        "reportedAt": urls("agendaitem_detail", report.pk)
        if report is not None and report.published_at
        else None,
        "updates": [
            {"at": oparl.stamp(update.at), "status": update.status, "text": update.text}
            for update in action.updates.all()
        ],
    }


def public_attendance():
    return Attendance.objects.public().select_related("meeting", "person", "substitute_for")


def attendance_object(urls, row):
    return {
        "id": f"{urls('meeting_detail', row.meeting_id)}#attendance-{row.pk}",
        "type": x_type("Attendance"),
        "meeting": urls("meeting_detail", row.meeting_id),
        "person": urls("person_detail", row.person_id),
        "personName": str(row.person),
        "status": row.status,
        "substituteFor": urls("person_detail", row.substitute_for_id)
        if row.substitute_for_id
        else None,
        "note": row.note,
    }


# Popolo's words for a vote's result and a casting vote's option.
VOTE_RESULTS = {"carried": "pass", "lost": "fail", "tied": "tie"}
CASTING_OPTIONS = {"for": "yes", "against": "no"}


def public_vote_events():
    """Vote events of public minutes, with everything their objects name loaded."""
    return (
        PublicScope()
        .vote_events()
        .select_related(
            "motion__item__meeting",
            "motion__mover",
            "motion__seconder",
            "casting_by",
        )
        .prefetch_related(
            Prefetch(
                "votes",
                queryset=Vote.objects.select_related("person").order_by("person__name", "pk"),
            )
        )
    )


def _person(urls, person):
    return urls("person_detail", person.pk) if person is not None else None


def motion_summary(urls, motion):
    """The motion put to a vote, as Popolo's Motion: inline in its vote event."""
    return {
        "id": urls("motion_detail", motion.pk),
        "text": motion.text,
        "classification": motion.kind,
        "amends": urls("motion_detail", motion.parent_id) if motion.parent_id else None,
        "fromRecommendation": motion.from_recommendation,
        "movedBy": _person(urls, motion.mover),
        "movedByName": motion.mover.display_name if motion.mover_id else None,
        "secondedBy": _person(urls, motion.seconder),
        "secondedByName": motion.seconder.display_name if motion.seconder_id else None,
        "outcome": motion.outcome,
    }


def public_motions():
    """Motions of public minutes (with or without a vote: withdrawn, deferred...)."""
    return (
        PublicScope().motions().select_related("item__meeting", "mover", "seconder", "vote_event")
    )


def motion_object(urls, motion):
    vote = motion.decided_by
    return {
        **motion_summary(urls, motion),
        "type": x_type("Motion"),
        "web": urls.web(motion),
        "organization": urls("organization_detail", motion.item.meeting.committee_id),
        "meeting": urls("meeting_detail", motion.item.meeting_id),
        "agendaItem": urls("agendaitem_detail", motion.item_id),
        "proposedText": motion.proposed_text,
        "proposedAt": oparl.stamp(motion.proposed_at),
        "decidedAt": oparl.stamp(motion.decided_at),
        "voteEvent": urls("voteevent_detail", vote.pk) if vote is not None else None,
    }


def vote_event_object(urls, event):
    """One vote: the motion put, how it was taken, the Popolo counts and each named vote
    (every member in a recorded vote; otherwise those who did not vote for an interest),
    and the chair's casting vote as a Vote with `castingVote` true."""
    motion = event.motion
    item = motion.item
    counts = [
        {"option": option, "value": value}
        for option, value in (
            ("yes", event.votes_for),
            ("no", event.votes_against),
            ("abstain", event.abstentions),
        )
        if value is not None and event.method != event.Method.WITHOUT_DISSENT
    ]
    votes = [
        {
            "voter": urls("person_detail", vote.person_id),
            "voterName": vote.person.display_name,
            "option": vote.option,
            "reason": vote.reason,
            "castingVote": False,
        }
        for vote in event.votes.all()
    ]
    if event.casting_vote:
        votes.append(
            {
                "voter": urls("person_detail", event.casting_by_id),
                "voterName": event.casting_by.display_name,
                "option": CASTING_OPTIONS[event.casting_vote],
                "reason": "casting vote of the chair",
                "castingVote": True,
            }
        )
    return {
        "id": urls("voteevent_detail", event.pk),
        "type": x_type("VoteEvent"),
        "web": urls.web(event),
        "organization": urls("organization_detail", item.meeting.committee_id),
        "meeting": urls("meeting_detail", item.meeting_id),
        "agendaItem": urls("agendaitem_detail", item.pk),
        "motion": motion_summary(urls, motion),
        "startDate": oparl.stamp(event.at),
        "method": event.method,
        "eligible": event.eligible,
        "result": VOTE_RESULTS[event.result],
        "counts": counts,
        "votes": votes,
    }


# ------------------------------------------------------------------------ JSON views


class DecisionResource:
    created_field = "published_at"

    def get_queryset(self):
        return public_decisions()

    def serialize(self, urls, objects):
        return [decision_object(urls, decision) for decision in objects]


class ActionResource:
    created_field = "item__published_at"
    modified_field = "item__updated_at"

    def get_queryset(self):
        return public_actions()

    def serialize(self, urls, objects):
        return [action_object(urls, action) for action in objects]


class VoteEventResource:
    created_field = modified_field = "motion__item__meeting__minutes_published_at"

    def get_queryset(self):
        return public_vote_events()

    def serialize(self, urls, objects):
        return [vote_event_object(urls, event) for event in objects]


class MotionResource:
    created_field = modified_field = "item__meeting__minutes_published_at"

    def get_queryset(self):
        return public_motions()

    def serialize(self, urls, objects):
        return [motion_object(urls, motion) for motion in objects]


class AttendanceListView(OParlListView):
    created_field = modified_field = "meeting__minutes_published_at"

    def get_queryset(self):
        return public_attendance()

    def serialize(self, urls, objects):
        return [attendance_object(urls, row) for row in objects]


def list_and_detail(resource):
    list_view = type(f"{resource.__name__}List", (resource, OParlListView), {})
    detail_view = type(f"{resource.__name__}Detail", (resource, OParlDetailView), {})
    return list_view.as_view(), detail_view.as_view()
