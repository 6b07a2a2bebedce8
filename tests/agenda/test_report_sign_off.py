"""Report sign-off: author → service head → finance and legal → democratic services; an
unsigned report blocks publication unless a manager records why it goes anyway."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from agenda import publishing
from agenda.models import ReportSignOff, Transition
from agenda.models.sign_off import STAGES
from agenda.publishing import sign_off
from tests import factories as f
from tests.admin_objects import management

pytestmark = pytest.mark.django_db
URGENT = "Test: late."


@pytest.fixture(autouse=True)
def _sign_off_on(settings):
    settings.REPORT_SIGN_OFF = True


@pytest.fixture
def report():
    start = timezone.now() + datetime.timedelta(days=30)
    item = f.AgendaItemFactory(meeting__start=start, title="Highways maintenance")
    return f.DocumentFactory(item=item, title="Highways report")


def test_an_unsigned_report_blocks_publication(report, manager):
    with pytest.raises(ValidationError, match="not signed off: author, service head"):
        publishing.run("publish_agenda", report.meeting, manager, urgency_reason=URGENT)


def test_signed_at_every_step_it_publishes(report, clerk, manager):
    for stage in STAGES:
        sign_off.sign(report, clerk, stage, comment="No comments." if stage == "legal" else "")
    assert [row.signed_by for row in report.sign_offs.all()] == [clerk] * len(STAGES)
    publishing.run("publish_agenda", report.meeting, manager, urgency_reason=URGENT)
    report.meeting.refresh_from_db()
    assert report.meeting.agenda_is_public


def test_a_manager_override_is_recorded_in_the_workflow_log(report, clerk, manager):
    with pytest.raises(PermissionDenied):
        sign_off.override(report, clerk, "The author is on leave.")
    with pytest.raises(ValidationError, match="reason"):
        sign_off.override(report, manager, "  ")
    sign_off.override(report, manager, "The author is on leave; legal cleared it by phone.")
    row = Transition.objects.get(meeting=report.meeting, kind="sign_off_overridden")
    assert "author is on leave" in row.reason and row.user == manager
    publishing.run("publish_agenda", report.meeting, manager, urgency_reason=URGENT)


def test_signing_in_the_editor_and_the_dashboard(report, clerk_client, clerk):
    dashboard = clerk_client.get(reverse("admin:index")).content.decode()
    assert "Reports waiting for sign-off" in dashboard
    assert "Highways report" in dashboard and "waiting for author" in dashboard.lower()
    url = reverse("admin:agenda_document_change", args=[report.pk])
    page = clerk_client.get(url)
    form = page.context["adminform"].form
    data = {
        name: ("" if value is None else value)
        for name, value in form.initial.items()
        if name in form.fields and name != "file"
    }
    data.update({"meeting": report.meeting_id, "item": report.item_id})
    data.update(management("sign_offs", 1))
    data.update({"sign_offs-0-stage": "author", "sign_offs-0-comment": ""})
    clerk_client.post(url, data)
    assert list(report.sign_offs.values_list("stage", "signed_by")) == [("author", clerk.pk)]
    # A clerk cannot override.
    data.update({"sign_offs-0-stage": "override", "sign_offs-0-comment": "Because."})
    clerk_client.post(url, data)
    assert not report.sign_offs.filter(stage=ReportSignOff.Stage.OVERRIDE).exists()
