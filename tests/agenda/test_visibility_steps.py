"""Visibility after publication goes through a step: an item withdrawn (kept, with a public
note) or made exempt, a document made exempt. A secret planted in a published item's text
and report is gone from every public output once the clerk ticks "exempt"."""

import datetime

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from agenda import publishing
from agenda.models import AgendaItem, Document, SearchEntry, Transition
from agenda.models.locks import RecordLocked
from agenda.printing.simple_pdf import make_pdf
from agenda.publishing.effects import after_publish
from tests import factories as f
from tests.agenda.admin_forms import change_form_data
from tests.agenda.record_helpers import body, pdf_text
from tests.agenda.test_public_privacy import crawl
from tests.public_data import realistic_meeting

pytestmark = pytest.mark.django_db

SECRET = "Pelicanzest"


def printed_text(client, meeting, name):
    response = client.get(reverse(f"agenda:{name}", kwargs={"slug": meeting.slug}))
    return pdf_text(body(response)) if response.status_code == 200 else ""


@pytest.fixture
def published(db):
    """A published meeting (agenda and draft minutes) with a secret in one open item's
    text, minute, recommendation, resolution and report; printed and indexed."""
    meeting = realistic_meeting(items=2, documents=1, attendees=2, exempt=False)
    item = meeting.items.order_by("position").first()
    AgendaItem.objects.filter(pk=item.pk).update(
        agenda_text=f"<p>The {SECRET} valuation of the site.</p>",
        minutes_text=f"<p>Members agreed the {SECRET} price.</p>",
    )
    f.RecommendationFactory(item=item, position=3, text=f"<p>That {SECRET} be accepted.</p>")
    f.ResolutionFactory(item=item, position=3, text=f"<p>That {SECRET} be sold.</p>")
    report = f.DocumentFactory(
        item=item,
        title="Valuation report",
        file=ContentFile(make_pdf("Valuation report", [f"{SECRET} figures."]), name="v.pdf"),
        published_at=timezone.now() - datetime.timedelta(minutes=1),
    )
    meeting.refresh_from_db()
    after_publish(meeting, "all", now=timezone.now())
    item.refresh_from_db()
    return meeting, item, report


