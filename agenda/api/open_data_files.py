"""Open data as files: CSV downloads of decisions, actions, attendance, vote events and
votes, and the whole council as one JSON Lines file (agenda/api/downloads.py serves them).
The rows are the `x-minutebook` objects of open_data.py, from the same `.public()`
QuerySets, streamed so a county's twenty years never sit in memory at once."""

import csv
import json

from django.http import StreamingHttpResponse

from agenda.api import oparl
from agenda.api.open_data import (
    SCHEMA_VERSION,
    VOTE_RESULTS,
    decision_object,
    iso_day,
    public_actions,
    public_attendance,
    public_vote_events,
    x_type,
)
from agenda.visibility import PublicScope

# ------------------------------------------------------------------------------ CSV


class Echo:
    """A file-like object whose write returns the line, for streaming csv.writer."""

    def write(self, value):
        return value


def _csv_lines(header, rows):
    writer = csv.writer(Echo())
    yield "\ufeff" + writer.writerow(header)  # the BOM: spreadsheets read UTF-8
    for row in rows:
        yield writer.writerow(row)


def csv_response(filename, header, rows):
    response = StreamingHttpResponse(
        _csv_lines(header, rows), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Access-Control-Allow-Origin"] = "*"
    return response


DECISION_COLUMNS = [
    "id", "url", "title", "decision_maker", "kind", "committee", "decided_on", "published_on",
    "effective_from", "key_decision", "forward_plan_entry", "status", "call_in",
    "call_in_until", "called_in_on", "called_in_by", "urgent", "public", "exempt_paragraph",
    "decision", "reasons", "alternatives_rejected", "conflicts", "dispensations",
]  # fmt: skip


def decision_row(urls, data, decision):
    shows = data["public"]
    words = (
        [data[k] for k in ("text", "reasons", "alternativesRejected", "conflicts", "dispensations")]
        if shows
        else ["", "", "", "", ""]
    )
    return [
        decision.pk, data["web"], data["name"], data["decisionMaker"], decision.kind,
        decision.committee.name if decision.committee_id else "", data["decidedOn"] or "",
        data["publishedOn"] or "", data["effectiveFrom"] or "",
        "yes" if data["keyDecision"] else "no",
        data["forwardPlanEntry"] or "", decision.status, data["callIn"]["state"],
        data["callIn"]["until"] or "", data["callIn"]["calledInOn"] or "",
        data["callIn"]["calledInBy"] or "", "yes" if decision.is_urgent else "no",
        "yes" if shows else "no", data["exemptParagraph"] or "", *words,
    ]  # fmt: skip


def decisions_csv(request, queryset):
    urls = oparl.Urls(request)
    rows = (
        decision_row(urls, decision_object(urls, decision), decision)
        for decision in queryset.iterator(chunk_size=500)
    )
    return csv_response("decisions.csv", DECISION_COLUMNS, rows)


ACTION_COLUMNS = [
    "id", "committee", "meeting_date", "item", "owner", "description", "due", "status",
    "completed_on", "report_back", "latest_update",
]  # fmt: skip


def actions_csv(request):
    def rows():
        for action in (
            public_actions().select_related("item__meeting__committee").iterator(chunk_size=500)
        ):
            updates = list(action.updates.all())
            yield [
                action.pk, action.item.meeting.committee.name,
                iso_day(action.item.meeting.start.date()), action.item.plain_title, action.owner,
                action.description, iso_day(action.due_date) or "", action.status,
                iso_day(action.completed_on) or "", "yes" if action.report_back else "no",
                updates[-1].text if updates else "",
            ]  # fmt: skip

    return csv_response("actions.csv", ACTION_COLUMNS, rows())


ATTENDANCE_COLUMNS = ["meeting", "committee", "date", "person", "status", "substitute_for", "note"]


def attendance_csv(request):
    def rows():
        for row in (
            public_attendance().select_related("meeting__committee").iterator(chunk_size=500)
        ):
            yield [
                row.meeting.name, row.meeting.committee.name, iso_day(row.meeting.start.date()),
                str(row.person), row.status, str(row.substitute_for or ""), row.note,
            ]  # fmt: skip

    return csv_response("attendance.csv", ATTENDANCE_COLUMNS, rows())


VOTE_EVENT_COLUMNS = [
    "id", "url", "committee", "meeting_date", "item", "item_title", "motion_kind", "motion",
    "moved_by", "seconded_by", "method", "for", "against", "abstentions", "eligible",
    "casting_vote", "casting_vote_by", "result", "taken_at",
]  # fmt: skip


def vote_events_csv(request):
    urls = oparl.Urls(request)

    def rows():
        events = public_vote_events().select_related("motion__item__meeting__committee")
        for event in events.order_by("pk").iterator(chunk_size=500):
            motion, item = event.motion, event.motion.item
            yield [
                event.pk, urls.web(event), item.meeting.committee.name,
                iso_day(item.meeting.start.date()), item.number, item.plain_title,
                motion.kind, motion.text, str(motion.mover or ""), str(motion.seconder or ""),
                event.method, _count(event.votes_for), _count(event.votes_against),
                _count(event.abstentions), event.eligible, event.casting_vote,
                str(event.casting_by or ""), VOTE_RESULTS[event.result], oparl.stamp(event.at),
            ]  # fmt: skip

    return csv_response("vote-events.csv", VOTE_EVENT_COLUMNS, rows())


def _count(value):
    return "" if value is None else value


VOTE_COLUMNS = [
    "vote_event", "committee", "meeting_date", "item", "item_title", "motion_kind", "motion",
    "member", "member_id", "option", "reason", "result",
]  # fmt: skip


def votes_csv(request, person=None):
    """Every member's named vote; one member's if `person` (an id) is given."""

    def rows():
        votes = (
            PublicScope()
            .votes()
            .select_related("person", "vote_event__motion__item__meeting__committee")
            .order_by("vote_event_id", "person__name", "pk")
        )
        if person is not None:
            votes = votes.filter(person_id=person)
        for vote in votes.iterator(chunk_size=500):
            event = vote.vote_event
            motion, item = event.motion, event.motion.item
            yield [
                event.pk, item.meeting.committee.name, iso_day(item.meeting.start.date()),
                item.number, item.plain_title, motion.kind, motion.text,
                vote.person.display_name, vote.person_id, vote.option, vote.reason,
                VOTE_RESULTS[event.result],
            ]  # fmt: skip

    return csv_response("votes.csv", VOTE_COLUMNS, rows())


# ------------------------------------------------------------------------ JSON Lines


def export_lines(urls, resources):
    """Every public object of the council, one JSON object a line: OParl organisations,
    people, meetings (with their items), then the `x-minutebook` decisions, actions,
    attendance and vote events. `resources`: (queryset, serialize) pairs, read in chunks."""
    yield (
        json.dumps({"type": x_type("Export"), "version": SCHEMA_VERSION, "system": urls("system")})
        + "\n"
    )
    for queryset, serialize in resources:
        start = 0
        while True:
            chunk = list(queryset.order_by("pk")[start : start + 200])
            if not chunk:
                break
            for data in serialize(urls, chunk):
                yield json.dumps(data, ensure_ascii=False) + "\n"
            start += len(chunk)


def export_response(request, resources):
    response = StreamingHttpResponse(
        export_lines(oparl.Urls(request), resources), content_type="application/jsonl"
    )
    response["Content-Disposition"] = 'attachment; filename="council.jsonl"'
    response["Access-Control-Allow-Origin"] = "*"
    return response
