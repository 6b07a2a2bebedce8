"""The public forms in real Chromium, checked by axe-core (WCAG 2.2 AA), empty and after
a refused submission: take part (a question or a request to speak), get email about a
committee, and ask for another format."""

import datetime

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from tests import factories as f
from tests.browser import ARTIFACTS, axe_violations, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_public_forms_pass_axe_empty_and_with_errors(live_server, browser_page, settings):
    cache.clear()
    settings.COUNCIL = {**settings.COUNCIL, "accessibility_email": "access@example.org"}
    page = browser_page
    item = f.AgendaItemFactory(
        title="Riverside cycle path", meeting__start=timezone.now() + datetime.timedelta(days=30)
    )
    f.publish(item.meeting)
    forms = {
        "take-part": (
            reverse("agenda:take_part", args=[item.meeting.slug]),
            "button[type=submit]:has-text('Send')",
        ),
        "subscribe": (
            reverse("notices:subscribe", args=["committee", item.meeting.committee.slug]),
            "button[type=submit]:has-text('confirmation email')",
        ),
        "alternative-format": (
            reverse("agenda:alternative_format"),
            "button[type=submit]:has-text('Send request')",
        ),
    }
    problems = []
    for name, (url, submit) in forms.items():
        assert page.goto(live_server.url + url).status == 200, url
        report = axe_violations(page)
        if report:
            problems.append(f"{name}:\n{report}")
        screenshot(page, f"public-form-{name}")
        page.click(submit)  # empty: every required field refused
        page.wait_for_selector(".alert-danger")
        assert page.title().startswith("Error:"), name
        report = axe_violations(page)
        if report:
            problems.append(f"{name} with errors:\n{report}")
        screenshot(page, f"public-form-{name}-errors")
        # The summary's first link takes the reader to the field.
        page.locator(".alert-danger a").first.click()
        target = page.locator(".alert-danger a").first.get_attribute("href")
        assert page.url.endswith(target), name
    if problems:
        (ARTIFACTS / "public-forms-axe.txt").write_text("\n\n".join(problems))
    assert not problems, "\n\n".join(problems)