def public_outputs(client, meeting, item, report):
    """Every public output that could carry the item's content, as text."""
    bodies = crawl(client)
    urls = [
        # Words next to the secret, so a snippet would show it (the query is echoed).
        "/search/?q=valuation",
        "/search/?q=price",
        "/search/feed/?q=valuation",
        "/feeds/meetings.atom",
        f"/feeds/committees/{meeting.committee.slug}.atom",
        "/calendar/meetings.ics",
        f"/calendar/meetings/{meeting.slug}.ics",
        "/sitemap.xml",
        "/api/oparl/v1/meetings",
        f"/api/oparl/v1/meetings/{meeting.pk}",
        "/api/oparl/v1/agenda-items",
        f"/api/oparl/v1/agenda-items/{item.pk}",
        "/api/oparl/v1/files",
        f"/api/oparl/v1/files/{report.pk}",
        f"/api/v1/items/{item.pk}/minutes",
        f"/api/v1/meetings/{meeting.pk}/minutes",
        report.get_absolute_url(),
        item.get_absolute_url(),
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code in (200, 404), url
        bodies[url] = body(response)
    for name in ("meeting_agenda_pdf", "meeting_pack_pdf", "meeting_minutes_pdf"):
        bodies[name] = printed_text(client, meeting, name).encode()
    texts = {}
    for url, content in bodies.items():
        texts[url] = pdf_text(content) if content.startswith(b"%PDF") else content.decode()
    return texts


def test_a_secret_in_a_published_item_is_gone_everywhere_once_it_is_made_exempt(
    published, client, clerk_client
):
    meeting, item, report = published
    before = public_outputs(client, meeting, item, report)
    # The planted secret really was public in each kind of output.
    for where in ("meeting_agenda_pdf", "meeting_pack_pdf", "meeting_minutes_pdf"):
        assert SECRET in before[where], where
    assert SECRET in before["/search/?q=valuation"]
    assert SECRET in before[f"/api/v1/items/{item.pk}/minutes"]
    assert SECRET in before[report.get_absolute_url()]

    url = reverse("admin:agenda_agendaitem_change", args=[item.pk])
    data = change_form_data(clerk_client.get(url))
    data.update(is_exempt="on", exempt_paragraph="3", public_interest_reason="Commercial.")
    response = clerk_client.post(url, data, follow=True)
    assert "was made exempt" in response.content.decode()

    after = public_outputs(client, meeting, item, report)
    leaks = [where for where, text in after.items() if SECRET in text]
    assert leaks == []
    assert not SearchEntry.objects.filter(body__contains=SECRET).exists()
    # The item keeps its number and title; a public notice says what changed.
    page = client.get(meeting.get_absolute_url()).content.decode()
    assert item.title in page and "Schedule 12A paragraph 3" in page
    assert "Changes since publication" in page and "was made exempt" in page
    step = Transition.objects.get(meeting=meeting, kind=Transition.Kind.VISIBILITY_CHANGED)
    assert step.user.username == "clerk"


@pytest.mark.parametrize("change", ["exempt_item", "exempt_document", "withdraw_item"])
def test_no_page_cached_before_the_change_still_shows_the_secret(
    published, client, clerk, manager, change
):
    """The planted secret, read through every public output twice (the second time from
    the page cache), is in none of them once the item is made exempt or withdrawn or its
    report made exempt."""
    meeting, item, report = published
    public_outputs(client, meeting, item, report)
    warm = public_outputs(client, meeting, item, report)
    assert SECRET in warm[item.get_absolute_url()]
    assert client.get(meeting.get_absolute_url())["X-Page-Cache"] == "hit"
    if change == "exempt_item":
        publishing.run("exempt_item", meeting, clerk, item=item, paragraph=3)
    elif change == "exempt_document":
        publishing.run("exempt_document", meeting, clerk, document=report)
    else:
        publishing.run("withdraw_item", meeting, manager, item=item, note="Deferred.")
    after = public_outputs(client, meeting, item, report)
    hidden = f"{SECRET} figures." if change == "exempt_document" else SECRET
    assert [where for where, text in after.items() if hidden in text] == []


def test_the_exempt_flag_of_a_published_item_changes_only_through_the_step(published, clerk):
    _meeting, item, _report = published
    item.is_exempt, item.exempt_paragraph = True, 3
    with pytest.raises(RecordLocked, match="publishing step"):
        item.save()
    with pytest.raises(RecordLocked, match="publishing step"):
        AgendaItem.objects.filter(pk=item.pk).update(is_exempt=True, exempt_paragraph=3)
    # Making it public again is a manager's decision.
    publishing.run("exempt_item", item.meeting, clerk, item=item, paragraph=3)
    with pytest.raises(Exception, match="democratic services manager"):
        publishing.run("exempt_item", item.meeting, clerk, item=item, exempt=False)


def test_a_published_document_made_exempt_leaves_the_pack_and_the_notice_hides_its_title(
    published, client, clerk_client
):
    meeting, _item, report = published
    in_report = f"{SECRET} figures."
    assert in_report in printed_text(client, meeting, "meeting_pack_pdf")
    url = reverse("admin:agenda_document_change", args=[report.pk])
    data = change_form_data(clerk_client.get(url))
    data["is_exempt"] = "on"
    data["published_at"] = ""  # not a field of the form: publication is the steps' alone
    clerk_client.post(url, data)
    report.refresh_from_db()
    assert report.is_exempt and report.published_at is not None
    assert in_report not in printed_text(client, meeting, "meeting_pack_pdf")
    assert client.get(report.get_absolute_url()).status_code == 404
    page = client.get(meeting.get_absolute_url()).content.decode()
    assert "withdrawn from publication" in page and "Valuation report" not in page


def test_a_clerk_cannot_publish_a_document_by_filling_in_its_date(clerk_client, db):
    meeting = f.MeetingFactory()
    f.publish(meeting)
    response = clerk_client.post(
        reverse("admin:agenda_document_add"),
        {
            "meeting": meeting.pk,
            "title": "Quiet report",
            "kind": Document.Kind.REPORT,
            "position": 0,
            "published_at_0": "2026-01-01",
            "published_at_1": "09:00:00",
            "published_at": "2026-01-01 09:00:00",
            "file": SimpleUploadedFile("r.pdf", make_pdf("Quiet", ["x"]), "application/pdf"),
        },
    )
    assert response.status_code == 302
    assert Document.objects.get(title="Quiet report").published_at is None
    assert not Document.objects.public().filter(title="Quiet report").exists()


def test_an_item_of_a_published_agenda_is_withdrawn_not_deleted(published, client, manager_client):
    meeting, item, _report = published
    response = manager_client.post(
        reverse("admin:agenda_agendaitem_changelist"),
        {
            "action": "withdraw_items",
            "_selected_action": [str(item.pk)],
            "confirmed": "yes",
            "note": "The report will come to the next meeting.",
        },
        follow=True,
    )
    assert "withdrawn" in response.content.decode()
    item.refresh_from_db()
    assert item.is_withdrawn and item.number == "1"
    page = client.get(meeting.get_absolute_url()).content.decode()
    assert "Withdrawn: The report will come to the next meeting." in page
    assert SECRET not in page
    for name in ("meeting_agenda_pdf", "meeting_minutes_pdf"):
        printed = printed_text(client, meeting, name)
        assert "Withdrawn: The report will come to the next meeting." in printed, name
        assert item.title in printed and SECRET not in printed
    assert "Withdrawn:" in client.get(item.get_absolute_url()).content.decode()
    row = Transition.objects.get(meeting=meeting, kind=Transition.Kind.ITEM_WITHDRAWN)
    assert "The report will come to the next meeting." in row.reason
    assert not SearchEntry.objects.filter(body__contains=SECRET).exists()
    with pytest.raises(RecordLocked, match="withdraw it instead"):
        item.delete()


def test_withdrawal_needs_a_note_and_a_manager(published, clerk):
    meeting, item, _report = published
    with pytest.raises(Exception, match="democratic services manager"):
        publishing.run("withdraw_item", meeting, clerk, item=item, note="x")
    with pytest.raises(Exception, match="public note"):
        publishing.run("withdraw_item", meeting, publishing.SYSTEM, item=item, note=" ")
