"""The decisions register, a decision's page and a decision notice in real Chromium:
axe-core finds nothing, and nothing scrolls sideways on a phone."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from agenda import publishing
from agenda.models import Decision, Meeting
from committees.models import Committee
from tests import factories as f
from tests.agenda.test_public_browser import visit

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_decision_pages_are_accessible(live_server, browser_page, manager):
    cabinet = f.CommitteeFactory(name="Cabinet", kind=Committee.Kind.EXECUTIVE)
    meeting = f.MeetingFactory(committee=cabinet, start=timezone.now() - datetime.timedelta(days=1))
    item = f.AgendaItemFactory(meeting=meeting, title="Fortnightly bin collections")
    f.ResolutionFactory(item=item, position=1, text="<p>That collections be fortnightly.</p>")
    f.publish(meeting)
    Meeting.objects.filter(pk=meeting.pk).update(status=Meeting.Status.HELD)
    publishing.run("publish_decisions", meeting, manager)
    f.DecisionFactory(title="Sale of the depot", is_exempt=True, exempt_paragraph=3)
    decision = Decision.objects.get(item=item)

    for url in (
        reverse("agenda:decision_register"),
        reverse("agenda:decision_register") + "?maker=cabinet&key=1",
        reverse("agenda:meeting_decisions", args=[meeting.slug]),
        decision.get_absolute_url(),
        reverse("api:docs"),
    ):
        visit(browser_page, live_server.url + url)
