"""The reasons an agenda or an item came late are on the record: printed on the agenda
frontsheet and shown on the public meeting and item pages (never an exempt item's)."""

import datetime

import pytest
from django.utils import timezone

from agenda import publishing
from agenda.models import Document
from tests import factories as f
from tests.agenda.pdf_helpers import flat, text_of

pytestmark = pytest.mark.django_db

LATE = "The budget figures were confirmed only yesterday."
URGENT = "Flooding on Tuesday night closed the depot."
SECRET_URGENT = "ZZSECRETZZ the buyer withdrew."


def frontsheet_text(meeting):
    document = Document.objects.get(
        meeting=meeting, kind=Document.Kind.AGENDA_FRONTSHEET, is_generated=True
    )
    document.file.open("rb")
    try:
        return flat(text_of(document.file.read()))
    finally:
        document.file.close()


def test_late_agenda_and_urgent_items_carry_their_reasons(client, manager):
    meeting = f.MeetingFactory(start=timezone.now() + datetime.timedelta(days=2))
    f.AgendaItemFactory(meeting=meeting, title="Budget monitoring")
    publishing.run("publish_agenda", meeting, manager, urgency_reason=LATE)

    urgent = f.AgendaItemFactory(meeting=meeting, title="Depot repairs")
    secret = f.AgendaItemFactory(
        meeting=meeting,
        title="Depot sale",
        is_exempt=True,
        exempt_paragraph=3,
        public_interest_reason="Commercial terms.",
        is_urgent=True,
        urgency_reason=SECRET_URGENT,
    )
    publishing.run("publish_supplement", meeting, manager, urgency_reason=URGENT)
    urgent.refresh_from_db()
    assert urgent.is_urgent and urgent.urgency_reason == URGENT

    printed = frontsheet_text(meeting)
    assert f"Special circumstances of urgency: {LATE}" in printed
    assert f"Urgent item. Special circumstances of urgency: {URGENT}" in printed
    assert "ZZSECRETZZ" not in printed

    page = client.get(meeting.get_absolute_url()).content.decode()
    assert LATE in page
    assert f"Special circumstances of urgency: {URGENT}" in page
    assert "ZZSECRETZZ" not in page
    item_page = client.get(urgent.get_absolute_url()).content.decode()
    assert f"Special circumstances of urgency: {URGENT}" in item_page
    assert "ZZSECRETZZ" not in client.get(secret.get_absolute_url()).content.decode()
