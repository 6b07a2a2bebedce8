"""In real Chromium, the editor works under the strict CSP and nothing is blocked."""

import pytest
from django.urls import reverse

from agenda.models import AgendaItem
from tests.factories import AgendaItemFactory

pytestmark = [
    pytest.mark.browser,
    # Real commits, so the live server thread sees the data. (Not serialized_rollback: that
    # skips re-creating content types after the flush when no serialized copy exists.)
    pytest.mark.django_db(transaction=True),
]


@pytest.fixture
def page(browser, live_server, django_user_model):
    # A superuser: transactional tests flush the groups the data migration made.
    django_user_model.objects.create_superuser(
        "clerk", "clerk@example.org", "a long enough clerk password"
    )
    context = browser.new_context(base_url=live_server.url)
    page = context.new_page()
    page.csp_messages = []
    page.console_messages = []
    page.on("console", lambda msg: page.console_messages.append(msg.text))
    page.on(
        "console",
        lambda msg: (
            page.csp_messages.append(f"{msg.text} at {msg.location}")
            if "Content Security Policy" in msg.text or "Content-Security-Policy" in msg.text
            else None
        ),
    )
    page.goto(reverse("admin:login"))
    page.fill("#id_username", "clerk")
    page.fill("#id_password", "a long enough clerk password")
    page.click("input[type=submit]")
    page.wait_for_url("**/editor/")
    yield page
    context.close()


def test_rich_text_editor_works_under_csp(page):
    item = AgendaItemFactory(agenda_text="<p>Original text.</p>")
    page.goto(reverse("admin:agenda_agendaitem_change", args=[item.pk]))
    editor = page.locator(".ProseMirror:visible").first
    try:
        editor.wait_for(state="visible", timeout=10_000)
    except Exception:
        print("Browser console:", page.console_messages)  # why the editor did not start
        raise
    editor.click()
    page.keyboard.press("End")
    page.keyboard.type(" Added under CSP.")
    with page.expect_navigation():
        page.click("input[name=_continue]")
    errors = [page.url, page.title(), page.console_messages]
    assert page.locator(".messagelist .success").count() == 1, errors
    item = AgendaItem.objects.get(pk=item.pk)
    assert "Added under CSP." in item.agenda_text.replace("&nbsp;", " ")
    assert page.csp_messages == [], "\n".join(page.csp_messages)


def test_meeting_change_page_has_no_csp_violations(page):
    item = AgendaItemFactory()
    page.goto(reverse("admin:agenda_meeting_change", args=[item.meeting.pk]))
    page.wait_for_load_state("networkidle")
    page.goto(reverse("admin:agenda_meeting_changelist"))
    page.wait_for_load_state("networkidle")
    assert page.csp_messages == [], "\n".join(page.csp_messages)
