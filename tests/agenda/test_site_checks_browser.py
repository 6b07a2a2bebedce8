"""The site's own page checks, in real Chromium with axe-core: every kind of public page
passes WCAG 2.2 AA. With MINUTEBOOK_RECORD_SITE_CHECKS=1 (`make site-checks`) the results
are written, dated, to agenda/scanning/site_checks.json: the evidence the accessibility
statement quotes. Commit that file after recording."""

import datetime
import json
import os

import pytest
from django.urls import reverse
from django.utils import timezone

from agenda.scanning.record import scan_document
from agenda.scanning.statement import SITE_CHECKS
from tests.browser import WCAG_TAGS
from tests.public_data import realistic_meeting

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def axe_results(page):
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(
        page,
        options={"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]},
    )
    return results.response


def test_every_kind_of_public_page_passes_axe_and_is_recorded(live_server, browser_page):
    meeting = realistic_meeting(items=2, documents=2, attendees=4)
    # Scanned, so the pages show their "may not be accessible" marks (untagged PDFs) and
    # the statement lists them: those parts are checked too.
    for document in meeting.documents.filter(is_generated=False):
        scan_document(document.pk)
    item = meeting.items.filter(is_exempt=False).first()
    person = meeting.attendances.first().person
    local = timezone.localtime(meeting.start)
    pages = [
        ("Home page", reverse("agenda:home")),
        ("Meetings list", reverse("agenda:meeting_list")),
        (
            "Meetings calendar",
            reverse("agenda:calendar", kwargs={"year": local.year, "month": local.month}),
        ),
        ("Meeting page", meeting.get_absolute_url()),
        ("Agenda item page", item.get_absolute_url()),
        ("Committees list", reverse("committees:committee_list")),
        ("Committee page", meeting.committee.get_absolute_url()),
        ("Councillors list", reverse("committees:person_list")),
        ("Councillor page", person.get_absolute_url()),
        ("Topic page", item.topic.get_absolute_url()),
        ("Search results", reverse("search:search") + "?q=children"),
        ("Accessibility statement", reverse("agenda:accessibility")),
        ("Alternative format request", reverse("agenda:alternative_format")),
    ]
    recorded, engine = [], ""
    for name, path in pages:
        response = browser_page.goto(live_server.url + path)
        assert response.status == 200, path
        result = axe_results(browser_page)
        engine = result.get("testEngine", {}).get("version", engine)
        violations = [
            {
                "id": v["id"],
                "impact": v.get("impact") or "",
                "help": v.get("help", ""),
                "nodes": len(v.get("nodes", [])),
            }
            for v in result.get("violations", [])
        ]
        recorded.append({"name": name, "path": path.split("?")[0], "violations": violations})
    failures = [(p["name"], v["id"]) for p in recorded for v in p["violations"]]
    if os.environ.get("MINUTEBOOK_RECORD_SITE_CHECKS") == "1":
        record = {
            "checked_at": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
            "tool": f"axe-core {engine} in Chromium".strip(),
            "standard": "WCAG 2.2 AA",
            "pages": recorded,
        }
        SITE_CHECKS.write_text(json.dumps(record, indent=2) + "\n", encoding="utf-8")
    assert failures == []


def test_the_shipped_record_is_readable_and_dated():
    from agenda.scanning.statement import load_site_checks

    record = load_site_checks()
    assert record is not None, "run `make site-checks` and commit agenda/scanning/site_checks.json"
    assert record.checked_on <= datetime.date.today()
    assert len(record.pages) >= 10
