"""The public decisions register: filters (decision maker, dates, key decision, ward,
topic), a fixed number of queries, exempt decisions by title only, officers' decisions
recorded without a meeting, and the meeting's decision notice page."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from agenda import publishing
from agenda.models import Decision, Meeting
from committees.models import Committee
from tests import factories as f

pytestmark = pytest.mark.django_db
DAY = datetime.timedelta(days=1)
D = datetime.date
REGISTER = "/decisions/"


@pytest.fixture
def council():
    """Decisions of the cabinet, planning and an officer, with wards and topics."""
    cabinet = f.CommitteeFactory(name="Cabinet", kind=Committee.Kind.EXECUTIVE)
    planning = f.CommitteeFactory(name="Planning", kind=Committee.Kind.REGULATORY)
    north, south = f.WardFactory(name="North"), f.WardFactory(name="South")
    waste = f.TopicFactory(name="Waste")
    meeting = f.MeetingFactory(committee=cabinet, start=timezone.now() - 30 * DAY)
    item = f.AgendaItemFactory(meeting=meeting, title="Bins", topic=waste)
    item.wards_affected.add(north)
    f.publish(meeting, minutes=True)
    made = {
        "bins": f.DecisionFactory(
            title="Fortnightly bin collections",
            kind=Decision.Kind.COMMITTEE,
            committee=cabinet,
            meeting=meeting,
            item=item,
            is_key_decision=True,
            decided_on=D(2025, 6, 10),
        ),
        "extension": f.DecisionFactory(
            title="Extension at 4 Mill Lane",
            kind=Decision.Kind.COMMITTEE,
            committee=planning,
            decided_on=D(2025, 3, 4),
        ),
        "road": f.DecisionFactory(title="Closure of Mill Lane", decided_on=D(2025, 1, 20)),
    }
    made["road"].wards.add(south)
    made["extension"].wards.add(south)
    f.DecisionFactory(title="Not yet published", published_at=None)
    return {"cabinet": cabinet, "north": north, "south": south, "waste": waste, **made}


def titles(client, query=""):
    response = client.get(f"{REGISTER}{query}")
    assert response.status_code == 200
    return [decision.title for decision in response.context["decisions"]]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("", ["Fortnightly bin collections", "Extension at 4 Mill Lane", "Closure of Mill Lane"]),
        ("?maker=cabinet", ["Fortnightly bin collections"]),
        ("?maker=officer", ["Closure of Mill Lane"]),
        ("?key=1", ["Fortnightly bin collections"]),
        ("?since=2025-02-01&until=2025-06-01", ["Extension at 4 Mill Lane"]),
        ("?ward=north", ["Fortnightly bin collections"]),  # through its item's wards
        ("?ward=south", ["Extension at 4 Mill Lane", "Closure of Mill Lane"]),
        ("?topic=waste", ["Fortnightly bin collections"]),
        ("?maker=planning&ward=south", ["Extension at 4 Mill Lane"]),
    ],
)
def test_the_register_filters(client, council, query, expected):
    assert titles(client, query) == expected


@pytest.mark.parametrize(
    "query", ["?maker=nobody", "?since=2025-13-01", "?ward=atlantis", "?topic=x%20y"]
)
def test_a_filter_it_cannot_read_is_a_sentence(client, council, query):
    response = client.get(f"{REGISTER}{query}")
    assert response.status_code == 400


def test_the_register_takes_the_same_queries_however_long(
    client, council, django_assert_num_queries
):
    # The ward asked for, count, rows, the three filter lists; nothing per row.
    with django_assert_num_queries(6):
        client.get(f"{REGISTER}?ward=south")
    for number in range(8):
        f.DecisionFactory(title=f"More {number}").wards.add(council["south"])
    with django_assert_num_queries(6):
        page = client.get(f"{REGISTER}?ward=south").content.decode()
    assert "More 7" in page


def test_an_exempt_decision_is_listed_by_title_and_paragraph_only(client, council):
    f.DecisionFactory(
        title="Sale of the depot",
        is_exempt=True,
        exempt_paragraph=3,
        text="<p>For eleven million pounds.</p>",
    )
    page = client.get(REGISTER).content.decode()
    assert "Sale of the depot" in page and "Schedule 12A paragraph 3" in page
    detail = client.get(Decision.objects.get(title="Sale of the depot").get_absolute_url())
    assert "eleven million" not in detail.content.decode()


def test_a_meetings_decision_notice_page(client, manager, django_assert_num_queries):
    cabinet = f.CommitteeFactory(name="Cabinet", kind=Committee.Kind.EXECUTIVE)
    meeting = f.MeetingFactory(committee=cabinet, start=timezone.now() - DAY)
    for title in ("Bins", "Parks", "Libraries"):
        item = f.AgendaItemFactory(meeting=meeting, title=title)
        f.ResolutionFactory(item=item, position=1, text=f"<p>Approved the {title} plan.</p>")
        f.DeclarationFactory(item=item, has_dispensation=True)
    f.publish(meeting)
    Meeting.objects.filter(pk=meeting.pk).update(status=Meeting.Status.HELD)
    publishing.run("publish_decisions", meeting, manager)
    url = reverse("agenda:meeting_decisions", args=[meeting.slug])
    with django_assert_num_queries(3):  # meeting, decisions, printed copy
        page = client.get(url).content.decode()
    assert page.count("Can be called in until") == 3
    assert "Approved the Parks plan." in page
    assert "decisions.pdf" in page
    decision = Decision.objects.get(title="Parks")
    assert "Dispensation" not in decision.conflicts and decision.dispensations  # declared
    assert "Other registrable interest" in decision.conflicts


def test_an_officer_decision_recorded_without_a_meeting(admin_client, manager):
    response = admin_client.post(
        reverse("admin:agenda_decision_add"),
        {
            "title": "Temporary closure of Mill Lane",
            "kind": "officer",
            "status": "approved",
            "decision_maker": "Director of Place",
            "call_in": "unknown",
            "text": "<p>To close the road for two nights.</p>",
            "reasons": "<p>Resurfacing.</p>",
            "decided_on": "2025-03-03",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    decision = Decision.objects.get(title="Temporary closure of Mill Lane")
    assert decision.meeting is None and decision.published_at is None
    publishing.publish_recorded_decision(decision, manager)
    decision.refresh_from_db()
    assert decision.published_at and decision.call_in == Decision.CallIn.NOT_SUBJECT
    assert decision.effective_from == decision.decided_on


def test_the_editor_records_a_call_in(client, manager, clerk):
    cabinet = f.CommitteeFactory(name="Cabinet", kind=Committee.Kind.EXECUTIVE)
    meeting = f.MeetingFactory(committee=cabinet, start=timezone.now() - DAY)
    item = f.AgendaItemFactory(meeting=meeting, title="Parks")
    f.ResolutionFactory(item=item, position=1, text="<p>Approved.</p>")
    f.publish(meeting)
    Meeting.objects.filter(pk=meeting.pk).update(status=Meeting.Status.HELD)
    publishing.run("publish_decisions", meeting, manager)
    scrutiny = f.CommitteeFactory(name="Scrutiny", kind=Committee.Kind.SCRUTINY)
    next_meeting = f.MeetingFactory(committee=scrutiny, start=timezone.now() + 8 * DAY)
    decision = Decision.objects.get()
    client.force_login(clerk)
    url = reverse("admin:agenda_decision_changelist")
    chosen = {"action": "call_in_selected", "_selected_action": [decision.pk]}
    asked = client.post(url, chosen)
    assert "Called in by (the members)" in asked.content.decode()
    done = client.post(
        url, {**chosen, "confirmed": "yes", "by": "Cllr Khan", "reason": "Cost."}, follow=True
    )
    assert "called in; it is on the agenda of" in done.content.decode()
    assert next_meeting.items.get().title == "Call-in: Parks"
