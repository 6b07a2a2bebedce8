"""What an import stored, read back from the database as plain data, to compare with a
fixture's expected file (tests/agenda/fixtures/moderngov-pages/*.expected.json)."""

import html
import json
import re
from pathlib import Path

from django.utils import timezone

from agenda.models import Decision, Meeting, SourceAddress
from committees.models import Committee

PAGES = Path(__file__).resolve().parent / "fixtures" / "moderngov-pages"
SITE = Path(__file__).resolve().parent / "fixtures" / "moderngov-site"
SHORT = 70


def paragraphs(rich, length=None):
    found = [
        html.unescape(re.sub(r"<[^>]+>", "", p)).strip()
        for p in re.findall(r"<p>(.*?)</p>", rich or "", re.S)
    ]
    return [p[:length] for p in found] if length else found


def contact(person):
    return " | ".join([person.name, person.job_title, person.phone, person.email]).rstrip(" |")


def rows(queryset):
    return [[row.label, " ".join(paragraphs(row.text))] for row in queryset]


def _item(item):
    review = getattr(item, "import_review", None)
    declarations = [
        [d.person.name, d.kind, d.left_room] for d in item.declarations.order_by("person__name")
    ]
    return {
        "number": item.number,
        "title": item.title,
        "kind": item.kind,
        "exempt": item.exempt_paragraph if item.is_exempt else None,
        "agenda": paragraphs(item.agenda_text, SHORT),
        "recommendations": rows(item.recommendations.all()),
        "minutes": paragraphs(item.minutes_text, SHORT),
        "resolutions": rows(item.resolutions.all()),
        "action": item.action_owner,
        "contacts": [contact(p) for p in _contacts(item)],
        "declarations": declarations,
        "documents": [d.title for d in item.documents.order_by("position")],
        "topic": item.topic.name if item.topic_id else "",
        "unsure": bool(review and review.confidence == review.Confidence.UNSURE),
        "motions": [
            [m["mover"], m["seconder"]]
            for m in (review.motion if review else {}).get("motions", [])
        ],
    }


def _contacts(owner):
    first = [owner.contact_officer] if owner.contact_officer_id else []
    return first + [row.person for row in owner.additional_contacts.order_by("position")]


def _meeting(meeting):
    start = timezone.localtime(meeting.start)
    on_meeting = meeting.declarations.filter(item=None).order_by("person__name")
    return {
        "committee": meeting.committee.name,
        "date": start.date().isoformat(),
        "time": f"{start:%H:%M}",
        "venue": meeting.venue.name if meeting.venue_id else "",
        "status": meeting.status,
        "agenda": meeting.agenda_status,
        "minutes": meeting.minutes_status,
        "contacts": [contact(p) for p in _contacts(meeting)],
        "attendance": [
            [a.person.name, a.status, a.substitute_for.name if a.substitute_for_id else ""]
            for a in meeting.attendances.order_by("person__name")
        ],
        "documents": [
            [d.title, d.kind] for d in meeting.documents.filter(item=None, is_generated=False)
        ],
        "declarations": [[d.person.name, d.kind, d.left_room] for d in on_meeting],
        "items": [_item(item) for item in meeting.items.order_by("position")],
    }


def _decision(decision):
    review = getattr(decision, "import_review", None)
    fields = ("purpose", "text", "reasons", "alternatives", "conflicts", "dispensations")
    return {
        "title": decision.title,
        "kind": decision.kind,
        "status": decision.status,
        "status_as_printed": decision.status_as_printed,
        "decision_maker": decision.decision_maker,
        "committee": decision.committee.name if decision.committee_id else "",
        "meeting": str(decision.meeting) if decision.meeting_id else "",
        "item": decision.item.title if decision.item_id else "",
        "key_decision": decision.is_key_decision,
        "call_in": decision.call_in,
        "decided_on": str(decision.decided_on or ""),
        "publication_date": str(decision.publication_date or ""),
        "effective_from": str(decision.effective_from or ""),
        "exempt": decision.exempt_paragraph if decision.is_exempt else None,
        **{name: paragraphs(getattr(decision, name)) for name in fields},
        "lead_officer": decision.lead_officer.name if decision.lead_officer_id else "",
        "public": decision in Decision.objects.public(),
        "unsure": bool(review and review.confidence == review.Confidence.UNSURE),
    }


def _committee(committee):
    return {
        "name": committee.name,
        "purpose": paragraphs(committee.purpose),
        "support_officer": contact(committee.support_officer)
        if committee.support_officer_id
        else "",
        "members": [
            [m.person.name, m.role] for m in committee.memberships.order_by("person__name")
        ],
    }


def stored_state():
    meetings = Meeting.objects.select_related("committee", "venue").order_by("start", "pk")
    return {
        "committees": [_committee(c) for c in Committee.objects.order_by("name")],
        "meetings": [_meeting(m) for m in meetings],
        "decisions": [_decision(d) for d in Decision.objects.order_by("decided_on", "title")],
        "old_addresses": sorted(
            f"{a.page}?{a.key} -> {a.target}" for a in SourceAddress.objects.all()
        ),
    }


def expected_path(fixture):
    return fixture.with_name(fixture.name + ".expected.json")


def read_expected(fixture):
    return json.loads(expected_path(fixture).read_text(encoding="utf-8"))


def write_expected(fixture, state):
    expected_path(fixture).write_text(_dumps(state) + "\n", encoding="utf-8")


def _dumps(value, depth=0):
    """JSON with a short list of plain values ([label, text]) kept on one line."""
    pad = "  " * (depth + 1)
    if isinstance(value, dict) and value:
        parts = [f"{pad}{json.dumps(k)}: {_dumps(v, depth + 1)}" for k, v in value.items()]
        return "{\n" + ",\n".join(parts) + "\n" + "  " * depth + "}"
    if isinstance(value, list) and value:
        if all(not isinstance(v, dict | list) for v in value):
            return json.dumps(value, ensure_ascii=False)
        parts = [f"{pad}{_dumps(v, depth + 1)}" for v in value]
        return "[\n" + ",\n".join(parts) + "\n" + "  " * depth + "]"
    return json.dumps(value, ensure_ascii=False)
