"""The OParl 1.1 API and the structured minutes: required fields, links that resolve,
paging, filters, constant query counts and the exempt-item rule."""

import pytest
from django.urls import reverse

from tests import factories as f

SCHEMA = "https://schema.oparl.org/1.1/"
# Required by OParl 1.1 for each object type (plus id, type, created, modified everywhere
# except System, where created/modified are optional).
REQUIRED = {
    "System": {"id", "type", "oparlVersion", "body"},
    "Body": {
        "id",
        "type",
        "name",
        "organization",
        "person",
        "meeting",
        "paper",
        "legislativeTerm",
        "created",
        "modified",
    },
    "Organization": {"id", "type", "body", "name", "created", "modified"},
    "Person": {"id", "type", "body", "name", "created", "modified"},
    "Membership": {"id", "type", "person", "organization", "created", "modified"},
    "Meeting": {"id", "type", "name", "start", "organization", "created", "modified"},
    "AgendaItem": {"id", "type", "meeting", "order", "name", "public", "created", "modified"},
    "File": {"id", "type", "accessUrl", "name", "mimeType", "created", "modified"},
    "Location": {"id", "type", "created", "modified"},
}


def get_json(client, url):
    response = client.get(url.replace("http://testserver", ""))
    assert response.status_code == 200, (url, response.content[:300])
    assert response["Content-Type"] == "application/json"
    return response.json()


def check_object(obj):
    type_name = obj["type"].removeprefix(SCHEMA)
    missing = REQUIRED[type_name] - {key for key, value in obj.items() if value is not None}
    assert not missing, (type_name, missing, obj["id"])
    return type_name


def check_list(client, url):
    page = get_json(client, url)
    assert set(page) >= {"data", "pagination", "links"}
    assert set(page["pagination"]) == {
        "totalElements",
        "elementsPerPage",
        "currentPage",
        "totalPages",
    }
    for obj in page["data"]:
        check_object(obj)
    return page


def test_every_object_reachable_from_system_is_valid_and_resolves(client, council):
    system = get_json(client, reverse("api:system"))
    assert check_object(system) == "System"
    assert system["oparlVersion"] == SCHEMA
    bodies = check_list(client, system["body"])
    body = bodies["data"][0]
    assert get_json(client, body["id"]) == body
    list_keys = ["organization", "person", "meeting", "paper", "agendaItem", "file"]
    list_keys += ["locationList", "membership", "legislativeTermList", "consultation"]
    seen = set()
    for key in list_keys:
        for obj in check_list(client, body[key])["data"]:
            detail = get_json(client, obj["id"])
            assert detail == obj
            seen.add(obj["type"].removeprefix(SCHEMA))
            for link in ("meeting", "organization", "person", "body"):
                value = obj.get(link)
                if isinstance(value, str) and value.startswith("http"):
                    get_json(client, value)
            if obj.get("minutes"):
                get_json(client, obj["minutes"])
    assert seen >= {"Organization", "Person", "Membership", "Meeting", "AgendaItem", "File"}
    assert "Location" in seen


def test_exempt_item_is_public_false_with_number_and_name_only(client, council):
    item = get_json(client, reverse("api:agendaitem_detail", args=[council.exempt.pk]))
    assert item["public"] is False
    assert item["name"] == "Disposal of land at Mill Lane"
    assert set(item) == {
        "id",
        "type",
        "created",
        "modified",
        "meeting",
        "number",
        "order",
        "name",
        "public",
        "web",
    }
    minutes = get_json(client, reverse("api:item_minutes", args=[council.exempt.pk]))
    assert minutes["public"] is False
    assert set(minutes) == {"id", "agendaItem", "number", "name", "public", "web"}


