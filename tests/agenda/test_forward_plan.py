"""The forward plan of key decisions: 28 clear days' notice or a recorded exception, an
entry flowing into the agenda of the meeting that takes it; page, PDF and feed."""

import datetime

import feedparser
import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from agenda import publishing
from agenda.models import ForwardPlanEntry
from tests import factories as f
from tests.agenda.pdf_helpers import text_of

pytestmark = pytest.mark.django_db
DAY = datetime.timedelta(days=1)
URGENT = "Test: late."


@pytest.fixture
def meeting():
    return f.MeetingFactory(start=timezone.now() + 40 * DAY)


def entry_for(meeting, *, published_days_before, **extra):
    return ForwardPlanEntry.objects.create(
        title="New waste collection contract",
        decision_maker="Cabinet",
        committee=meeting.committee,
        expected_date=timezone.localdate(meeting.start),
        published_at=meeting.start - published_days_before * DAY,
        **extra,
    )


@pytest.mark.parametrize(
    ("days_before", "notice", "reason", "allowed"),
    [
        (35, "forward_plan", "", True),
        (29, "forward_plan", "", True),  # 28 clear days: not the day of notice or meeting
        (28, "forward_plan", "", False),
        (10, "forward_plan", "", False),
        (10, "general_exception", "The tender closed late; scrutiny chair told.", True),
        (3, "special_urgency", "Contractor went into administration.", True),
    ],
)
def test_the_28_day_notice_check(meeting, manager, days_before, notice, reason, allowed):
    item = f.AgendaItemFactory(meeting=meeting, title="Waste contract", is_key_decision=True)
    entry_for(meeting, published_days_before=days_before, notice=notice, notice_reason=reason)
    ForwardPlanEntry.objects.update(item=item)
    if allowed:
        publishing.run("publish_agenda", meeting, manager, urgency_reason=URGENT)
    else:
        with pytest.raises(ValidationError, match="clear days, not 28"):
            publishing.run("publish_agenda", meeting, manager, urgency_reason=URGENT)


def test_a_key_decision_without_an_entry_is_refused(meeting, manager):
    f.AgendaItemFactory(meeting=meeting, title="Sell the depot", is_key_decision=True)
    with pytest.raises(ValidationError, match="key decision, but it has no forward plan entry"):
        publishing.run("publish_agenda", meeting, manager, urgency_reason=URGENT)


def test_an_entry_flows_into_the_agenda_and_back(meeting, manager_client, client):
    entry = entry_for(meeting, published_days_before=45)  # notice given five days ago
    page = manager_client.get(reverse("admin:agenda_meeting_change", args=[meeting.pk]))
    assert "New waste collection contract" in page.content.decode()
    manager_client.post(
        reverse("admin:agenda_meeting_add_forward_plan_item", args=[meeting.pk, entry.pk])
    )
    entry.refresh_from_db()
    assert entry.item.meeting == meeting and entry.item.is_key_decision
    plan = client.get(reverse("agenda:forward_plan")).content.decode()
    assert "New waste collection contract" in plan and "Cabinet" in plan
    pdf = client.get(reverse("agenda:forward_plan_pdf"))
    assert "New waste collection contract" in text_of(pdf.content)
    feed = feedparser.parse(client.get(reverse("agenda:forward_plan_feed")).content)
    assert [e.title for e in feed.entries] == ["New waste collection contract"]


def test_unpublished_entries_stay_off_every_output(meeting, client):
    ForwardPlanEntry.objects.create(
        title="Draft: close the museum",
        decision_maker="Cabinet",
        expected_date=timezone.localdate() + 60 * DAY,
    )
    for name in ("agenda:forward_plan", "agenda:forward_plan_feed"):
        assert "close the museum" not in client.get(reverse(name)).content.decode()
    assert "close the museum" not in text_of(client.get(reverse("agenda:forward_plan_pdf")).content)
