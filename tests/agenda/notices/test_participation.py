"""Residents take part: a question or a request to speak, before the committee's deadline,
moderated by the clerk, printed on the agenda, acknowledged by email."""

import datetime

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from agenda import publishing
from agenda.models import OutgoingEmail, PublicContribution, Transition
from tests import factories as f
from tests.agenda.pdf_helpers import text_of

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    cache.clear()


@pytest.fixture
def meeting():
    start = timezone.now() + datetime.timedelta(days=30)
    item = f.AgendaItemFactory(title="Riverside cycle path", meeting__start=start)
    return item.meeting


def ask(client, meeting, **data):
    url = reverse("agenda:take_part", args=[meeting.slug])
    form = {"kind": "question", "name": "Ada Resident", "email": "ada@example.org"}
    return client.post(url, {**form, "text": "Will the path be lit at night?", **data})


def test_a_question_is_moderated_printed_and_acknowledged(
    client, manager, manager_client, meeting, django_capture_on_commit_callbacks, mailoutbox
):
    f.publish(meeting)
    page = client.get(meeting.get_absolute_url()).content.decode()
    assert reverse("agenda:take_part", args=[meeting.slug]) in page
    with django_capture_on_commit_callbacks(execute=True):
        answer = ask(client, meeting)
    assert answer.status_code == 302
    contribution = PublicContribution.objects.get()
    assert contribution.status == "submitted"
    assert [m.to for m in mailoutbox] == [["ada@example.org"]]
    assert "We have your question" in mailoutbox[0].subject
    # Not public until the clerk accepts it.
    assert "lit at night" not in client.get(meeting.get_absolute_url()).content.decode()

    changelist = reverse("admin:agenda_publiccontribution_changelist")
    with django_capture_on_commit_callbacks(execute=True):
        manager_client.post(changelist, {"action": "accept", "_selected_action": [contribution.pk]})
    contribution.refresh_from_db()
    assert contribution.status == "accepted" and contribution.moderated_by == manager
    assert len(mailoutbox) == 2 and "accepted" in mailoutbox[1].body
    body = client.get(meeting.get_absolute_url()).content.decode()
    assert "Question from Ada Resident" in body and "lit at night" in body
    assert "ada@example.org" not in body
    # The published agenda is printed again, through the publishing door.
    assert Transition.objects.filter(meeting=meeting, kind="agenda_reprinted").exists()
    pdf = client.get(reverse("agenda:meeting_agenda_pdf", args=[meeting.slug]))
    assert "lit at night" in text_of(b"".join(pdf.streaming_content))


def test_speaking_needs_an_item_and_the_honeypot_saves_nothing(client, meeting):
    f.publish(meeting)
    answer = ask(client, meeting, kind="speak")
    assert answer.status_code == 200
    assert "Choose the item you want to speak on." in answer.content.decode()
    ask(client, meeting, website="http://spam.example")
    assert not PublicContribution.objects.exists()
    item = meeting.items.get()
    assert ask(client, meeting, kind="speak", item=str(item.pk)).status_code == 302
    assert PublicContribution.objects.get().item == item


def test_closed_after_the_committee_deadline(client, meeting):
    f.publish(meeting)
    meeting.committee.public_questions_days = 3
    meeting.committee.save()
    meeting.start = timezone.now() + datetime.timedelta(days=1)
    meeting.save()
    page = client.get(reverse("agenda:take_part", args=[meeting.slug])).content.decode()
    assert "closed at the end of" in page
    ask(client, meeting)
    assert not PublicContribution.objects.exists()


def test_rate_limited_per_address(client, meeting):
    f.publish(meeting)
    for _ in range(5):
        assert ask(client, meeting).status_code == 302
    limited = ask(client, meeting)
    assert limited.status_code == 429 and "try again later" in limited.content.decode()
    assert PublicContribution.objects.count() == 5
    assert OutgoingEmail.objects.filter(kind="acknowledgement").count() == 5


def test_an_unpublished_meeting_takes_no_questions(client):
    meeting = f.MeetingFactory(start=timezone.now() + datetime.timedelta(days=30))
    assert client.get(reverse("agenda:take_part", args=[meeting.slug])).status_code == 404
    assert publishing  # the door is what prints accepted questions (see above)
