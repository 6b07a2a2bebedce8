"""Open data: decisions, actions and attendance as `x-minutebook` objects (JSON), as CSV,
and the whole council as one JSON Lines file.

OParl 1.1 has no object for a decision, an action or an attendance; these are the
`x-minutebook` extension, described in docs/open-data.md and validated by
docs/open-data.schema.json. Every row comes from a `.public()` QuerySet, and a decision
whose content is exempt gives only its title, maker, dates and Schedule 12A paragraph."""

import csv
import json

from django.db.models import Prefetch
from django.http import StreamingHttpResponse

from agenda.api import oparl
from agenda.api.base import OParlDetailView, OParlListView
from agenda.models import Action, ActionUpdate, Attendance, Decision
from committees.richtext import html_to_text

EXTENSION = "x-minutebook"
SCHEMA_VERSION = "1.0"


def x_type(name):
    return f"{EXTENSION}:{name}"


def _day(value):
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
        "decidedOn": _day(decision.decided_on),
        "publishedOn": _day(decision.publication_date),
        "effectiveFrom": _day(decision.effective_from),
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
            "until": _day(decision.call_in_until),
            "calledInOn": _day(decision.called_in_on),
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
        "dueDate": _day(action.due_date),
        "status": action.status,
        "completedOn": _day(action.completed_on),
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
                _day(action.item.meeting.start.date()), action.item.plain_title, action.owner,
                action.description, _day(action.due_date) or "", action.status,
                _day(action.completed_on) or "", "yes" if action.report_back else "no",
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
                row.meeting.name, row.meeting.committee.name, _day(row.meeting.start.date()),
                str(row.person), row.status, str(row.substitute_for or ""), row.note,
            ]  # fmt: skip

    return csv_response("attendance.csv", ATTENDANCE_COLUMNS, rows())


# ------------------------------------------------------------------------ JSON Lines


def export_lines(urls, resources):
    """Every public object of the council, one JSON object a line: OParl organisations,
    people, meetings (with their items), then the `x-minutebook` decisions, actions and
    attendance. `resources`: (queryset, serialize) pairs, read in chunks."""
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
