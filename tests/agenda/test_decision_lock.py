"""A published decision holds: it changes only through a recorded correction or a call-in,
and is never deleted; the correction is public with its reason (not for exempt ones)."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from agenda import publishing
from agenda.models import Decision, DecisionCorrection
from agenda.models.locks import RecordLocked
from tests.factories import DecisionFactory

pytestmark = pytest.mark.django_db


def test_a_published_decision_cannot_be_edited_updated_or_deleted():
    decision = DecisionFactory()
    decision.text = "<p>To close the road for a week.</p>"
    with pytest.raises(RecordLocked, match="published decision"):
        decision.save()
    with pytest.raises(RecordLocked, match="published decision"):
        Decision.objects.filter(pk=decision.pk).update(reasons="<p>Other.</p>")
    with pytest.raises(RecordLocked, match="cannot be deleted"):
        Decision.objects.get(pk=decision.pk).delete()
    with pytest.raises(RecordLocked):
        Decision.objects.filter(pk=decision.pk).delete()
    stored = Decision.objects.get(pk=decision.pk)
    assert stored.text == "<p>To close the road for two nights.</p>"


def test_a_draft_decision_is_edited_freely():
    decision = DecisionFactory(published_at=None)
    decision.text = "<p>Changed.</p>"
    decision.save()
    decision.delete()
    assert not Decision.objects.filter(pk=decision.pk).exists()


def test_a_correction_changes_the_decision_and_is_shown_with_its_reason(manager, client):
    decision = DecisionFactory()
    correction = publishing.correct_decision(
        decision,
        manager,
        changes={"text": "<p>To close the road for three nights.</p>"},
        reason="The notice gave the wrong number of nights.",
    )
    decision.refresh_from_db()
    assert decision.text == "<p>To close the road for three nights.</p>"
    assert correction.fields == "decision" and correction.recorded_by == manager
    page = client.get(decision.get_absolute_url()).content.decode()
    assert "three nights" in page
    assert "The notice gave the wrong number of nights." in page
    assert 'id="corrections"' in page


def test_a_correction_needs_a_reason_a_change_and_a_manager(manager, clerk):
    decision = DecisionFactory()
    with pytest.raises(ValidationError, match="reason"):
        publishing.correct_decision(decision, manager, changes={"title": "New"}, reason=" ")
    with pytest.raises(ValidationError, match="Nothing was changed"):
        publishing.correct_decision(
            decision, manager, changes={"title": decision.title}, reason="Typo."
        )
    with pytest.raises(ValidationError, match="privacy and call-in"):
        publishing.correct_decision(decision, manager, changes={"is_exempt": True}, reason="x")
    with pytest.raises(PermissionDenied):
        publishing.correct_decision(decision, clerk, changes={"title": "New"}, reason="Typo.")
    assert not DecisionCorrection.objects.exists()


def test_an_exempt_decisions_correction_keeps_its_reason_private(manager, client):
    decision = DecisionFactory(is_exempt=True, exempt_paragraph=3)
    publishing.correct_decision(
        decision,
        manager,
        changes={"reasons": "<p>The bidder SECRET-BIDDER offered more.</p>"},
        reason="SECRET-BIDDER was misnamed.",
    )
    page = client.get(decision.get_absolute_url()).content.decode()
    assert "this decision's record was corrected" in page
    assert "SECRET-BIDDER" not in page


def test_the_editor_shows_a_published_decision_read_only_and_corrects_it(manager_client):
    decision = DecisionFactory()
    change = manager_client.get(reverse("admin:agenda_decision_change", args=[decision.pk]))
    assert change.status_code == 200
    correct_url = reverse("admin:agenda_decision_correct", args=[decision.pk])
    assert correct_url in change.content.decode()
    assert 'name="text"' not in change.content.decode()
    form = manager_client.get(correct_url)
    assert form.status_code == 200
    data = {
        "title": decision.title,
        "decision_maker": decision.decision_maker,
        "decided_on": "2024-02-12",
        "purpose": "",
        "text": "<p>To close the road for one night.</p>",
        "reasons": decision.reasons,
        "alternatives": "",
        "conflicts": "",
        "dispensations": "",
        "reason": "",
    }
    refused = manager_client.post(correct_url, data)
    assert refused.status_code == 200
    assert "This field is required" in refused.content.decode()
    done = manager_client.post(correct_url, {**data, "reason": "Wrong number of nights."})
    assert done.status_code == 302
    decision.refresh_from_db()
    assert decision.text == "<p>To close the road for one night.</p>"
    assert decision.corrections.get().reason == "Wrong number of nights."


def test_a_reimport_keeps_a_published_decision_as_published_and_says_so():
    from agenda.importers.load import import_file
    from tests.agenda.import_expect import PAGES

    page = (PAGES / "decision-details.html").read_bytes()
    assert import_file("decision-details.html", page).ok
    decision = Decision.objects.get()
    assert decision.published_at is not None
    changed = page.replace(b"for five years", b"for seven years")
    report = import_file("decision-details.html", changed)
    assert report.ok, report.lines()
    decision.refresh_from_db()
    assert "for five years" in decision.text
    assert any("kept as published" in line for line in report.lines())
