"""A clerk can build the whole sample agenda item (../shared/seed/) through the editor's
forms: the meeting page with its items inline, then the item page with every part."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from agenda.models import AgendaItem, Document, Meeting
from agenda.printing.simple_pdf import make_pdf
from tests.admin_objects import admin_url, management
from tests.factories import CommitteeFactory, OfficerFactory, ScrutinyAreaFactory

pytestmark = pytest.mark.django_db

TITLE = "Protecting children and vulnerable adults at risk of exploitation"
RECOMMENDED = [
    "The Area Committee is invited to consider the contents of this report.",
    "The Area Committee shall receive a further update in 12 months’ time.",
    "Partners will seek further funding opportunities from Government funding streams.",
]
RESOLVED = [
    "That the Area Committee considered the contents of Document “E”.",
    "That the Area Committee receives a further update in 12 months’ time.",
    "That it be noted that Partners will seek further funding opportunities.",
]


def meeting_form(committee, **items):
    return {
        "committee": committee.pk,
        "title": "",
        "start_0": "2027-03-04",
        "start_1": "18:00",
        "end_0": "",
        "end_1": "",
        "venue": committee.default_venue_id,
        "contact_officer": "",
        "status": "scheduled",
        "status_notice": "",
        "webcast_url": "",
        "is_listed": "on",
        **management("attendances", 0),
        **management("documents", 0),
        **items,
    }


def item_form(item, officer, area, **extra):
    data = {
        "meeting": item.meeting_id,
        "position": item.position,
        "number": "5",
        "kind": "business",
        "title": TITLE,
        "topic": "",
        "agenda_text": "<p>The Chief Executive will submit a report (Document “E”).</p>",
        "report_reference": "Document “E”",
        "contact_officer": officer.pk,
        "scrutiny_area": area.pk,
        "previous_minutes_of": "",
        "exempt_paragraph": "",
        "public_interest_reason": "",
        "urgency_reason": "",
        "minutes_text": "<p>The Chief Executive submitted a report.</p><p>Members asked.</p>",
        "action_owner": "Chief Executive",
        **management("recommendations", 3),
        **management("resolutions", 3),
        **management("actions", 1),
        **management("documents", 1),
        **management("declarations", 0),
        "actions-0-owner": "Chief Executive",
        "actions-0-owner_person": "",
        "actions-0-description": "Further update on exploitation to the Area Committee.",
        "actions-0-due_date": "2028-03-02",
        "actions-0-status": "open",
        "documents-0-title": "Document “E”: exploitation report",
        "documents-0-kind": "report",
        "documents-0-file": SimpleUploadedFile(
            "document-e.pdf", make_pdf("Document E", ["Exploitation."]), "application/pdf"
        ),
        "documents-0-position": "1",
    }
    for n, (recommended, resolved) in enumerate(zip(RECOMMENDED, RESOLVED, strict=True)):
        data.update(
            {
                f"recommendations-{n}-position": n + 1,
                f"recommendations-{n}-label": "",
                f"recommendations-{n}-text": f"<p>{recommended}</p>",
                f"resolutions-{n}-position": n + 1,
                f"resolutions-{n}-label": "",
                f"resolutions-{n}-text": f"<p>{resolved}</p>",
                f"resolutions-{n}-outcome": "noted" if n == 2 else "carried",
            }
        )
    data.update(extra)
    return data


def test_clerk_builds_the_sample_item_through_the_editor(clerk_client):
    committee = CommitteeFactory(name="North Area Committee")
    officer = OfficerFactory(name="Dana Whitlock", phone="01632 960361")
    area = ScrutinyAreaFactory(name="Children's Services")

    items = {
        **management("items", 1),
        "items-0-position": "1",
        "items-0-number": "5",
        "items-0-kind": "business",
        "items-0-title": TITLE,
        "items-0-exempt_paragraph": "",
    }
    response = clerk_client.post(admin_url(Meeting, "add"), meeting_form(committee, **items))
    assert response.status_code == 302, response.context and response.context["errors"]
    meeting = Meeting.objects.get()
    item = meeting.items.get()
    assert meeting.venue == committee.default_venue

    response = clerk_client.post(
        admin_url(AgendaItem, "change", item.pk), item_form(item, officer, area)
    )
    assert response.status_code == 302, response.context and response.context["errors"]

    item = AgendaItem.objects.get(pk=item.pk)
    assert (item.number, item.title, item.report_reference) == ("5", TITLE, "Document “E”")
    assert "Document “E”" in item.agenda_text
    assert item.contact_officer.phone == "01632 960361"
    assert item.scrutiny_area.name == "Children's Services"
    assert item.minutes_text.count("<p>") == 2
    assert item.action_owner == "Chief Executive"
    assert [r.text for r in item.recommendations.all()] == [f"<p>{t}</p>" for t in RECOMMENDED]
    assert [r.display_label for r in item.resolutions.all()] == ["(1)", "(2)", "(3)"]
    assert [r.outcome for r in item.resolutions.all()] == ["carried", "carried", "noted"]
    action = item.actions.get()
    assert action.due_date == datetime.date(2028, 3, 2)
    document = Document.objects.get(item=item)
    assert document.meeting == meeting
    assert document.original_filename == "document-e.pdf"
    assert document.size > 0 and len(document.sha256) == 64
    assert document.file.read().startswith(b"%PDF-")
