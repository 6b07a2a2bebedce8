"""The accessibility statement is built from recorded checks: the site's own page checks
(with their date) and the live list of public documents failing the document checks. It
changes when a failing document is replaced; the public listing marks such a document
and offers an accessible copy."""

import json

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils.html import strip_tags

from agenda.models import StatementWording
from agenda.printing.render import render_html
from agenda.scanning import statement
from agenda.scanning.intake import process_upload
from tests import factories as f
from tests.public_data import realistic_meeting

pytestmark = pytest.mark.django_db

TAGGED_REPORT = (
    '<html lang="en-GB"><head><title>Allocations report</title></head><body>'
    "<h1>Allocations report</h1><p>The committee is asked to note the allocations.</p>"
    "</body></html>"
)


def text(response):
    return " ".join(strip_tags(response.content.decode()).replace("&#x27;", "'").split())


def meeting_with_reports(reports):
    meeting = realistic_meeting(items=1, documents=reports, attendees=1, exempt=False)
    # The meeting-level agenda, pack and minutes stand for Minutebook's printed PDFs.
    meeting.documents.filter(item__isnull=True).update(is_generated=True)
    return meeting


@pytest.fixture
def untagged_document():
    meeting = meeting_with_reports(1)
    document = meeting.documents.get(item__isnull=False)
    document.title = "Allocations report"
    document.save()
    process_upload(document.pk)  # as the editor does after an upload
    return document


def test_statement_shows_the_recorded_site_checks_with_their_date(client):
    record = statement.load_site_checks()
    page = text(client.get(reverse("agenda:accessibility")))
    assert f"last checked on {record.checked_on:%-d %B %Y}" in page
    assert record.tool in page
    assert f"{len(record.pages)} kinds of page checked, no problems found" in page
    for heading in (
        "Compliance status",
        "Non-accessible content",
        "Asking for information in another format",
        "Enforcement procedure",
    ):
        assert heading in page


def test_site_check_problems_make_it_partially_compliant_and_are_listed(
    client, tmp_path, monkeypatch
):
    recorded = tmp_path / "site_checks.json"
    recorded.write_text(
        json.dumps(
            {
                "checked_at": "2026-03-04T10:00:00+00:00",
                "tool": "axe-core 4.12.1 in Chromium",
                "pages": [
                    {
                        "name": "Meeting page",
                        "path": "/meetings/x/",
                        "violations": [
                            {"id": "color-contrast", "help": "Text needs contrast", "nodes": 2}
                        ],
                    }
                ],
            }
        )
    )
    monkeypatch.setattr(statement, "SITE_CHECKS", recorded)
    page = text(client.get(reverse("agenda:accessibility")))
    assert "This website is partially compliant" in page
    assert "last checked on 4 March 2026" in page
    assert "Meeting page: Text needs contrast (WCAG rule “color-contrast”, 2 places)" in page


def test_failing_document_is_listed_and_disappears_when_replaced(client, untagged_document):
    page = text(client.get(reverse("agenda:accessibility")))
    assert "This website is partially compliant" in page
    assert "1 public document fails the document checks" in page
    assert "Allocations report: untagged (no structure for screen readers); no language set" in page

    document = untagged_document
    document.file = ContentFile(render_html(TAGGED_REPORT).content, name="report.pdf")
    document.save()
    process_upload(document.pk)

    page = text(client.get(reverse("agenda:accessibility")))
    assert "fails the document checks" not in page
    assert "Allocations report" not in page
    assert "This website is fully compliant" in page
    assert "1 public document has been checked" in page


def test_public_listing_marks_the_document_and_links_to_the_request_form(client, untagged_document):
    item_page = client.get(untagged_document.item.get_absolute_url()).content.decode()
    assert "may not work with screen readers" in item_page
    assert reverse("agenda:alternative_format") + "?document=Allocations%20report" in item_page

    untagged_document.file = ContentFile(render_html(TAGGED_REPORT).content, name="r.pdf")
    untagged_document.save()
    process_upload(untagged_document.pk)
    item_page = client.get(untagged_document.item.get_absolute_url()).content.decode()
    assert "may not work with screen readers" not in item_page


def test_unchecked_public_documents_are_counted_not_claimed(client):
    meeting_with_reports(2)
    page = text(client.get(reverse("agenda:accessibility")))
    assert "2 have not been checked yet" in page
    assert "partially compliant" in page


def test_clerks_write_only_the_human_words(clerk_client, client):
    url = reverse("admin:agenda_statementwording_add")
    response = clerk_client.post(
        url,
        {
            "other_problems": "Webcasts before May 2024 have no captions.",
            "disproportionate_burden": "",
            "outside_scope": "",
            "improvement_plan": "Captions for all webcasts by June 2027.",
            "response_time": "We reply within 5 working days.",
            "prepared_on": "2026-01-15",
            "reviewed_on": "",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert StatementWording.objects.get().pk == 1
    page = text(client.get(reverse("agenda:accessibility")))
    assert "Webcasts before May 2024 have no captions." in page
    assert "Captions for all webcasts by June 2027." in page
    assert "prepared on 15 January 2026" in page
    assert "We reply within 5 working days." in page


def test_statement_page_query_count_does_not_grow_with_documents(
    client, django_assert_max_num_queries
):
    meeting = realistic_meeting(items=3, documents=12, attendees=1, exempt=False)
    for document in meeting.documents.all():
        process_upload(document.pk)
    with django_assert_max_num_queries(8):
        assert client.get(reverse("agenda:accessibility")).status_code == 200
    f.publish(meeting)
