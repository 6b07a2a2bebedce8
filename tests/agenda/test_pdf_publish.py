"""Publishing stores the printed PDFs; public URLs stream them; the editor previews them."""

import io

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from pypdf import PdfReader

from agenda import publishing
from agenda.models import Document, Meeting
from agenda.printing import render
from agenda.printing.content import PrintSource
from agenda.printing.documents import render_frontsheet
from tests import factories as f
from tests.agenda.pdf_helpers import text_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def render_calls(monkeypatch):
    calls = []
    original = render.render_html

    def counting(html):
        calls.append(html)
        return original(html)

    monkeypatch.setattr(render, "render_html", counting)
    return calls


@pytest.fixture
def meeting():
    item = f.AgendaItemFactory(title="Library opening hours")
    f.DocumentFactory(item=item, title="Opening hours report")
    f.DocumentFactory(
        item=item, title="Damaged appendix", file=ContentFile(b"not a pdf", name="d.pdf")
    )
    return item.meeting


def _without_damaged(meeting):
    # The publishing workflow refuses a public document that is not a real PDF (issue #5,
    # publication checks), so tests that publish remove it first.
    Document.objects.filter(meeting=meeting, title="Damaged appendix").delete()
    return meeting


def _past(meeting):
    # Minutes exist only for a meeting that has taken place: move it to this morning.
    import datetime

    from django.utils import timezone

    start = timezone.now() - datetime.timedelta(hours=3)
    Meeting.objects.filter(pk=meeting.pk).update(start=start)
    meeting.refresh_from_db()
    return meeting


def _urls(meeting):
    return {
        kind: reverse(f"agenda:meeting_{kind}_pdf", kwargs={"slug": meeting.slug})
        for kind in ("agenda", "pack", "minutes")
    }


def test_publishing_stores_pdfs_and_public_urls_stream_them(
    client, manager, meeting, render_calls, django_assert_num_queries
):
    urls = _urls(meeting)
    assert urls["agenda"] == f"/meetings/{meeting.slug}/agenda.printing"
    assert urls["pack"] == f"/meetings/{meeting.slug}/reports-pack.pdf"
    for url in urls.values():
        assert client.get(url).status_code == 404  # draft agenda: nothing public

    published = publishing.run(
        "publish_agenda", _without_damaged(meeting), manager, urgency_reason="Test: late."
    )
    assert published.messages == []
    generated = Document.objects.filter(meeting=meeting, is_generated=True, item=None)
    assert sorted(generated.values_list("kind", flat=True)) == ["agenda_frontsheet", "agenda_pack"]
    for document in generated:
        assert document.published_at and document.size > 0 and len(document.sha256) == 64
    pack = generated.get(kind=Document.Kind.AGENDA_PACK)
    assert pack.get_absolute_url() == urls["pack"]
    assert pack in Document.objects.public()
    renders_after_publish = len(render_calls)

    with django_assert_num_queries(2):
        response = client.get(urls["pack"])
    body = b"".join(response.streaming_content)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Disposition"].startswith("inline")
    assert f"{meeting.slug}-reports-pack.pdf" in response["Content-Disposition"]
    pack.file.open("rb")
    assert body == pack.file.read()
    assert "Opening hours report" in text_of(body)
    assert client.get(urls["agenda"]).status_code == 200
    assert client.get(urls["minutes"]).status_code == 404  # minutes not yet published
    assert len(render_calls) == renders_after_publish  # GET never renders


def test_minutes_publish_generates_and_republish_replaces(client, manager, meeting, render_calls):
    publishing.run(
        "publish_agenda", _without_damaged(meeting), manager, urgency_reason="Test: late."
    )
    publishing.run("publish_draft_minutes", _past(meeting), manager)
    minutes = Document.objects.get(meeting=meeting, kind=Document.Kind.MINUTES)
    response = client.get(_urls(meeting)["minutes"])
    assert response.status_code == 200
    assert "DRAFT – subject to approval" in text_of(b"".join(response.streaming_content))

    old_name = minutes.file.name
    publishing.run("publish_approved_minutes", meeting, manager)
    assert Document.objects.filter(meeting=meeting, kind=Document.Kind.MINUTES).count() == 1
    minutes.refresh_from_db()
    assert minutes.file.name != old_name
    text = text_of(b"".join(client.get(_urls(meeting)["minutes"]).streaming_content))
    assert "DRAFT" not in text


