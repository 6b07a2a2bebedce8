"""A councillor's record in real Chromium: axe-core finds nothing, and nothing scrolls
sideways on a phone, for all years and for one municipal year; the period form works
without JavaScript."""

import pytest
from django.urls import reverse

from tests.agenda import record_fixture as fx
from tests.agenda.test_public_browser import visit

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_record_is_accessible(live_server, browser_page):
    record = fx.Record()
    address = live_server.url + reverse("agenda:councillor_record", args=[record.person.slug])
    visit(browser_page, address)
    visit(browser_page, address + "?year=2024")
    visit(browser_page, live_server.url + record.person.get_absolute_url())

    browser_page.goto(address)
    browser_page.select_option("#year", "2025")
    browser_page.click("button[type=submit]")
    assert "year=2025" in browser_page.url
    assert "Municipal year 2025/26" in browser_page.inner_text("main")
