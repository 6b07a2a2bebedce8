"""The editor's front page: the clerk's week, each line linking to the place to act."""

import datetime

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone

from agenda.models import Action, Meeting
from tests import factories as f

pytestmark = pytest.mark.django_db


def at(days):
    return timezone.now() + datetime.timedelta(days=days)


def test_dashboard_lists_the_week_with_links(clerk_client, clerk):
    committee = f.CommitteeFactory(name="Licensing Committee")
    committee.clerks.add(clerk)
    other = f.CommitteeFactory(name="Someone Else's Committee")
    soon = f.MeetingFactory(committee=committee, start=at(3))  # deadline passed
    later = f.MeetingFactory(committee=committee, start=at(30))
    f.MeetingFactory(committee=other, start=at(10))
    report = f.AgendaItemFactory(meeting=later, report_reference='Document "E"')
    word = f.AgendaItemFactory(meeting=later)
    f.DocumentFactory(item=word, title="Draft in Word", content_type="application/msword",
                      file=ContentFile(b"PK\x03\x04", name="draft.docx"))  # fmt: skip
    held = f.MeetingFactory(committee=committee, start=at(-20))
    f.publish(held)
    Meeting.objects.filter(pk=held.pk).update(status=Meeting.Status.HELD, minutes_status="draft")
    f.ActionFactory(
        item=f.AgendaItemFactory(meeting=held),
        owner="Chief Executive",
        description="Report back on exploitation",
        due_date=timezone.localdate() - datetime.timedelta(days=3),
        status=Action.Status.OPEN,
    )

    page = clerk_client.get(reverse("admin:index"))
    text = page.content.decode()
    assert page.status_code == 200
    assert "Next meetings and their deadlines" in text
    assert "Deadline passed" in text and "dashboard-late" in text
    assert "working days left" in text
    assert "Someone Else" not in text.split("Editor pages")[0]  # only my committees
    assert 'Report Document "E" not received yet' in text.replace("&quot;", '"')
    assert "“Draft in Word” is not a PDF." in text
    assert "Draft minutes due" in text and "(overdue)" in text
    assert "Chief Executive: Report back on exploitation" in text
    for meeting in (soon, later, held):
        assert reverse("admin:agenda_meeting_change", args=[meeting.pk]) in text
    assert reverse("admin:agenda_agendaitem_change", args=[report.pk]) in text
    # Managers' section only for managers.
    assert "Waiting for your release" not in text


def test_dashboard_shows_every_committee_to_someone_who_clerks_none(manager_client):
    f.MeetingFactory(committee=f.CommitteeFactory(name="Planning Committee"), start=at(20))
    text = manager_client.get(reverse("admin:index")).content.decode()
    assert "Planning Committee" in text
    assert "Waiting for your release" in text