def test_metadata_names_no_user(manager, meeting):
    manager.first_name, manager.last_name = "Priya", "Publisher"
    manager.save()
    publishing.run(
        "publish_agenda", _without_damaged(meeting), manager, urgency_reason="Test: late."
    )
    publishing.run("publish_draft_minutes", _past(meeting), manager)
    for document in Document.objects.filter(meeting=meeting, is_generated=True):
        document.file.open("rb")
        content = document.file.read()
        reader = PdfReader(io.BytesIO(content))
        assert "/Author" not in reader.metadata
        xmp = reader.trailer["/Root"]["/Metadata"].get_object().get_data()
        everything = content + xmp + repr(dict(reader.metadata)).encode()
        for word in (b"manager", b"Priya", b"Publisher", b"dc:creator"):
            assert word not in everything
        assert b'pdf:Producer="Minutebook"' in xmp


def test_hostile_rich_text_in_an_item_fetches_nothing(meeting):
    f.publish(meeting)
    item = meeting.items.get()
    item.agenda_text = (
        '<p>See <img src="file:///etc/passwd" alt="x"> and '
        '<a href="http://169.254.169.254/">this</a> <img src="http://127.0.0.1:9/a.png"></p>'
    )
    item.save()
    rendered = render_frontsheet(PrintSource(meeting))
    # First layer: the rich-text sanitiser drops <img>; a link is never fetched by a render.
    assert "/etc/passwd" not in item.agenda_text and "127.0.0.1" not in item.agenda_text
    assert rendered.refused == []
    assert "root:" not in text_of(rendered.content)


def test_editor_preview_links_and_pdf(clerk_client, meeting):
    change = reverse("admin:agenda_meeting_change", args=[meeting.pk])
    page = clerk_client.get(change).content.decode()
    for which, label in [
        ("agenda", "Preview agenda frontsheet"),
        ("minutes", "Preview printed minutes"),
    ]:
        assert label in page
        assert f"/preview/{which}.pdf" in page
    url = reverse("admin:agenda_meeting_preview_pdf", args=[meeting.pk, "reports-pack"])
    response = clerk_client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert {"private", "no-store"} <= set(response["Cache-Control"].replace(" ", "").split(","))
    text = text_of(response.content)
    assert "PREVIEW – not published" in text and "Library opening hours" in text
    messages = [str(m) for m in response.wsgi_request._messages]
    assert any("Damaged appendix" in m for m in messages)
    clerk_client.logout()
    assert clerk_client.get(url).status_code == 302  # anonymous: to the login page
    assert Meeting.objects.get(pk=meeting.pk).agenda_status == "draft"
    assert not Document.objects.filter(meeting=meeting, is_generated=True).exists()


def test_admin_publish_action_reports_unreadable_reports(manager_client, meeting):
    response = manager_client.post(
        reverse("admin:agenda_meeting_changelist"),
        {"action": "publish_agenda", "_selected_action": [meeting.pk], "confirmed": "yes"},
        follow=True,
    )
    text = response.content.decode()
    # The workflow's publication checks refuse it before any PDF is rendered.
    assert "“Damaged appendix”: The file is not a PDF" in text
    assert Meeting.objects.get(pk=meeting.pk).agenda_status == "draft"


def test_preview_needs_view_permission(client, django_user_model, meeting):
    visitor = django_user_model.objects.create_user("temp", "t@example.org", "x", is_staff=True)
    client.force_login(visitor)
    url = reverse("admin:agenda_meeting_preview_pdf", args=[meeting.pk, "agenda"])
    assert client.get(url).status_code == 403
    bad = reverse("admin:agenda_meeting_preview_pdf", args=[meeting.pk, "decisions"])
    assert client.get(bad).status_code == 404
