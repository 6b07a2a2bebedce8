"""Committee list and page, councillor list and person page on the public site."""

import datetime
import zoneinfo

import pytest
from django.urls import reverse

from agenda.models import Attendance
from committees.models import Committee, Membership
from tests import factories as f
from tests.public_data import realistic_meeting

pytestmark = pytest.mark.django_db
LONDON = zoneinfo.ZoneInfo("Europe/London")


def text_of(response):
    assert response.status_code == 200
    return response.content.decode()


def test_committees_are_grouped_by_kind_and_hidden_ones_left_out(client):
    f.CommitteeFactory(name="Full Council", kind=Committee.Kind.FULL_COUNCIL)
    f.CommitteeFactory(name="Planning Committee", kind=Committee.Kind.REGULATORY)
    f.CommitteeFactory(name="Hidden Working Group", is_public=False)
    page = text_of(client.get(reverse("committees:committee_list")))
    assert page.index("Full council") < page.index("Regulatory committee")
    assert "Planning Committee" in page and "Hidden Working Group" not in page
    hidden = Committee.objects.get(name="Hidden Working Group")
    assert client.get(hidden.get_absolute_url()).status_code == 404


def test_committee_page_members_contact_and_meetings_by_municipal_year(client):
    meeting = realistic_meeting(
        items=1,
        documents=0,
        attendees=3,
        start=datetime.datetime(2024, 4, 25, 18, tzinfo=LONDON),  # municipal year 2023/24
    )
    committee = meeting.committee
    later = f.publish(
        f.MeetingFactory(
            committee=committee, start=datetime.datetime(2024, 5, 9, 18, tzinfo=LONDON)
        )
    )
    draft = f.MeetingFactory(
        committee=committee, start=datetime.datetime(2024, 6, 1, 18, tzinfo=LONDON)
    )
    page = text_of(client.get(committee.get_absolute_url()))
    assert "Takes decisions on local matters" in page
    assert "Chair" in page and "Independent" in page
    assert "Dana Minton" in page and "01632 960361" in page
    assert "Past meetings, 2024/25" in page  # the newest year first
    assert later.get_absolute_url() in page and meeting.get_absolute_url() not in page
    assert draft.get_absolute_url() not in page
    page = text_of(client.get(committee.get_absolute_url(), {"year": "2023"}))
    assert meeting.get_absolute_url() in page and later.get_absolute_url() not in page
    assert client.get(committee.get_absolute_url(), {"year": "1999"}).status_code == 404


def test_past_meetings_page_through(client):
    committee = f.CommitteeFactory()
    for day in range(1, 24):
        f.publish(
            f.MeetingFactory(
                committee=committee, start=datetime.datetime(2023, 6, day, 18, tzinfo=LONDON)
            )
        )
    page = text_of(client.get(committee.get_absolute_url()))
    assert "23 meetings in 2023/24" in page and "Page 1 of 2" in page
    page = text_of(client.get(committee.get_absolute_url(), {"year": "2023", "page": "2"}))
    assert "Page 2 of 2" in page


def test_councillors_by_ward_and_party(client):
    north, south = f.WardFactory(name="North Ward"), f.WardFactory(name="South Ward")
    red, blue = f.PartyFactory(name="Red Party"), f.PartyFactory(name="Blue Party")
    f.PersonFactory(name="Ann North", ward=north, party=red)
    f.PersonFactory(name="Bob South", ward=south, party=blue)
    f.PersonFactory(name="Private Person", ward=south, party=blue, is_public=False)
    f.OfficerFactory(name="Olive Officer")
    page = text_of(client.get(reverse("committees:person_list")))
    assert page.index("North Ward") < page.index("Ann North") < page.index("South Ward")
    assert "Private Person" not in page and "Olive Officer" not in page
    assert "2 councillors" in page
    page = text_of(client.get(reverse("committees:person_list"), {"party": blue.slug}))
    assert "Bob South" in page and "Ann North" not in page
    page = text_of(client.get(reverse("committees:person_list"), {"ward": north.slug}))
    assert "Ann North" in page and "Bob South" not in page


def test_person_attendance_counts_only_public_minutes(client):
    person = f.PersonFactory(name="Carol Counted")
    committee = f.CommitteeFactory()
    f.MembershipFactory(person=person, committee=committee, role=Membership.Role.VICE_CHAIR)
    statuses = [
        Attendance.Status.PRESENT,
        Attendance.Status.PRESENT_VIRTUALLY,
        Attendance.Status.APOLOGIES,
        Attendance.Status.ABSENT,
    ]
    for status in statuses:
        meeting = f.publish(f.MeetingFactory(committee=committee), minutes=True)
        f.AttendanceFactory(meeting=meeting, person=person, status=status)
    unpublished = f.publish(f.MeetingFactory(committee=committee))  # minutes not out yet
    f.AttendanceFactory(meeting=unpublished, person=person, status=Attendance.Status.ABSENT)
    f.DeclarationFactory(
        item=f.AgendaItemFactory(meeting=meeting), person=person, description="Owns a shop."
    )
    page = text_of(client.get(person.get_absolute_url()))
    assert "Vice-chair" in page and committee.name in page
    for label, count in (("Expected", 4), ("Present", 2), ("Apologies", 1), ("Absent", 1)):
        assert f'<th scope="row">{label}</th><td>{count}</td>' in page
    assert "<td>50%</td>" in page
    assert "Owns a shop." in page
    hidden = f.PersonFactory(is_public=False)
    assert client.get(hidden.get_absolute_url()).status_code == 404
