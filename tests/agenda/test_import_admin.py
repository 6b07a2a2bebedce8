"""The editor's "Import from ModernGov" page."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from agenda.models import AgendaItem, Meeting
from tests.agenda.import_helpers import fixture

pytestmark = pytest.mark.django_db
URL = "/editor/agenda/meeting/import/"


def test_url_and_changelist_link(clerk_client):
    assert reverse("admin:agenda_meeting_import") == URL
    page = clerk_client.get(reverse("admin:agenda_meeting_changelist")).content.decode()
    assert f'href="{URL}"' in page


def test_clerk_uploads_files_and_sees_the_report(clerk_client):
    assert clerk_client.get(URL).status_code == 200
    response = clerk_client.post(
        URL,
        {
            "files": [
                SimpleUploadedFile("getmeeting.xml", fixture("getmeeting.xml")),
                SimpleUploadedFile("item-page.html", fixture("item-page.html")),
                SimpleUploadedFile("broken.xml", b"<getmeeting><meeting>"),
                SimpleUploadedFile("copied.txt", fixture("item-letters.txt")),
            ],
            "committee": "",
            "date": "",
        },
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "getmeeting.xml: imported (GetMeeting)." in page
    assert "item-page.html: imported (html item page)." in page
    assert "broken.xml: FAILED, nothing saved. The XML is damaged or truncated" in page
    assert "4 file(s), 1 failed" in page
    assert Meeting.objects.count() == 3
    assert AgendaItem.objects.count() == 6


def test_committee_and_date_fields_place_a_lone_item(clerk_client):
    data = fixture("item-letters.txt").replace(b"Meeting: 12/01/2023", b"Seen: 12/01/2023")
    upload = SimpleUploadedFile("copied.txt", data)
    response = clerk_client.post(
        URL, {"files": [upload], "committee": "Quayside Forum", "date": "2024-02-01"}
    )
    assert "copied.txt: imported (text)." in response.content.decode()
    meeting = AgendaItem.objects.get().meeting
    assert (meeting.committee.name, str(meeting.start.date())) == ("Quayside Forum", "2024-02-01")


def test_anonymous_is_sent_to_login(client):
    response = client.post(URL, {"files": [SimpleUploadedFile("a.xml", b"<x/>")]})
    assert response.status_code == 302
    assert "/login/" in response["Location"]
    assert Meeting.objects.count() == 0


def test_staff_without_permission_is_refused(client, django_user_model):
    user = django_user_model.objects.create_user("viewer", "v@example.org", "x", is_staff=True)
    client.force_login(user)
    assert client.get(URL).status_code == 403
