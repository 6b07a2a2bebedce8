"""Vote events in open data (Popolo's VoteEvent, Count and Vote in the x-minutebook
extension): every served object validates against docs/open-data.schema.json and
round-trips (the listed object is the one at its own id, survives JSON, and gives back the
fixture's counts and named votes); the CSVs and the bulk export carry the same votes; nothing
of a vote on an exempt item, in unpublished minutes or of a hidden committee is served."""

import csv
import io
import json

import pytest
from django.urls import reverse

from agenda.models import Motion, VoteEvent
from tests.agenda import record_fixture as fx
from tests.agenda.test_open_data import VALIDATOR, get_json, validate

pytestmark = pytest.mark.django_db
MOTIONS = {row.key: row for row in fx.MOTIONS}
POPOLO_RESULT = {"carried": "pass", "lost": "fail", "tied": "tie"}


@pytest.fixture
def record():
    return fx.Record()


def served_rows():
    """The VOTES rows that may be served: on public items of published minutes."""
    return [row for row in fx.VOTES if fx.item_counts(MOTIONS[row.motion].item)]


def by_motion_text(record, events):
    """Served events keyed by the fixture's motion key (matched by the motion's item)."""
    keys = {}
    for event in events:
        item_pk = int(event["agendaItem"].rstrip("/").rsplit("/", 1)[1])
        key = next(
            row.key
            for row in fx.MOTIONS
            if record.motions[row.key].item_id == item_pk
            and record.motions[row.key].text == event["motion"]["text"]
        )
        keys[key] = event
    return keys


def test_vote_events_validate_and_round_trip(client, record):
    listed = get_json(client, reverse("api:voteevent_list"))["data"]
    assert len(listed) == len(served_rows())
    for event in listed:
        validate(event)
        assert get_json(client, event["id"]) == event
        assert json.loads(json.dumps(event)) == event
    events = by_motion_text(record, listed)
    assert set(events) == {row.motion for row in served_rows()}
    for row in served_rows():
        event = events[row.motion]
        motion = MOTIONS[row.motion]
        assert event["method"] == row.method
        assert event["result"] == POPOLO_RESULT[row.result]
        assert event["motion"]["classification"] == motion.kind
        assert event["motion"]["movedByName"] == f"Cllr {motion.mover}"
        assert event["motion"]["movedBy"] == get_json(client, event["motion"]["movedBy"])["id"]
        named = {
            vote["voterName"].removeprefix("Cllr "): vote["option"]
            for vote in event["votes"]
            if not vote["castingVote"]
        }
        assert named == row.votes
        counts = {count["option"]: count["value"] for count in event["counts"]}
        if row.method == fx.NO_DISSENT:
            assert counts == {}
        elif row.counts is not None:
            assert counts == dict(zip(("yes", "no", "abstain"), row.counts, strict=True))
        else:
            options = list(row.votes.values())
            assert counts == {o: options.count(o) for o in ("yes", "no", "abstain")}
        casting = [vote for vote in event["votes"] if vote["castingVote"]]
        if row.casting:
            option, chair = row.casting
            assert casting == [
                {
                    "voter": casting[0]["voter"],
                    "voterName": f"Cllr {chair}",
                    "option": {"for": "yes", "against": "no"}[option],
                    "reason": "casting vote of the chair",
                    "castingVote": True,
                }
            ]
        else:
            assert casting == []
    amendment = events["parks-amendment"]["motion"]
    assert amendment["amends"] == events["parks"]["motion"]["id"]
    assert fx.SECRET not in json.dumps(listed)


def test_motions_validate_round_trip_and_link_their_votes(client, record):
    item = record.motions["library"].item
    withdrawn = Motion.objects.create(
        item=item,
        position=item.motions.count() + 1,
        kind=Motion.Kind.PROCEDURAL,
        text="That the item be deferred.",
        proposed_text="That the item be deferred.",
        mover=record.people["Clarke"],
        outcome=Motion.Outcome.WITHDRAWN,
        proposed_at=record.motions["library"].proposed_at,
        decided_at=record.motions["library"].decided_at,
    )
    listed = get_json(client, reverse("api:motion_list"))["data"]
    public = [row.key for row in fx.MOTIONS if fx.item_counts(row.item)]
    assert len(listed) == len(public) + 1
    by_id = {obj["id"]: obj for obj in listed}
    for obj in listed:
        validate(obj)
        assert get_json(client, obj["id"]) == obj
        assert json.loads(json.dumps(obj)) == obj
    for key in public:
        motion = by_id[
            client.get("/").wsgi_request.build_absolute_uri(
                reverse("api:motion_detail", args=[record.motions[key].pk])
            )
        ]
        vote = get_json(client, motion["voteEvent"])
        # The vote's inline motion is the motion, less what only the motion carries.
        assert vote["motion"] == {k: motion[k] for k in vote["motion"]}
    lone = next(obj for obj in listed if obj["outcome"] == "withdrawn")
    assert lone["voteEvent"] is None and lone["classification"] == "procedural"
    assert lone["id"].endswith(f"/motions/{withdrawn.pk}")
    for key in ("depot", "draft", "hidden"):
        url = reverse("api:motion_detail", args=[record.motions[key].pk])
        assert client.get(url).status_code == 404
    assert fx.SECRET not in json.dumps(listed)
    amendment = next(obj for obj in listed if obj["classification"] == "amendment")
    assert not VALIDATOR.is_valid({**amendment, "amends": None})
    assert not VALIDATOR.is_valid({**lone, "amends": amendment["id"]})
    assert not VALIDATOR.is_valid({**lone, "secret": 1})


