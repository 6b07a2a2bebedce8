"""The editor's links to a document's file work, published or not."""

import re

import pytest
from django.urls import reverse

from tests.factories import DocumentFactory

pytestmark = pytest.mark.django_db


def links(body):
    return set(re.findall(r'href="([^"]+)"', body))


def test_document_page_links_to_the_preview_not_media(clerk_client):
    document = DocumentFactory(original_filename="budget.pdf")
    preview = reverse("editor_document_file", args=[document.pk])
    body = clerk_client.get(
        reverse("admin:agenda_document_change", args=[document.pk])
    ).content.decode()
    assert not [url for url in links(body) if "media" in url]
    assert preview in links(body)
    assert clerk_client.get(preview).status_code == 200


@pytest.mark.parametrize("page", ["item", "meeting"])
def test_inline_document_links_open(clerk_client, page):
    document = DocumentFactory()
    url = (
        reverse("admin:agenda_agendaitem_change", args=[document.item_id])
        if page == "item"
        else reverse("admin:agenda_meeting_change", args=[document.meeting_id])
    )
    if page == "meeting":
        document.item = None
        document.save()
    body = clerk_client.get(url).content.decode()
    assert not [href for href in links(body) if "media" in href]
    for href in links(body):
        if f"/{document.pk}/" in href and ("file" in href or "/r/" in href):
            response = clerk_client.get(href, follow=True)
            assert response.status_code == 200, href


def test_view_on_site_of_an_unpublished_document_is_the_preview(clerk_client):
    document = DocumentFactory()
    from django.contrib.contenttypes.models import ContentType

    content_type = ContentType.objects.get_for_model(document)
    body = clerk_client.get(
        reverse("admin:agenda_document_change", args=[document.pk])
    ).content.decode()
    assert f"/r/{content_type.pk}/{document.pk}/" not in body
    assert reverse("editor_document_file", args=[document.pk]) in body
