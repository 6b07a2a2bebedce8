"""Two clerks, two browsers, one agenda item: the second save is refused, nothing lost."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from agenda.models import AgendaItem
from tests.browser import signed_in_context
from tests.factories import AgendaItemFactory, MeetingFactory, user_in_group

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _groups(transactional_db):
    """A transactional test's flush empties the groups the migrations created: recreate
    them the same way."""
    import importlib

    from django.apps import apps

    saved = {config: config.models_module for config in apps.get_app_configs()}
    try:
        for name in ("0002_create_clerk_and_manager_groups", "0006_grant_workflow_permissions"):
            module = importlib.import_module(f"agenda.migrations.{name}")
            (getattr(module, "create_groups", None) or module.grant)(apps, None)
    finally:
        # The migration code toggles `models_module`; leave the real registry as it was.
        for config, models_module in saved.items():
            config.models_module = models_module


def _context_for(browser, live_server, user):
    return signed_in_context(browser, live_server, user)


def test_second_save_refused_and_text_kept(browser, live_server):
    first = user_in_group("clerk_anne", "Clerk")
    second = user_in_group("clerk_bola", "Clerk")
    meeting = MeetingFactory(start=timezone.now() + datetime.timedelta(days=30))
    item = AgendaItemFactory(meeting=meeting, title="Budget", report_reference="Doc A")
    url = reverse("admin:agenda_agendaitem_change", args=[item.pk])
    anne = _context_for(browser, live_server, first).new_page()
    bola = _context_for(browser, live_server, second).new_page()
    try:
        anne.goto(url)
        bola.goto(url)
        anne.fill("#id_report_reference", "Document A (revised by Anne)")
        anne.click("input[name=_continue]")
        anne.wait_for_selector(".messagelist .success")
        bola.fill("#id_report_reference", "Document A1 (Bola's wording)")
        bola.click("input[name=_continue]")
        bola.wait_for_selector(".errornote")
        message = bola.text_content(".errorlist.nonfield")
        assert "clerk_anne saved this agenda item after you opened it" in message
        assert "“Doc A” → “Document A (revised by Anne)”" in message
        # Bola's text is still in her form, and Anne's save stands.
        assert bola.input_value("#id_report_reference") == "Document A1 (Bola's wording)"
        assert AgendaItem.objects.get(pk=item.pk).report_reference == (
            "Document A (revised by Anne)"
        )
        # Having seen the change, Bola merges and saves deliberately.
        bola.fill("#id_report_reference", "Document A (revised by Anne and Bola)")
        bola.click("input[name=_continue]")
        bola.wait_for_selector(".messagelist .success")
        assert AgendaItem.objects.get(pk=item.pk).report_reference == (
            "Document A (revised by Anne and Bola)"
        )
        history = list(
            AgendaItem.history.filter(id=item.pk).values_list("report_reference", flat=True)
        )
        assert "Document A (revised by Anne)" in history
    finally:
        anne.context.close()
        bola.context.close()


def test_minutes_autosave_while_typing_and_restore(browser, live_server, monkeypatch):
    from agenda.admin.items import AgendaItemAdmin
    from agenda.models import TextDraft

    monkeypatch.setattr(AgendaItemAdmin, "autosave_interval", 2)
    clerk = user_in_group("clerk_cara", "Clerk")
    meeting = MeetingFactory(start=timezone.now() + datetime.timedelta(days=30))
    item = AgendaItemFactory(meeting=meeting, minutes_text="<p>Start.</p>")
    url = reverse("admin:agenda_agendaitem_change", args=[item.pk])
    context = _context_for(browser, live_server, clerk)
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    try:
        page.goto(url)
        editor = page.locator(".field-minutes_text [contenteditable=true]")
        editor.click()
        page.keyboard.press("End")
        page.keyboard.type(" The committee noted the report.")
        # A locator wait, not wait_for_function: the editor's CSP forbids eval.
        page.locator("#autosave-status", has_text="Draft saved").wait_for(timeout=10_000)
        # A save can land while the words are still being typed; the next one has them all.
        for _ in range(50):
            draft = TextDraft.objects.get(user=clerk, field_name="minutes_text")
            if "The committee noted the report." in draft.text:
                break
            page.wait_for_timeout(200)
        assert "The committee noted the report." in draft.text
        # The tab is closed without saving; a new visit offers the draft and restores it.
        page.close()
        page = context.new_page()
        page.goto(url)
        page.click(f"a[href='?restore_draft={draft.pk}']")
        page.click("input[name=_continue]")
        page.wait_for_selector(".messagelist .success")
        assert "The committee noted the report." in AgendaItem.objects.get(pk=item.pk).minutes_text
        assert not errors, errors
    finally:
        context.close()
