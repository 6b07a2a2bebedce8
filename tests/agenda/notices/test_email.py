"""Email through a real SMTP server: the summons to members and substitutes, retries,
the email log, and residents' subscriptions from request to unsubscribe."""

import re

import pytest
from django.urls import reverse

from agenda import publishing
from agenda.models import OutgoingEmail, Subscription
from tests import factories as f

pytestmark = pytest.mark.django_db

URGENT = "Test: the report came late."


@pytest.fixture
def meeting():
    item = f.AgendaItemFactory(title="Town centre parking")
    f.DocumentFactory(item=item, title="Parking report")
    committee = item.meeting.committee
    for n, role in enumerate(["chair", "member", "member", "substitute"]):
        person = f.PersonFactory(name=f"Councillor {n}", email=f"member{n}@example.org")
        f.MembershipFactory(committee=committee, person=person, role=role)
    f.MembershipFactory(committee=committee, person=f.PersonFactory(email=""))  # no address
    return item.meeting


def publish(meeting, manager, capture):
    with capture(execute=True):
        return publishing.run("publish_agenda", meeting, manager, urgency_reason=URGENT)


def test_publishing_summons_every_member_and_substitute(
    mailbox, meeting, manager, django_capture_on_commit_callbacks
):
    publish(meeting, manager, django_capture_on_commit_callbacks)
    addresses = sorted(m["To"] for m in mailbox.messages)
    assert addresses == [f"member{n}@example.org" for n in range(4)]
    summons = mailbox.to("member3@example.org")[0]
    assert summons["Subject"].startswith(f"The agenda of {meeting.name} is published")
    text = summons.get_body(preferencelist=("plain",)).get_content()
    html = summons.get_body(preferencelist=("html",)).get_content()
    assert "Test Borough Council" in text and "Test Borough Council" in html
    assert f"https://minutes.test{meeting.get_absolute_url()}" in text
    attachments = [part.get_filename() for part in summons.iter_attachments()]
    assert attachments and attachments[0].endswith(".pdf")
    log = OutgoingEmail.objects.filter(meeting=meeting)
    assert log.count() == 4 and set(log.values_list("status", flat=True)) == {"sent"}


def test_a_refused_delivery_is_retried_and_nothing_is_sent_twice(
    mailbox, meeting, manager, django_capture_on_commit_callbacks
):
    mailbox.refuse = 2  # the first message meets a busy server twice
    publish(meeting, manager, django_capture_on_commit_callbacks)
    assert sorted(m["To"] for m in mailbox.messages) == [f"member{n}@example.org" for n in range(4)]
    retried = OutgoingEmail.objects.get(attempts__gt=1)
    assert retried.attempts == 3 and retried.status == "sent"
    assert set(OutgoingEmail.objects.values_list("status", flat=True)) == {"sent"}
    # The step's effects again (a duplicate task delivery) write and send nothing new.
    from agenda.notices.delivery import deliver

    for email in OutgoingEmail.objects.all():
        deliver(email.pk)
    assert len(mailbox.messages) == 4


def test_a_failing_server_is_shown_to_the_clerk_and_can_be_sent_again(
    mailbox, meeting, manager, manager_client, django_capture_on_commit_callbacks
):
    mailbox.refuse = 4 * OutgoingEmail.MAX_ATTEMPTS
    publish(meeting, manager, django_capture_on_commit_callbacks)
    assert not mailbox.messages
    assert OutgoingEmail.objects.filter(status="failed").count() == 4
    page = manager_client.get(reverse("admin:agenda_meeting_change", args=[meeting.pk]))
    assert "4 emails failed" in page.content.decode()
    log = manager_client.get(reverse("admin:agenda_outgoingemail_changelist") + "?status=failed")
    assert "451" in log.content.decode() or "Mailbox busy" in log.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        manager_client.post(
            reverse("admin:agenda_outgoingemail_changelist"),
            {
                "action": "send_again",
                "_selected_action": list(OutgoingEmail.objects.values_list("pk", flat=True)),
            },
        )
    assert len(mailbox.messages) == 4


def _link(message, pattern):
    text = message.get_body(preferencelist=("plain",)).get_content()
    return re.search(pattern, text).group(0).removeprefix("https://minutes.test")


def test_subscribe_confirm_notice_and_unsubscribe(
    client, mailbox, meeting, manager, django_capture_on_commit_callbacks
):
    committee = meeting.committee
    url = reverse("notices:subscribe", args=["committee", committee.slug])
    with django_capture_on_commit_callbacks(execute=True):
        answer = client.post(url, {"email": "Resident@Example.org"})
    assert answer.status_code == 302
    assert [m["To"] for m in mailbox.messages] == ["resident@example.org"]
    confirmation = mailbox.messages[0]
    assert "Confirm" in confirmation["Subject"]

    # Unconfirmed: a publication sends the resident nothing.
    mailbox.messages.clear()
    publish(meeting, manager, django_capture_on_commit_callbacks)
    assert not mailbox.to("resident@example.org")

    confirm = _link(confirmation, r"https://minutes\.test/subscriptions/confirm/\S+/")
    assert "Yes, confirm" in client.get(confirm).content.decode()  # GET changes nothing
    assert Subscription.objects.get().confirmed_at is None
    client.post(confirm)
    assert Subscription.objects.get().confirmed_at is not None

    later = f.AgendaItemFactory(meeting=meeting, title="Late item on bus lanes")
    assert later.published_at is None
    mailbox.messages.clear()
    with django_capture_on_commit_callbacks(execute=True):
        publishing.run("publish_supplement", meeting, manager, urgency_reason=URGENT)
    notice = mailbox.to("resident@example.org")[0]
    assert "supplement" in notice["Subject"].lower()
    header = notice["List-Unsubscribe"].strip().strip("<>")
    assert notice["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"

    # One click from the mail program: a POST without a CSRF token.
    path = header.removeprefix("https://minutes.test")
    assert client.post(path, {"List-Unsubscribe": "One-Click"}).status_code == 302, path
    assert not Subscription.objects.exists()


def test_the_honeypot_sends_nothing(client, mailbox, meeting, django_capture_on_commit_callbacks):
    url = reverse("notices:subscribe", args=["committee", meeting.committee.slug])
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"email": "bot@example.org", "website": "http://spam.example"})
    assert not mailbox.messages and not Subscription.objects.exists()


def test_an_address_sees_and_ends_its_subscriptions(client, meeting):
    first = Subscription.objects.create(email="r@example.org", committee=meeting.committee)
    ward = f.WardFactory()
    Subscription.objects.create(email="r@example.org", ward=ward)
    Subscription.objects.create(email="other@example.org", ward=ward)
    page = client.get(first.get_absolute_url()).content.decode()
    assert meeting.committee.name in page and ward.name in page
    assert "other@example.org" not in page
    client.post(reverse("notices:unsubscribe", args=[first.token]))
    assert Subscription.objects.filter(email="r@example.org").count() == 1
