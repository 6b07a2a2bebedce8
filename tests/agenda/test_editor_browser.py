"""The editor's screens in real Chromium, checked by axe-core (WCAG 2.2 AA), and laid out
without sideways scrolling on a 1366 x 768 laptop."""

import pytest
from django.urls import reverse

from agenda.models import AgendaItem
from tests import factories as f
from tests.browser import ARTIFACTS, axe_violations, screenshot, signed_in_context
from tests.public_data import realistic_meeting

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def editor_page(browser, live_server, admin_user):
    context = signed_in_context(
        browser, live_server, admin_user, viewport={"width": 1366, "height": 768}
    )
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


# True once every select2 widget and rich-text editor has started and been named by
# static/agenda/js/editor-a11y.js (both start after the page's load event).
STARTED = """() => {
  const live = (el) => !(el.name || el.id || "").includes("__prefix__");
  const selects = [...document.querySelectorAll("select.admin-autocomplete")].filter(live);
  const areas = [...document.querySelectorAll(
    "textarea[data-django-prose-editor-default], textarea[data-django-prose-editor-configurable]"
  )].filter(live);
  return selects.every((s) => {
    const box = s.nextElementSibling && s.nextElementSibling.querySelector(".select2-selection");
    return box && (box.getAttribute("aria-labelledby") || "").includes("a11y-name");
  }) && areas.every((t) => {
    const area = t.closest(".prose-editor") && t.closest(".prose-editor")
      .querySelector("[contenteditable]");
    return area && area.getAttribute("aria-label");
  });
}"""


def settle(page):
    page.wait_for_load_state("load")
    page.wait_for_function(STARTED, timeout=30_000)


def check(page, name):
    """axe finds nothing, and the page does not scroll sideways at 1366 px."""
    settle(page)
    screenshot(page, f"editor-{name}")
    problems = []
    report = axe_violations(page)
    if report:
        problems.append(f"{name} ({page.url}):\n{report}")
    scroll = page.evaluate("document.documentElement.scrollWidth")
    if scroll > 1366:
        problems.append(f"{name} scrolls sideways at 1366px ({scroll}px)")
    return problems


def test_every_editor_screen_passes_axe(editor_page, live_server):
    page = editor_page
    meeting = realistic_meeting(items=2, documents=2, attendees=4, minutes=False)
    f.DeclarationFactory(item=meeting.items.first())
    item = meeting.items.filter(is_exempt=False).first()
    f.ActionFactory(item=item)
    document = item.documents.first()
    screens = {
        "index": reverse("admin:index"),
        "meeting": reverse("admin:agenda_meeting_change", args=[meeting.pk]),
        "meeting-add": reverse("admin:agenda_meeting_add"),
        "item": reverse("admin:agenda_agendaitem_change", args=[item.pk]),
        "document": reverse("admin:agenda_document_change", args=[document.pk]),
        "meetings": reverse("admin:agenda_meeting_changelist"),
        "items": reverse("admin:agenda_agendaitem_changelist"),
        "documents": reverse("admin:agenda_document_changelist"),
        "actions": reverse("admin:agenda_action_changelist"),
        "committees": reverse("admin:committees_committee_changelist"),
        "people": reverse("admin:committees_person_changelist"),
        "item-history": reverse("admin:agenda_agendaitem_history", args=[item.pk]),
    }
    problems = []
    for name, url in screens.items():
        response = page.goto(url)
        assert response.status == 200, url
        problems += check(page, name)

    # Rich text is spellchecked and named; an open select2 dropdown's search box is named.
    page.goto(screens["item"])
    settle(page)
    area = page.locator(".field-minutes_text [contenteditable=true]")
    assert area.get_attribute("spellcheck") == "true"
    assert area.get_attribute("aria-label") == "Minutes"
    page.goto(screens["meeting"])
    settle(page)
    page.locator("#attendances-0 .field-substitute_for .select2-selection").click()
    page.wait_for_selector(".select2-dropdown .select2-search__field")
    problems += check(page, "meeting-select2-open")

    # A refused save (someone changed the row meanwhile) is readable too.
    page.goto(screens["meeting"])
    settle(page)
    changed = AgendaItem.objects.get(pk=item.pk)
    changed.title = "Changed meanwhile"
    changed.save()
    page.fill(f"#id_items-{list(meeting.items.all()).index(changed)}-title", "My new title")
    page.click("input[name=_continue]")
    page.wait_for_selector(".errornote")
    problems += check(page, "meeting-refused")

    # The workflow confirmation page: choose an action for the meeting, then "Go".
    page.goto(reverse("admin:agenda_meeting_changelist"))
    page.check(f'input[name="_selected_action"][value="{meeting.pk}"]')
    page.select_option('select[name="action"]', "publish_agenda")
    page.click('button[name="index"]')
    page.wait_for_selector("text=Publish")
    problems += check(page, "confirm-publish")
    if problems:
        (ARTIFACTS / "editor-axe.txt").write_text("\n\n".join(problems))
    assert not problems, "\n\n".join(problems)
