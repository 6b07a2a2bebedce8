"""Open data: decisions, actions and attendance in the API (the x-minutebook extension)
and as CSV, the whole council as JSON Lines; every object validates against the JSON
Schema in docs/ and round-trips (the list's object is the object at its own id)."""

import csv
import datetime
import io
import json
from pathlib import Path

import jsonschema
import pytest
from django.urls import reverse
from django.utils import timezone

from agenda import publishing
from agenda.models import Action, Attendance, Decision, Meeting
from committees.models import Committee
from tests import factories as f

pytestmark = pytest.mark.django_db
DAY = datetime.timedelta(days=1)
SCHEMA = json.loads((Path(__file__).parents[2] / "docs" / "open-data.schema.json").read_text())
VALIDATOR = jsonschema.Draft202012Validator(
    SCHEMA, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
)


def validate(data):
    errors = [f"{list(e.path)}: {e.message}" for e in VALIDATOR.iter_errors(data)]
    assert errors == [], data


@pytest.fixture
def council(manager):
    """A cabinet meeting with public minutes: an open decision, an exempt one, an action
    with an update, attendance; a scrutiny meeting the open decision was called in to."""
    cabinet = f.CommitteeFactory(name="Cabinet", kind=Committee.Kind.EXECUTIVE)
    meeting = f.MeetingFactory(committee=cabinet, start=timezone.now() - 2 * DAY)
    ward = f.WardFactory(name="Riverside")
    open_item = f.AgendaItemFactory(meeting=meeting, title="Library hours")
    open_item.wards_affected.add(ward)
    resolution = f.ResolutionFactory(item=open_item, position=1, text="<p>Longer hours.</p>")
    closed = f.AgendaItemFactory(
        meeting=meeting,
        title="Sale of the depot",
        is_exempt=True,
        exempt_paragraph=3,
        public_interest_reason="Commercial terms.",
    )
    f.ResolutionFactory(item=closed, position=1, text="<p>Sell for a price.</p>")
    action = f.ActionFactory(
        item=open_item,
        resolution=resolution,
        owner="Head of Libraries",
        description="Report on footfall",
        due_date=datetime.date(2026, 3, 1),
        report_back=True,
    )
    f.AttendanceFactory(meeting=meeting, status=Attendance.Status.PRESENT)
    f.AttendanceFactory(meeting=meeting, status=Attendance.Status.APOLOGIES)
    f.publish(meeting, minutes=True)
    Meeting.objects.filter(pk=meeting.pk).update(status=Meeting.Status.HELD)
    meeting.refresh_from_db()
    publishing.run("publish_decisions", meeting, manager)
    action.updates.create(text="Counting started.", status=Action.Status.IN_PROGRESS)
    scrutiny = f.CommitteeFactory(name="Scrutiny", kind=Committee.Kind.SCRUTINY)
    f.MeetingFactory(committee=scrutiny, start=timezone.now() + 9 * DAY)
    library = Decision.objects.get(title="Library hours")
    publishing.call_in(library, manager, by="Cllr Ahmed", reason="Staff costs unclear.")
    f.DecisionFactory(title="Road closure")  # an officer's, recorded without a meeting
    return {"meeting": meeting, "library": library}


def get_json(client, url):
    response = client.get(url)
    assert response.status_code == 200, response.content[:500]
    return response.json()


@pytest.mark.parametrize("name", ["decision_list", "action_list", "attendance_list"])
def test_each_extension_list_validates(client, council, name):
    data = get_json(client, reverse(f"api:{name}"))["data"]
    assert data
    for obj in data:
        validate(obj)


def test_decisions_round_trip_and_say_what_the_law_allows(client, council):
    listed = get_json(client, reverse("api:decision_list"))["data"]
    by_name = {obj["name"]: obj for obj in listed}
    assert set(by_name) == {"Library hours", "Sale of the depot", "Road closure"}
    for obj in listed:
        # The object at its own address is the one listed; and it survives a JSON trip.
        assert get_json(client, obj["id"]) == obj
        assert json.loads(json.dumps(obj)) == obj
    library = by_name["Library hours"]
    assert library["public"] is True and library["text"] == "Longer hours."
    assert library["wards"] == ["Riverside"]
    assert library["callIn"]["state"] == "called_in"
    assert library["callIn"]["calledInBy"] == "Cllr Ahmed"
    assert library["callIn"]["reason"] == "Staff costs unclear."
    depot = by_name["Sale of the depot"]
    assert depot["public"] is False and depot["exemptParagraph"] == 3
    assert "text" not in depot and "reasons" not in depot
    assert "Sell for a price" not in json.dumps(listed)


def test_the_schema_refuses_an_exempt_decision_that_says_too_much(client, council):
    depot = next(
        obj for obj in get_json(client, reverse("api:decision_list"))["data"] if not obj["public"]
    )
    assert not VALIDATOR.is_valid({**depot, "text": "Sell for a price."})
    assert not VALIDATOR.is_valid({**depot, "callIn": {**depot["callIn"], "reason": "x"}})


def test_the_bulk_export_is_one_valid_object_a_line(client, council):
    response = client.get(reverse("api:export"))
    assert response.status_code == 200
    lines = b"".join(response.streaming_content).decode().splitlines()
    objects = [json.loads(line) for line in lines]
    for obj in objects:
        validate(obj)
    types = [obj["type"] for obj in objects]
    assert types[0] == "x-minutebook:Export"
    assert types.count("x-minutebook:Decision") == 3
    assert types.count("x-minutebook:Action") == 1
    assert types.count("x-minutebook:Attendance") == 2
    assert "https://schema.oparl.org/1.1/Meeting" in types
    assert "Sell for a price" not in "\n".join(lines)
    decision = next(o for o in objects if o["type"] == "x-minutebook:Decision")
    assert get_json(client, decision["id"]) == decision


def read_csv(client, name, query=""):
    response = client.get(reverse(f"api:{name}") + query)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text)))


def test_csv_downloads(client, council):
    decisions = read_csv(client, "decisions_csv")
    by_title = {row["title"]: row for row in decisions}
    assert by_title["Library hours"]["decision"] == "Longer hours."
    assert by_title["Library hours"]["call_in"] == "called_in"
    assert by_title["Sale of the depot"]["public"] == "no"
    assert by_title["Sale of the depot"]["decision"] == ""
    assert by_title["Sale of the depot"]["exempt_paragraph"] == "3"
    assert [row["title"] for row in read_csv(client, "decisions_csv", "?maker=officer")] == [
        "Road closure"
    ]
    actions = read_csv(client, "actions_csv")
    assert actions[0]["owner"] == "Head of Libraries"
    assert actions[0]["latest_update"] == "Counting started."
    attendance = read_csv(client, "attendance_csv")
    assert sorted(row["status"] for row in attendance) == ["apologies", "present"]


def test_api_lists_take_the_same_queries_however_long(client, council, django_assert_num_queries):
    url = reverse("api:decision_list")
    with django_assert_num_queries(4):  # count, rows, their wards, their items' wards
        client.get(url)
    for number in range(6):
        f.DecisionFactory(title=f"More {number}")
    with django_assert_num_queries(4):
        assert len(client.get(url).json()["data"]) == 9
