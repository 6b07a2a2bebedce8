"""Edits made in the editor reach the search index at once: no stale public text."""

import pytest
from django.urls import reverse

from agenda.models import SearchEntry
from tests.agenda.admin_forms import change_form_data
from tests.factories import AgendaItemFactory, MeetingFactory, publish

pytestmark = pytest.mark.django_db


def indexed_text():
    return " ".join(SearchEntry.objects.values_list("body", flat=True))


def test_making_an_item_exempt_in_the_editor_removes_its_text_from_search(
    clerk_client, django_capture_on_commit_callbacks
):
    from agenda.search.indexing import refresh_search_for_meeting

    meeting = MeetingFactory()
    item = AgendaItemFactory(meeting=meeting, agenda_text="<p>Quokkaburger licence.</p>")
    publish(meeting)
    refresh_search_for_meeting(meeting)
    assert "Quokkaburger" in indexed_text()

    url = reverse("admin:agenda_agendaitem_change", args=[item.pk])
    data = change_form_data(clerk_client.get(url))
    data.update(is_exempt="on", exempt_paragraph="3", public_interest_reason="Commercial.")
    with django_capture_on_commit_callbacks(execute=True):
        response = clerk_client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    assert "Quokkaburger" not in indexed_text()


def test_an_edit_in_the_editor_reaches_search_on_commit_once(
    clerk_client, django_capture_on_commit_callbacks
):
    """The search room follows the edit by itself (agenda.search.signal_handlers): one
    refresh per meeting per transaction, however many rows the page saved."""
    with django_capture_on_commit_callbacks(execute=True):  # the set-up's own commit
        meeting = MeetingFactory()
        item = AgendaItemFactory(meeting=meeting, agenda_text="<p>Old wording.</p>")
        publish(meeting)
    assert "Old wording" in indexed_text()
    url = reverse("admin:agenda_agendaitem_change", args=[item.pk])
    data = change_form_data(clerk_client.get(url))
    data.update(agenda_text="<p>Wombatwharf licence.</p>")
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = clerk_client.post(url, data)
    assert response.status_code == 302
    assert len(callbacks) == 1
    assert "Wombatwharf" in indexed_text()
