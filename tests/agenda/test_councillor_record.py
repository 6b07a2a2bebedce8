"""A councillor's record page: its figures equal the counts the test makes for itself from
the fixture's tables (tests/agenda/record_fixture.py); nothing from an exempt item, from
unpublished minutes or from a hidden committee shows; the period narrows every part; the
page takes the same number of queries however long the record."""

import datetime
import re
from fractions import Fraction

import pytest
from django.urls import reverse

from agenda.models import Attendance, Motion, Vote, VoteEvent
from committees.municipal import municipal_year_of
from tests import factories as f
from tests.agenda import record_fixture as fx

pytestmark = pytest.mark.django_db

PRESENT = {"present", "present_virtually", "substitute"}
EXPECTED = PRESENT | {"apologies", "absent"}


@pytest.fixture
def record():
    return fx.Record()


def url(record, query=""):
    return reverse("agenda:councillor_record", args=[record.person.slug]) + query


# ------------------------------------------------------------------ counted by the test


def in_period(day, year=None, since=None, until=None):
    if year is not None and municipal_year_of(day) != year:
        return False
    if since is not None and day < since:
        return False
    return until is None or day <= until


def expected_attendance(**period):
    """The attendance figures, counted from MEETINGS by the rule in docs/councillor-record.md:
    minute arithmetic on the spans, clipped to 18:00-20:00."""
    rows = [row for row in fx.MEETINGS if fx.counts(row) and in_period(row.day, **period)]
    expected = [row for row in rows if row.status in EXPECTED]
    shares, kinds = [], []
    for row in expected:
        if row.status not in PRESENT:
            shares.append(Fraction(0))
            kinds.append(row.status)
        elif not row.spans or not row.closes:
            shares.append(Fraction(1))
            kinds.append("not timed")
        else:
            minutes = 0
            for arrived, left in row.spans:
                left = fx.LENGTH if left is None else min(left, fx.LENGTH)
                minutes += max(0, left - max(arrived, 0))
            shares.append(Fraction(minutes, fx.LENGTH))
            kinds.append("throughout" if minutes == fx.LENGTH else "part")
    present = sum(1 for row in expected if row.status in PRESENT)
    return {
        "expected": len(expected),
        "present": present,
        "present_throughout": kinds.count("throughout"),
        "present_part": kinds.count("part"),
        "present_not_timed": kinds.count("not timed"),
        "present_virtually": sum(1 for r in expected if r.status == "present_virtually"),
        "as_substitute": sum(1 for r in expected if r.status == "substitute"),
        "apologies": kinds.count("apologies"),
        "absent": kinds.count("absent"),
        "in_attendance": sum(1 for r in rows if r.status == "in_attendance"),
        "rate": round(100 * present / len(expected)) if expected else None,
        "share_percent": round(100 * sum(shares) / len(shares)) if shares else None,
    }


def visible_votes(**period):
    """Cllr Ahmed's named votes that may be shown: (item key, option)."""
    motions = {row.key: row for row in fx.MOTIONS}
    found = []
    for row in fx.VOTES:
        item_key = motions[row.motion].item
        day = fx.meeting_row(fx.ITEMS[item_key].meeting).day
        if "Ahmed" in row.votes and fx.item_counts(item_key) and in_period(day, **period):
            found.append((item_key, row.votes["Ahmed"]))
    return found


def visible_motions(part, **period):
    found = []
    for row in fx.MOTIONS:
        day = fx.meeting_row(fx.ITEMS[row.item].meeting).day
        if getattr(row, part) == "Ahmed" and fx.item_counts(row.item) and in_period(day, **period):
            found.append(row.key)
    return found


# ------------------------------------------------------------------ the page


def figures_on_page(html):
    """The attendance table's cells, read back from the HTML."""
    return dict(re.findall(r'<th scope="row">([^<]+)</th><td>([^<]*)</td>', html))


LABELS = {
    "Expected": "expected",
    "Present": "present",
    "Present throughout": "present_throughout",
    "Present for part of the meeting": "present_part",
    "Present, times not recorded": "present_not_timed",
    "Present virtually": "present_virtually",
    "Present as substitute": "as_substitute",
    "Apologies": "apologies",
    "Absent": "absent",
    "Attendance rate": "rate",
    "Share of meeting time present": "share_percent",
}


@pytest.mark.parametrize(
    "period",
    [
        {},
        {"year": 2024},
        {"year": 2025},
        {"since": datetime.date(2024, 11, 1), "until": datetime.date(2025, 6, 30)},
        {"year": 2024, "since": datetime.date(2025, 1, 1)},
    ],
)
def test_the_figures_equal_the_counts_made_from_the_fixture(client, record, period):
    query = "&".join(f"{key}={value}" for key, value in period.items())
    response = client.get(url(record, f"?{query}" if query else ""))
    assert response.status_code == 200
    html = response.content.decode()
    want = expected_attendance(**period)
    got = response.context["attendance"]
    for name, value in want.items():
        assert getattr(got, name) == value, name
    on_page = figures_on_page(html)
    if want["expected"]:
        for label, name in LABELS.items():
            shown = on_page[label].rstrip("%")
            assert shown == str(want[name]), label
    votes = [
        (next(k for k, i in record.items.items() if i.pk == v.vote_event.motion.item_id), v.option)
        for v in response.context["votes"]
    ]
    assert sorted(votes) == sorted(visible_votes(**period))
    tally = {option: n for option, _label, n in response.context["tally"]}
    assert tally == {
        option: [o for _k, o in visible_votes(**period)].count(option)
        for option in {o for _k, o in visible_votes(**period)}
    }
    moved = [m.pk for m in response.context["moved"]]
    seconded = [m.pk for m in response.context["seconded"]]
    assert sorted(moved) == sorted(record.motions[k].pk for k in visible_motions("mover", **period))
    assert sorted(seconded) == sorted(
        record.motions[k].pk for k in visible_motions("seconder", **period)
    )
    assert fx.SECRET not in html