def test_structured_minutes(client, council):
    data = get_json(client, reverse("api:item_minutes", args=[council.library.pk]))
    assert data["public"] is True and data["minutesPublished"] is True
    resolution = data["resolutions"][0]
    assert resolution["outcome"] == "carried"
    assert resolution["votes"]["for"] == 7 and resolution["votes"]["against"] == 2
    assert data["actions"][0]["owner"] == "Director of Place"
    assert data["declarations"][0]["interest"] == "Member of Friends of the Library"
    meeting = get_json(client, reverse("api:meeting_minutes", args=[council.area_meeting.pk]))
    assert meeting["attendance"][0]["person"] == "Cllr Amira Okafor"
    assert [i["public"] for i in meeting["items"]] == [True, True, False]
    # Planning minutes are only a draft: recommendations yes, minutes no.
    pothole = get_json(client, reverse("api:item_minutes", args=[council.pothole.pk]))
    assert pothole["minutesPublished"] is False
    assert "resolutions" not in pothole and "minutes" not in pothole
    assert pothole["recommendations"][0]["text"] == "That the resurfacing programme be approved."


def test_private_things_are_404(client, council):
    draft_item = council.draft.items.get()
    for url in [
        reverse("api:meeting_detail", args=[council.draft.pk]),
        reverse("api:agendaitem_detail", args=[draft_item.pk]),
        reverse("api:item_minutes", args=[draft_item.pk]),
        reverse("api:meeting_minutes", args=[council.draft.pk]),
        reverse("api:body_detail", args=["elsewhere"]),
    ]:
        response = client.get(url)
        assert response.status_code == 404
        assert response.json()["type"] == "Error"


def test_paging_links_and_filters(client, council):
    url = reverse("api:agendaitem_list")
    first = get_json(client, f"{url}?limit=2")
    assert first["pagination"]["elementsPerPage"] == 2
    assert "next" in first["links"] and "prev" not in first["links"]
    second = get_json(client, first["links"]["next"])
    assert second["pagination"]["currentPage"] == 2
    assert "prev" in second["links"]
    ids = {o["id"] for o in first["data"]} | {o["id"] for o in second["data"]}
    assert len(ids) == 4
    future = get_json(client, f"{url}?modified_since=2999-01-01T00:00:00Z")
    assert future["data"] == [] and future["pagination"]["totalElements"] == 0
    past = get_json(client, f"{url}?modified_since=2000-01-01T00:00:00%2B01:00")
    assert past["pagination"]["totalElements"] == 5


@pytest.mark.parametrize(
    "query", ["limit=0", "limit=abc", "page=99", "modified_since=yesterday", "page=x"]
)
def test_bad_parameters_are_400_json(client, council, query):
    response = client.get(f"{reverse('api:meeting_list')}?{query}")
    assert response.status_code == 400
    assert response.json()["message"]


@pytest.mark.parametrize(
    "name",
    [
        "meeting_list",
        "agendaitem_list",
        "organization_list",
        "person_list",
        "membership_list",
        "file_list",
        "location_list",
    ],
)
def test_list_query_counts_do_not_grow(
    client, council, name, settings, django_assert_max_num_queries
):
    # The queries of rendering the list: the page cache would answer the repeated request
    # with none (tests/agenda/test_page_cache.py).
    settings.PAGE_CACHE_SECONDS = 0
    url = reverse(f"api:{name}")
    client.get(url)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as before:
        client.get(url)
    meeting = f.MeetingFactory(committee=council.area)
    for _ in range(3):
        item = f.AgendaItemFactory(meeting=meeting)
        f.ResolutionFactory(item=item)
        f.DocumentFactory(item=item)
    f.MembershipFactory(committee=council.area)
    f.publish(meeting, minutes=True)
    with CaptureQueriesContext(connection) as after:
        client.get(url)
    assert len(after) == len(before)


def test_docs_page(client, db):
    response = client.get(reverse("api:docs"))
    assert response.status_code == 200
    assert "OParl 1.1" in response.content.decode()


def test_every_api_link_resolves(client, council):
    """Crawl from System: every /api/ address in any answer is a 200 JSON object or list."""
    import json
    import re

    todo, seen = [reverse("api:system")], set()
    while todo:
        url = todo.pop().replace("http://testserver", "")
        if url in seen:
            continue
        seen.add(url)
        data = get_json(client, url)
        objects = data.get("data", [data])
        for obj in objects:
            if "type" in obj:
                check_object(obj)
        todo += re.findall(r'"(http://testserver/api/[^"]+)"', json.dumps(data))
    assert len(seen) > 30
