"""A resident's journey through the public site in real Chromium, checked by axe-core."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from tests import factories as f
from tests.browser import axe_violations, screenshot
from tests.public_data import realistic_meeting

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def visit(page, url, *, phone_check=True):
    response = page.goto(url)
    # 400: a bad query parameter gets the site's own page that says why.
    assert response.status in (200, 400, 404), url
    assert page.locator("h1").count() == 1, url
    assert page.locator("html").get_attribute("lang") == "en-GB"
    for landmark in ("body > header", "main#main", "body > footer", "nav[aria-label=Main]"):
        assert page.locator(landmark).count() == 1, (url, landmark)
    report = axe_violations(page)
    assert report == "", f"{url}\n{report}"
    if phone_check:
        # 320px is a phone (and WCAG reflow); 640px is a 1280px screen at 200% zoom.
        for width in (320, 640):
            page.set_viewport_size({"width": width, "height": 700})
            scroll = page.evaluate("document.documentElement.scrollWidth")
            assert scroll <= width, f"{url} scrolls sideways at {width}px ({scroll}px)"
        page.set_viewport_size({"width": 1280, "height": 900})
    return response


def test_resident_reads_a_meeting_item_and_its_document(live_server, browser_page):
    page = browser_page
    meeting = realistic_meeting(items=3, documents=4, attendees=6)
    f.publish(
        f.MeetingFactory(
            committee=meeting.committee, start=timezone.now() + datetime.timedelta(days=10)
        )
    )
    item = meeting.items.filter(is_exempt=False).first()

    visit(page, live_server.url + "/")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Committees").click()
    visit(page, page.url)
    page.get_by_role("link", name=meeting.committee.name).click()
    visit(page, page.url)
    page.locator(f'a[href="{meeting.get_absolute_url()}"]').first.click()
    visit(page, page.url)
    assert page.locator(f"#{item.anchor}").count() == 1
    screenshot(page, "meeting-desktop")
    page.set_viewport_size({"width": 375, "height": 800})
    screenshot(page, "meeting-375")
    page.set_viewport_size({"width": 1280, "height": 900})

    page.locator(f"#{item.anchor} h3 a").click()
    visit(page, page.url)
    assert "Agenda item" in page.locator("main").inner_text()
    screenshot(page, "item-desktop")
    page.set_viewport_size({"width": 375, "height": 800})
    screenshot(page, "item-375")
    page.set_viewport_size({"width": 1280, "height": 900})

    link = page.locator(".document-list a").first
    href = link.get_attribute("href")
    response = page.request.get(live_server.url + href)
    assert response.status == 200
    assert response.headers["content-type"] == "application/pdf"
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.body().startswith(b"%PDF")


def test_calendar_and_other_page_types_are_accessible(live_server, browser_page):
    page = browser_page
    meeting = realistic_meeting(items=2, documents=2, attendees=4)
    local = timezone.localtime(meeting.start)
    person = meeting.attendances.first().person
    calendar = reverse("agenda:calendar", kwargs={"year": local.year, "month": local.month})

    visit(page, live_server.url + calendar)
    page.locator(".month-nav a").nth(1).click()
    assert page.locator("h1").inner_text() != ""
    page.locator(".month-nav a").first.click()
    page.locator(f'.month-calendar a[href="{meeting.get_absolute_url()}"]').click()
    assert page.url.endswith(meeting.get_absolute_url())

    for url in (
        reverse("agenda:meeting_list"),
        reverse("committees:person_list"),
        person.get_absolute_url(),
        meeting.items.first().topic.get_absolute_url(),
        reverse("agenda:accessibility"),
        reverse("agenda:alternative_format"),
        reverse("search:search") + f"?q={meeting.items.first().title.split()[0]}",
        reverse("search:search") + "?q=budget&type=item&date_from=2025-02-30",  # an error
        "/no-such-page/",
    ):
        visit(page, live_server.url + url, phone_check=url != "/no-such-page/")

    # Keyboard users get the skip link first, and it is visible when focused.
    page.goto(live_server.url + "/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent")
    assert focused == "Skip to main content"
    assert page.locator(".skip-link").is_visible()
    page.keyboard.press("Tab")  # the next stop is the council name: focus must show
    style = page.evaluate(
        "(() => { const s = getComputedStyle(document.activeElement);"
        " return [s.outlineStyle, s.outlineWidth, s.backgroundColor]; })()"
    )
    assert style[0] == "solid" and style[1] == "3px", style
