"""The meeting console in real Chromium: axe-core finds nothing (WCAG 2.2 AA) with the
page in its busiest state, it fits a 1366 px laptop, and the keyboard alone records an
arrival (plain form posts, no JavaScript needed)."""

import re

import pytest
from django.urls import reverse

from agenda.models import AttendanceSpan
from tests.agenda.console_helpers import Meeting
from tests.browser import axe_violations, screenshot, signed_in_context

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def open_console(browser, live_server, user, *, javascript=True):
    context = signed_in_context(
        browser,
        live_server,
        user,
        viewport={"width": 1366, "height": 768},
        java_script_enabled=javascript,
    )
    page = context.new_page()
    page.set_default_timeout(10_000)
    return context, page


@pytest.fixture
def console_page(browser, live_server, admin_user):
    context, page = open_console(browser, live_server, admin_user)
    yield page
    context.close()


@pytest.fixture
def console_page_without_javascript(browser, live_server, admin_user):
    context, page = open_console(browser, live_server, admin_user, javascript=False)
    yield page
    context.close()


def busy_meeting():
    """Mid-meeting: members in, one out, an interest declared, a motion with a pending
    amendment and another with equal votes waiting for the casting vote."""
    m = Meeting()
    m.everyone_arrives(0, "Ahmed", "Brown", "Clarke", "Davies", "Evans", "Fisher", "Green")
    m.act("arrive", 0, person=m.officer)
    m.act("leave", 3, person=m.members["Fisher"])
    m.act("start_item", 5, item=m.items[2])
    m.act(
        "declare",
        6,
        person=m.members["Clarke"],
        kind="pecuniary",
        description="Land",
        left_room="1",
    )
    tied = m.act("propose", 7, item=m.items[2], mover=m.members["Ahmed"]).event.result
    m.act("vote", 8, motion=tied["motion"], method="show_of_hands", **{"for": 2, "against": 2})
    return m


def test_the_console_passes_axe_and_fits_a_laptop(console_page):
    m = busy_meeting()
    page = console_page
    url = reverse("editor_meeting_console", kwargs={"pk": m.meeting.pk})
    page.goto(f"{url}?item={m.items[2].pk}")
    screenshot(page, "console-casting-vote")
    problems = []
    report = axe_violations(page)
    if report:
        problems.append(report)
    m.act("casting_vote", 9, motion=m.item(2).motions.get().pk, option="for")
    m.act("propose", 10, item=m.items[3], mover=m.members["Brown"])
    motion = m.item(3).motions.get()
    m.act("amend", 11, motion=motion.pk, mover=m.members["Davies"], text="(1) Noted.")
    page.goto(f"{url}?item={m.items[3].pk}")
    screenshot(page, "console-amendment")
    report = axe_violations(page)
    if report:
        problems.append(report)
    scroll = page.evaluate("document.documentElement.scrollWidth")
    if scroll > 1366:
        problems.append(f"the console scrolls sideways at 1366px ({scroll}px)")
    assert not problems, "\n".join(problems)


def test_the_keyboard_alone_records_an_arrival_without_javascript(
    console_page_without_javascript,
):
    m = Meeting()
    page = console_page_without_javascript
    page.goto(reverse("editor_meeting_console", kwargs={"pk": m.meeting.pk}))
    button = page.get_by_role("button", name=re.compile("Arrived.*Cllr Hughes"))
    button.focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "Cllr Hughes arrived at" in page.content()
    assert AttendanceSpan.objects.filter(attendance__person=m.members["Hughes"]).count() == 1
    page.get_by_role("button", name=re.compile("Left.*Cllr Hughes")).focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "Cllr Hughes left at" in page.content()
