"""Every public page runs a fixed number of queries, however big the meeting grows."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from committees.municipal import municipal_year_of
from tests.public_data import realistic_meeting

pytestmark = pytest.mark.django_db

# Ceiling per page: well above today's counts, low enough to catch an N+1 creeping in.
MAX_QUERIES = 12


def urls_for(meeting):
    item = meeting.items.filter(is_exempt=False).first()
    exempt = meeting.items.filter(is_exempt=True).first()
    local = timezone.localtime(meeting.start)
    person = meeting.attendances.order_by("person__name").first().person
    return {
        "home": reverse("agenda:home"),
        "meeting_list": reverse("agenda:meeting_list"),
        "meeting_list_filtered": reverse("agenda:meeting_list")
        + f"?committee={meeting.committee.slug}&year={municipal_year_of(local.date())}",
        "calendar": reverse("agenda:calendar", kwargs={"year": local.year, "month": local.month}),
        "meeting": meeting.get_absolute_url(),
        "item": item.get_absolute_url(),
        "exempt_item": exempt.get_absolute_url(),
        "topic": item.topic.get_absolute_url(),
        "document": meeting.documents.filter(item=item).first().get_absolute_url(),
        "committee_list": reverse("committees:committee_list"),
        "committee": meeting.committee.get_absolute_url(),
        "person_list": reverse("committees:person_list"),
        "person": person.get_absolute_url(),
        "accessibility": reverse("agenda:accessibility"),
        "alternative_format": reverse("agenda:alternative_format"),
    }


def count_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
        if hasattr(response, "streaming_content"):
            b"".join(response.streaming_content)
    assert response.status_code == 200, url
    return len(queries)


def test_query_counts_stay_constant_as_a_meeting_grows(client, django_assert_num_queries):
    small = realistic_meeting(items=2, documents=2, attendees=2, committee_name="Small")
    small_counts = {name: count_queries(client, url) for name, url in urls_for(small).items()}
    assert max(small_counts.values()) <= MAX_QUERIES, small_counts

    big = realistic_meeting(items=40, documents=100, attendees=30, committee_name="Big")
    assert big.items.count() == 41 and big.documents.count() == 103
    for name, url in urls_for(big).items():
        with django_assert_num_queries(small_counts[name]):
            response = client.get(url)
            if hasattr(response, "streaming_content"):
                b"".join(response.streaming_content)
        assert response.status_code == 200, name