def test_all_years_in_numbers(client, record):
    """The same figures, written out once, so a mistake in both counts would still show."""
    got = client.get(url(record)).context["attendance"]
    assert (got.expected, got.present, got.apologies, got.absent) == (7, 5, 1, 1)
    assert (got.present_throughout, got.present_part, got.present_not_timed) == (1, 2, 2)
    assert got.share == Fraction(4, 7) and got.share_percent == 57 and got.rate == 71
    assert got.in_attendance == 1


def test_nothing_exempt_unpublished_or_hidden_shows(client, record):
    html = client.get(url(record)).content.decode()
    assert fx.SECRET not in html
    assert "Lease of the depot" not in html  # its vote and motion are not listed
    assert "Allotment rents" not in html and "Panel business" not in html
    assert "Members&#x27; Panel" not in html and "Members' Panel" not in html
    # The exempt item's declaration is listed by item number, without its words.
    depot = record.items["depot"]
    assert f"item {depot.number}: Other registrable interest</a>" not in html
    assert f"item {depot.number}: Other registrable interest" in html
    assert "Holds a season ticket for the car park." in html


def test_committees_and_roles_follow_the_period(client, record):
    def names(query):
        memberships = client.get(url(record, query)).context["memberships"]
        return sorted(m.committee.name for m in memberships)

    assert names("?year=2024") == ["Licensing Committee", "Planning Committee"]
    assert names("?year=2025") == ["Planning Committee"]
    assert "Members' Panel" not in names("")


def test_years_offered_are_those_with_published_attendance(client, record):
    response = client.get(url(record))
    assert [year for year, _label in response.context["years"]] == [2025, 2024]
    assert "2024/25" in response.content.decode()
    assert response.context["period"].label == "All published minutes"
    assert client.get(url(record, "?year=2024")).context["period"].label == (
        "Municipal year 2024/25"
    )


@pytest.mark.parametrize(
    "query",
    [
        "?year=banana",
        "?since=2025-02-30",
        "?since=2025-06-01&until=2025-01-01",
        "?year=3000",
        "?year=2150",
    ],
)
def test_a_period_that_cannot_be_read_is_a_400_that_says_why(client, record, query):
    response = client.get(url(record, query))
    assert response.status_code == 400
    assert "must" in response.content.decode()  # the sentence saying what would do


def test_a_person_hidden_from_the_site_has_no_record(client, record):
    hidden = f.PersonFactory(name="Hidden", is_public=False)
    response = client.get(reverse("agenda:councillor_record", args=[hidden.slug]))
    assert response.status_code == 404


def test_the_chairs_casting_votes_are_listed(client, record):
    """Counted from VOTES: the casting votes each member gave on public items."""
    for name, person in record.people.items():
        response = client.get(reverse("agenda:councillor_record", args=[person.slug]))
        given = [
            row.motion
            for row in fx.VOTES
            if row.casting
            and row.casting[1] == name
            and fx.item_counts(next(m for m in fx.MOTIONS if m.key == row.motion).item)
        ]
        assert [e.motion_id for e in response.context["casting"]] == [
            record.motions[key].pk for key in given
        ]
    html = client.get(reverse("agenda:councillor_record", args=[record.people["Clarke"].slug]))
    assert "for the amendment, which was carried" in html.content.decode()


def test_the_person_page_links_to_the_record(client, record):
    html = client.get(record.person.get_absolute_url()).content.decode()
    assert url(record) in html


def test_the_page_takes_the_same_queries_however_long_the_record(
    client, record, django_assert_num_queries
):
    # person, seats, attendance and their spans, declarations, votes, casting votes,
    # motions moved and seconded, the years offered
    with django_assert_num_queries(10):
        client.get(url(record))
    meeting = record.meetings["june"]
    for number in range(5):
        later = f.MeetingFactory(
            committee=meeting.committee,
            start=meeting.start + datetime.timedelta(days=7 * (number + 1)),
        )
        attendance = f.AttendanceFactory(meeting=later, person=record.person)
        attendance.spans.create(arrived_at=later.start)
        item = f.AgendaItemFactory(meeting=later)
        f.DeclarationFactory(item=item, person=record.person)
        motion = Motion.objects.create(
            item=item,
            position=1,
            text="(1) Noted.",
            proposed_text="(1) Noted.",
            mover=record.person,
            seconder=record.people["Brown"],
            proposed_at=later.start,
        )
        event = VoteEvent.objects.create(
            motion=motion,
            method=VoteEvent.Method.RECORDED,
            votes_for=1,
            votes_against=0,
            eligible=3,
            result=VoteEvent.Result.CARRIED,
            at=later.start,
        )
        Vote.objects.create(vote_event=event, person=record.person, option="yes")
        f.publish(later, minutes=True)
    with django_assert_num_queries(10):
        response = client.get(url(record))
    assert response.context["attendance"].expected == 12
    assert len(response.context["votes"]) == 4 + 5
    assert Attendance.objects.filter(person=record.person).count() == 15
