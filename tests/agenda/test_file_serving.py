"""Files go out only through views that check permission, with safe headers."""

import pytest
from django.core.files.base import ContentFile
from django.test import Client
from django.urls import reverse

from tests.factories import AgendaItemFactory, DocumentFactory, MeetingFactory, publish

pytestmark = pytest.mark.django_db

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@pytest.fixture
def meeting():
    return MeetingFactory()


def every_url(document, settings):
    stored = document.file.name
    return [
        document.get_absolute_url(),
        reverse("agenda:document_download", kwargs={"pk": document.pk, "filename": "x.pdf"}),
        f"/media/{stored}",
        f"{settings.MEDIA_URL}{stored}",
        f"/{stored}",
        f"/static/../media/{stored}",
    ]


def test_exempt_document_is_404_to_anonymous_by_every_url(meeting, settings):
    item = AgendaItemFactory(meeting=meeting)
    exempt = DocumentFactory(item=item, is_exempt=True, title="Confidential appendix")
    publish(meeting)
    client = Client()
    for url in every_url(exempt, settings):
        response = client.get(url)
        assert response.status_code == 404, url
    # The editor's preview URL sends an anonymous visitor to the login page.
    preview = client.get(reverse("editor_document_file", args=[exempt.pk]))
    assert preview.status_code == 302
    assert reverse("admin:login") in preview["Location"]


def test_document_on_exempt_item_and_unpublished_documents_are_404(meeting, settings):
    exempt_item = AgendaItemFactory(meeting=meeting, is_exempt=True, exempt_paragraph="3")
    on_exempt_item = DocumentFactory(item=exempt_item)
    publish(meeting)
    draft = DocumentFactory(item=AgendaItemFactory(meeting=meeting))  # added after publishing
    client = Client()
    for document in (on_exempt_item, draft):
        for url in every_url(document, settings):
            assert client.get(url).status_code == 404, url


def test_public_pdf_is_inline_sandboxed_and_nosniff(meeting, client):
    document = DocumentFactory(item=AgendaItemFactory(meeting=meeting))
    publish(meeting)
    response = client.get(document.get_absolute_url())
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("inline")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"].startswith("sandbox")
    assert b"".join(response.streaming_content).startswith(b"%PDF-")


def test_other_types_download_as_attachments(meeting, client):
    document = DocumentFactory(
        item=AgendaItemFactory(meeting=meeting),
        file=ContentFile(b"PK\x03\x04rest", name="r.docx"),
        content_type=DOCX,
    )
    publish(meeting)
    response = client.get(document.get_absolute_url())
    assert response["Content-Disposition"].startswith("attachment")
    assert response["Content-Type"] == DOCX


def test_staff_preview_of_unpublished_and_exempt_documents(meeting, clerk_client):
    exempt = DocumentFactory(item=AgendaItemFactory(meeting=meeting), is_exempt=True)
    response = clerk_client.get(reverse("editor_document_file", args=[exempt.pk]))
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_staff_without_view_permission_cannot_preview(meeting, client, django_user_model):
    exempt = DocumentFactory(item=AgendaItemFactory(meeting=meeting), is_exempt=True)
    client.force_login(django_user_model.objects.create_user("intern", is_staff=True))
    assert client.get(reverse("editor_document_file", args=[exempt.pk])).status_code == 403


def test_missing_file_on_disk_is_404_not_500(meeting, client):
    document = DocumentFactory(item=AgendaItemFactory(meeting=meeting))
    publish(meeting)
    document.file.storage.delete(document.file.name)
    assert client.get(document.get_absolute_url()).status_code == 404


def test_document_page_in_the_editor_links_to_the_preview(meeting, clerk_client):
    document = DocumentFactory(item=AgendaItemFactory(meeting=meeting), is_exempt=True)
    response = clerk_client.get(reverse("admin:agenda_document_change", args=[document.pk]))
    assert reverse("editor_document_file", args=[document.pk]) in response.content.decode()
