"""Reading query parameters (minutes_site.params): values, refusals, and how a refusal is
answered: the site's 400 page with the sentence, or JSON from the API."""

import datetime

import pytest
from django.core.paginator import Paginator
from django.http import QueryDict
from django.urls import reverse

from minutes_site import params
from tests import factories as f


def query(text):
    return QueryDict(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [("page=3", 3), ("page=", 1), ("", 1), ("page=100000", 100_000)],
)
def test_page_numbers(text, expected):
    assert params.page_number(query(text)) == expected


@pytest.mark.parametrize(
    "value", ["0", "-1", "1.5", "1e3", "abc", "\u00b2", "\u0661", " 1", "9" * 30, "100001"]
)
def test_bad_page_numbers_are_refused_with_a_sentence(value):
    with pytest.raises(params.BadParameter, match="“page” must be a whole number from 1 to"):
        params.page_number(QueryDict(mutable=True) | {"page": value})


def test_ids_fit_in_64_bits():
    assert params.object_id(str(2**63 - 1)) == 2**63 - 1
    for bad in (2**63, 2**64, 0):
        with pytest.raises(params.BadParameter):
            params.object_id(bad)


def test_dates_must_be_real_and_plain():
    assert params.date(query("d=2024-02-29"), "d") == datetime.date(2024, 2, 29)
    assert params.date(query("d="), "d") is None
    for bad in ("2023-02-31", "2024-13-01", "0000-01-01", "20240501", "2024-W01", "yesterday"):
        with pytest.raises(params.BadParameter, match="must be a real date"):
            params.date(QueryDict(mutable=True) | {"d": bad}, "d")
    with pytest.raises(params.BadParameter, match="between the years 1000 and 9998"):
        params.date(query("d=0001-01-01"), "d")


def test_moments_take_an_offset_and_default_to_utc():
    moment = params.moment(query("m=2024-05-01T10:00:00"), "m")
    assert moment == datetime.datetime(2024, 5, 1, 10, tzinfo=datetime.UTC)
    # An unescaped "+" arrives as a space.
    moment = params.moment(query("m=2024-05-01T10:00:00+01:00"), "m")
    assert moment == datetime.datetime(2024, 5, 1, 9, tzinfo=datetime.UTC)
    for bad in (
        "2024-13-01T00:00:00",
        "2024-02-30T00:00:00",
        "2024-05-01T00:00:00+25:00",
        "0001-01-01T00:00:00+01:00",
        "9999-12-31T23:59:59-01:00",
        "soon",
    ):
        with pytest.raises(params.BadParameter):
            params.moment(QueryDict(mutable=True) | {"m": bad}, "m")


def test_slugs_and_years():
    assert params.slug(query("c=planning-committee"), "c") == "planning-committee"
    for bad in ("a b", "a\x00b", "x" * 101, "<b>"):
        with pytest.raises(params.BadParameter, match="short name"):
            params.slug(QueryDict(mutable=True) | {"c": bad}, "c")
    assert params.year(query("year=2024")) == 2024
    with pytest.raises(params.BadParameter, match="from 1900 to 2199"):
        params.year(query("year=1899"))


def test_a_page_past_the_last_is_the_last_for_people_and_refused_for_the_api():
    paginator = Paginator(list(range(30)), 10)
    assert params.page_of(paginator, query("page=9")).number == 3
    with pytest.raises(params.BadParameter, match="There is no page 9: the last page is 3"):
        params.page_of(paginator, query("page=9"), past_the_end="refuse")


def test_a_refusal_is_the_sites_400_page_with_the_sentence(client, db):
    response = client.get(reverse("agenda:meeting_list"), {"year": "²"})
    assert response.status_code == 400
    page = response.content.decode()
    assert "Sorry, we could not understand that request" in page
    assert "“year” must be a whole number from 1900 to 2199, not “²”." in page
    assert response["Cache-Control"] == "no-store"


def test_an_unknown_committee_filter_is_refused(client, db):
    response = client.get(reverse("agenda:meeting_list"), {"committee": "no-such-committee"})
    assert response.status_code == 400
    assert "There is no public committee called “no-such-committee”." in (response.content.decode())


def test_the_api_answers_refusals_in_json(client, db):
    f.publish(f.MeetingFactory())
    url = reverse("api:meeting_list")
    response = client.get(url, {"modified_since": "2024-02-31T00:00:00"})
    assert response.status_code == 400
    assert response.json() == {
        "type": "Error",
        "message": "“modified_since” must be a real date and time like "
        "2024-05-01T00:00:00+01:00, not “2024-02-31T00:00:00”.",
    }
    response = client.get(f"{url}/{2**64}")
    assert response.status_code == 400
    assert "“id” must be a whole number" in response.json()["message"]


def test_an_id_beyond_64_bits_in_a_page_address_is_a_400(client, db):
    for url in (f"/items/{2**64}/", f"/documents/{2**64}/report.pdf"):
        response = client.get(url)
        assert response.status_code == 400, url
        assert "“id” must be a whole number from 1 to" in response.content.decode()
    assert client.get(f"/items/{2**63 - 1}/").status_code == 404  # a real id, no such item