def test_votes_not_public_are_not_served(client, record):
    for key in ("depot", "draft", "hidden"):
        event = record.motions[key].vote_event
        response = client.get(reverse("api:voteevent_detail", args=[event.pk]))
        assert response.status_code == 404, key
        assert fx.SECRET not in response.content.decode()


def test_the_schema_refuses_vote_events_that_break_the_shape(client, record):
    listed = get_json(client, reverse("api:voteevent_list"))["data"]
    events = by_motion_text(record, listed)
    recorded, quiet = events["library"], events["parks"]
    assert not VALIDATOR.is_valid({**recorded, "result": "maybe"})
    assert not VALIDATOR.is_valid({**recorded, "counts": [{"option": "maybe", "value": 1}]})
    assert not VALIDATOR.is_valid({**recorded, "counts": [{"option": "yes", "value": 2}]})
    assert not VALIDATOR.is_valid({**quiet, "counts": [{"option": "yes", "value": 2}] * 2})
    vote = {**recorded["votes"][0], "castingVote": True, "option": "abstain"}
    assert not VALIDATOR.is_valid({**recorded, "votes": [vote]})
    assert not VALIDATOR.is_valid({k: v for k, v in recorded.items() if k != "motion"})
    assert not VALIDATOR.is_valid({**recorded, "secret": "x"})


def read_csv(client, name, query=""):
    response = client.get(reverse(f"api:{name}") + query)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    return list(
        csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig")))
    )


def test_csv_downloads_carry_the_same_votes(client, record):
    events = read_csv(client, "vote_events_csv")
    assert len(events) == len(served_rows())
    library = next(row for row in events if row["item_title"] == "Library opening hours")
    assert (library["for"], library["against"], library["result"]) == ("2", "1", "pass")
    assert library["moved_by"] == "Cllr Ahmed" and library["seconded_by"] == "Cllr Brown"
    votes = read_csv(client, "votes_csv")
    assert len(votes) == sum(len(row.votes) for row in served_rows())
    mine = read_csv(client, "votes_csv", f"?person={record.person.pk}")
    assert sorted(row["option"] for row in mine) == sorted(
        row.votes["Ahmed"] for row in served_rows() if "Ahmed" in row.votes
    )
    assert {row["member"] for row in mine} == {"Cllr Ahmed"}
    for name in ("vote_events_csv", "votes_csv"):
        response = client.get(reverse(f"api:{name}"))
        assert fx.SECRET not in b"".join(response.streaming_content).decode()
    assert client.get(reverse("api:votes_csv") + "?person=x").status_code == 400


def test_the_export_holds_the_vote_events(client, record):
    response = client.get(reverse("api:export"))
    lines = b"".join(response.streaming_content).decode().splitlines()
    objects = [json.loads(line) for line in lines]
    for obj in objects:
        validate(obj)
    motions = [obj for obj in objects if obj["type"] == "x-minutebook:Motion"]
    assert len(motions) == sum(1 for row in fx.MOTIONS if fx.item_counts(row.item))
    exported = [obj for obj in objects if obj["type"] == "x-minutebook:VoteEvent"]
    assert len(exported) == len(served_rows())
    listed = get_json(client, reverse("api:voteevent_list"))["data"]
    assert sorted(exported, key=lambda o: o["id"]) == sorted(listed, key=lambda o: o["id"])
    assert fx.SECRET not in "\n".join(lines)


def test_vote_event_and_motion_lists_take_the_same_queries_however_long(
    client, record, django_assert_num_queries
):
    url, motions = reverse("api:voteevent_list"), reverse("api:motion_list")
    with django_assert_num_queries(3):  # count, rows, their votes
        client.get(url)
    with django_assert_num_queries(2):  # count, rows (with their vote events)
        client.get(motions)
    for key in ("buses", "library"):
        motion = record.motions[key]
        amendment = motion.amendments.create(
            item=motion.item,
            position=motion.item.motions.count() + 1,
            kind="amendment",
            text="(1) Amended.",
            proposed_text="(1) Amended.",
            mover=record.people["Clarke"],
            proposed_at=motion.proposed_at,
        )
        event = VoteEvent.objects.create(
            motion=amendment, method="recorded", votes_for=1, votes_against=1, eligible=3,
            result="tied", at=motion.proposed_at,
        )  # fmt: skip
        event.votes.create(person=record.people["Brown"], option="yes")
        event.votes.create(person=record.people["Ahmed"], option="no")
    with django_assert_num_queries(3):
        assert len(client.get(url).json()["data"]) == len(served_rows()) + 2
    with django_assert_num_queries(2):
        client.get(motions)
