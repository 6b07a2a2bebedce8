"""What the public meeting, item, document and calendar pages show, and to whom."""

import datetime
import zoneinfo

import pytest
from django.core import mail
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone

from agenda.models import Meeting
from agenda.templatetags.public_dates import human_datetime, relative_hint
from tests import factories as f
from tests.public_data import realistic_meeting

pytestmark = pytest.mark.django_db


def text_of(response):
    return response.content.decode()


def test_meeting_page_shows_what_is_published(client):
    meeting = realistic_meeting(items=2, documents=2, attendees=5)
    page = text_of(client.get(meeting.get_absolute_url()))
    assert "Agenda and draft minutes" in page
    assert page.count("<h1") == 1
    for item in meeting.items.filter(is_exempt=False):
        assert f'id="{item.anchor}"' in page
        assert f'id="{item.anchor}-resolution-1"' in page
        assert f'id="{item.anchor}-recommendation-2"' in page
    for title in ("Agenda frontsheet", "Public reports pack", "Printed minutes"):
        assert title in page
    assert "PDF, 8" in page  # kind, format and size beside each document
    assert "Apologies" in page and "Declarations of interest" in page
    assert "Member of a local charity" in page
    assert 'datetime="' in page


def test_minutes_and_attendance_wait_for_minutes_publication(client):
    meeting = realistic_meeting(items=1, documents=1, attendees=3, minutes=False)
    page = text_of(client.get(meeting.get_absolute_url()))
    assert meeting.published_heading == "Agenda"
    assert "Members asked how a referral was made" not in page
    assert "Resolved" not in page
    assert 'id="attendance"' not in page


def test_exempt_item_shows_number_title_and_paragraph_only(client):
    meeting = realistic_meeting(items=1, documents=1, attendees=1)
    exempt = meeting.items.get(is_exempt=True)
    exempt.agenda_text = "<p>SECRET-TEXT</p>"
    exempt.minutes_text = "<p>SECRET-MINUTE</p>"
    exempt.save()
    f.ResolutionFactory(item=exempt, position=1, text="SECRET-RESOLUTION")
    for url in (meeting.get_absolute_url(), exempt.get_absolute_url()):
        page = text_of(client.get(url))
        assert "Contract award for youth services" in page
        assert "Exempt: Schedule 12A paragraph 3" in page
        assert "SECRET" not in page


def test_cancelled_meeting_says_so_prominently(client):
    meeting = realistic_meeting(items=1, documents=0, attendees=0, minutes=False)
    Meeting.objects.filter(pk=meeting.pk).update(
        status=Meeting.Status.CANCELLED, status_notice="Moved to 3 July."
    )
    page = text_of(client.get(meeting.get_absolute_url()))
    assert 'role="alert"' in page
    assert "This meeting has been cancelled" in page and "Moved to 3 July." in page


def test_draft_meeting_and_items_are_404_for_anonymous_and_preview_for_clerks(
    client, clerk, django_user_model
):
    meeting = f.MeetingFactory(title="Draft budget meeting")
    item = f.AgendaItemFactory(meeting=meeting, title="Draft item")
    assert client.get(meeting.get_absolute_url()).status_code == 404
    assert client.get(item.get_absolute_url()).status_code == 404
    not_found = text_of(client.get(meeting.get_absolute_url()))
    assert "Page not found" in not_found and "Browse all meetings" in not_found

    outsider = django_user_model.objects.create_user("reader", password="x")
    client.force_login(outsider)
    assert client.get(meeting.get_absolute_url()).status_code == 404

    client.force_login(clerk)
    for url in (meeting.get_absolute_url(), item.get_absolute_url()):
        response = client.get(url)
        assert response.status_code == 200
        assert "Preview – not public" in text_of(response)
        assert response["Cache-Control"] == "private, no-store"
    assert "Draft item" in text_of(client.get(meeting.get_absolute_url()))


def test_clerk_sees_public_page_unmarked_unless_asking_for_preview(clerk_client):
    meeting = realistic_meeting(items=1, documents=0, attendees=0)
    response = clerk_client.get(meeting.get_absolute_url())
    assert "Preview – not public" not in text_of(response)
    preview = clerk_client.get(meeting.get_absolute_url() + "?preview=1")
    assert "Preview – not public" in text_of(preview)
    assert preview["Cache-Control"] == "private, no-store"


def test_item_page_reads_like_the_sample(client):
    meeting = realistic_meeting(items=1, documents=2, attendees=2, approved=True)
    item = meeting.items.get(is_exempt=False)
    earlier = realistic_meeting(
        items=1,
        documents=0,
        attendees=0,
        committee=meeting.committee,
        start=meeting.start - datetime.timedelta(days=365),
    )
    whole = text_of(client.get(item.get_absolute_url()))
    page = whole.split("<main", 1)[1]
    parts = [
        "Agenda item",
        item.title,
        "The Chief Executive will submit a report",
        "Report: Document",
        "Recommended –",
        "Overview &amp; Scrutiny Area:",
        "01632 960361",
        "Minutes:",
        "Resolved –",
        "ACTION:",
        "Supporting documents:",
    ]
    positions = [page.index(part) for part in parts]
    assert positions == sorted(positions)
    assert 'aria-label="Breadcrumb"' in whole and meeting.committee.get_absolute_url() in whole
    assert earlier.items.filter(is_exempt=False).get().get_absolute_url() in page


