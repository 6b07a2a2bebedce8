"""The Decision record: its rules as constraints, its public page, and what stays private."""

import datetime

import pytest
from django.db import IntegrityError, transaction

from agenda.models import Decision, SourceAddress
from agenda.models.locks import opened
from tests.factories import (
    AgendaItemFactory,
    DecisionFactory,
    MeetingFactory,
    ResolutionFactory,
    publish,
)

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("values", "constraint"),
    [
        ({"is_exempt": True}, "decision_exempt_needs_paragraph"),
        ({"is_exempt": True, "exempt_paragraph": 9}, "decision_exempt_paragraph_valid"),
        ({"status": "maybe"}, "decision_status_valid"),
        ({"kind": "oracle"}, "decision_kind_valid"),
        ({"call_in": "perhaps"}, "decision_call_in_valid"),
        ({"effective_from": datetime.date(2024, 2, 1)}, "decision_effective_not_before_decided"),
    ],
)
def test_rules_are_constraints(values, constraint):
    with pytest.raises(IntegrityError, match=constraint), transaction.atomic():
        DecisionFactory(**values)


def test_a_resolution_link_needs_the_item():
    resolution = ResolutionFactory()
    with (
        pytest.raises(IntegrityError, match="decision_resolution_needs_item"),
        transaction.atomic(),
    ):
        DecisionFactory(resolution=resolution)
    decision = DecisionFactory(resolution=resolution, item=resolution.item)
    assert resolution.decision == decision


def test_officer_decision_page_shows_the_whole_record(client, django_assert_num_queries):
    decision = DecisionFactory(
        title="Closure of Mill Lane",
        alternatives="<p>Daytime working was rejected.</p>",
        effective_from=datetime.date(2024, 2, 19),
        call_in=Decision.CallIn.NOT_SUBJECT,
    )
    with django_assert_num_queries(2):  # the decision, its corrections
        response = client.get(decision.get_absolute_url())
    page = response.content.decode()
    assert response.status_code == 200
    for text in [
        "Closure of Mill Lane",
        "Director of Place",
        "Officer decision under delegated powers",
        "Not subject to call-in",
        "12 February 2024",
        "19 February 2024",
        "To close the road for two nights.",
        "The works cannot be done safely",
        "Daytime working was rejected.",
    ]:
        assert text in page, text


def test_exempt_decision_shows_title_and_paragraph_only(client):
    decision = DecisionFactory(
        title="Sale of the depot", is_exempt=True, exempt_paragraph=3, text="<p>Sold for £1m.</p>"
    )
    page = client.get(decision.get_absolute_url()).content.decode()
    assert "Sale of the depot" in page and "Schedule 12A paragraph 3" in page
    assert "£1m" not in page and "Sold for" not in page


def test_a_decision_on_an_exempt_item_keeps_its_words_private(client):
    meeting = publish(MeetingFactory(), minutes=True)
    item = AgendaItemFactory(meeting=meeting, is_exempt=True, exempt_paragraph=1)
    publish(meeting, minutes=True)
    decision = DecisionFactory(item=item, meeting=meeting, text="<p>Dismissal upheld.</p>")
    page = client.get(decision.get_absolute_url()).content.decode()
    assert "Dismissal upheld" not in page


def test_unpublished_or_unlisted_decisions_are_not_found(client):
    draft = DecisionFactory(published_at=None)
    assert client.get(draft.get_absolute_url()).status_code == 404
    private_item = AgendaItemFactory()  # on a meeting whose agenda is not out
    hidden = DecisionFactory(item=private_item, meeting=private_item.meeting)
    assert client.get(hidden.get_absolute_url()).status_code == 404
    assert set(Decision.objects.public()) == set()


def test_old_decision_address_redirects_to_the_decision(client):
    decision = DecisionFactory()
    SourceAddress.objects.create(page="mgdecisiondetails", key="id:902", decision=decision)
    for path in ["/mgDecisionDetails.aspx?ID=902", "/ieDecisionDetails.aspx?id=902"]:
        response = client.get(path)
        assert (response.status_code, response["Location"]) == (301, decision.get_absolute_url())
    decision.published_at = None
    with opened("decision.published_at"):  # as if it had never been published
        decision.save()
    assert client.get("/mgDecisionDetails.aspx?ID=902").status_code == 404