def test_document_download_headers_and_refusals(client):
    meeting = realistic_meeting(items=1, documents=1, attendees=0)
    document = meeting.documents.filter(item__isnull=False).first()
    response = client.get(document.get_absolute_url())
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert 'filename="report-1-on-exploitation.pdf"' in response["Content-Disposition"]
    assert b"".join(response.streaming_content).startswith(b"%PDF")

    word = f.DocumentFactory(
        item=document.item,
        title="Appendix",
        file=ContentFile(b"PK\x03\x04docx", name="a.docx"),
        content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        published_at=timezone.now() - datetime.timedelta(minutes=1),
    )
    response = client.get(word.get_absolute_url())
    assert response["Content-Disposition"].startswith("attachment;")

    unpublished = f.DocumentFactory(item=document.item, title="Not yet")
    exempt = f.DocumentFactory(
        item=document.item,
        title="Exempt",
        is_exempt=True,
        published_at=timezone.now() - datetime.timedelta(minutes=1),
    )
    for hidden in (unpublished, exempt):
        assert client.get(hidden.get_absolute_url()).status_code == 404


def test_meeting_list_filters_by_committee_and_municipal_year(client):
    zone = zoneinfo.ZoneInfo("Europe/London")
    first = realistic_meeting(
        items=1, documents=0, attendees=0, start=datetime.datetime(2024, 6, 6, 18, tzinfo=zone)
    )
    other = f.publish(
        f.MeetingFactory(start=datetime.datetime(2025, 4, 30, 18, tzinfo=zone))
    )  # April 2025 is still municipal year 2024/25
    page = text_of(client.get(reverse("agenda:meeting_list"), {"year": "2024"}))
    assert "2 meetings" in page and "2024/25" in page
    page = text_of(client.get(reverse("agenda:meeting_list"), {"committee": first.committee.slug}))
    assert first.get_absolute_url() in page and other.get_absolute_url() not in page
    page = text_of(client.get(reverse("agenda:meeting_list"), {"year": "2025"}))
    assert "0 meetings" in page and "No meetings match" in page


def test_calendar_month_links_and_bad_months(client):
    zone = zoneinfo.ZoneInfo("Europe/London")
    meeting = f.publish(f.MeetingFactory(start=datetime.datetime(2021, 6, 17, 18, tzinfo=zone)))
    page = text_of(client.get(reverse("agenda:calendar", kwargs={"year": 2021, "month": 6})))
    assert meeting.get_absolute_url() in page
    assert "/meetings/calendar/2021/05/" in page or "/meetings/calendar/2021/5/" in page
    assert "Thursday 17 June 2021, 6.00pm" in page
    response = client.get("/meetings/calendar/2021/13/")
    assert response.status_code == 400
    assert "“month” must be a whole number from 1 to 12" in response.content.decode()


def test_people_dates_in_council_time_zone():
    moment = datetime.datetime(2021, 6, 17, 17, 0, tzinfo=datetime.UTC)
    assert human_datetime(moment) == "Thursday 17 June 2021, 6.00pm"
    today = datetime.date(2021, 6, 14)
    assert relative_hint(datetime.date(2021, 6, 17), today) == "in 3 days"
    assert relative_hint(datetime.date(2021, 6, 15), today) == "tomorrow"
    assert relative_hint(datetime.date(2021, 5, 17), today) == "4 weeks ago"


def test_alternative_format_request_is_emailed(client, settings):
    settings.COUNCIL = {**settings.COUNCIL, "accessibility_email": "access@example.org"}
    url = reverse("agenda:alternative_format")
    response = client.post(url, {"name": "Sam", "email": "not-an-email", "format": "audio"})
    assert response.status_code == 200 and "There is a problem" in text_of(response)
    assert mail.outbox == []
    response = client.post(
        url,
        {
            "name": "Sam Reader",
            "email": "sam@example.org",
            "document": "/meetings/2021-06-17-planning/\r\nBcc: someone@example.net",
            "format": "large_print",
        },
    )
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["access@example.org"]
    assert "\n" not in mail.outbox[0].subject and not mail.outbox[0].bcc
    assert "Large print" in mail.outbox[0].body and "sam@example.org" in mail.outbox[0].body


def test_alternative_format_without_address_gives_contact_instructions(client, settings):
    settings.COUNCIL = {**settings.COUNCIL, "email": "", "accessibility_email": ""}
    settings.COUNCIL["phone"] = "01632 960000"
    page = text_of(client.get(reverse("agenda:alternative_format")))
    assert "<form" not in page.split("<main")[1] and "01632 960000" in page


def test_brand_stylesheet_uses_council_colour_safely(client, settings):
    settings.COUNCIL = {**settings.COUNCIL, "colour": "#ffdd00"}
    css = text_of(client.get(reverse("agenda:brand_css")))
    assert "#ffdd00" in css and "color:#000000" in css
    settings.COUNCIL = {**settings.COUNCIL, "colour": "red;}body{display:none"}
    css = text_of(client.get(reverse("agenda:brand_css")))
    assert "display:none" not in css


def test_listed_meeting_shows_date_and_venue_but_no_business(client):
    listed = f.MeetingFactory(is_listed=True)
    f.AgendaItemFactory(meeting=listed, title="Not yet public business")
    page = text_of(client.get(listed.get_absolute_url()))
    assert "Meeting details" in page and listed.venue.name in page
    assert "The agenda has not been published yet" in page
    assert "Not yet public business" not in page


def test_clerk_can_open_an_unpublished_document_in_preview_only(client, clerk):
    item = f.AgendaItemFactory(meeting=f.MeetingFactory())
    draft = f.DocumentFactory(item=item, title="Draft report")
    exempt = f.DocumentFactory(item=item, title="Exempt report", is_exempt=True)
    assert client.get(draft.get_absolute_url()).status_code == 404
    client.force_login(clerk)
    response = client.get(draft.get_absolute_url())
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"
    assert client.get(exempt.get_absolute_url()).status_code == 404
