"""Publishing benchmark: a 100-item meeting with 30 reports, published by a manager.

Prints how long the manager waits (the request: checks, decision recorded, task queued;
target under 1 s; the reports were scanned at upload, as the editor does, and the web
worker's deadline calendar is warm, as minutes_site/wsgi.py makes it) and how long the
worker then takes to render every output and make the meeting public, with the worker's
peak memory.

Run: .venv/bin/python bench/bench_publish.py  (throwaway test database and media folder)
"""

import os
import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "minutes_site.settings")
os.environ.setdefault("DEBUG", "1")
os.environ.setdefault("MEDIA_ROOT", tempfile.mkdtemp(prefix="bench-publish-media-"))

import logging

import django

django.setup()
logging.getLogger("weasyprint").setLevel(logging.WARNING)

from django.core.files.base import ContentFile  # noqa: E402
from django.db import connection  # noqa: E402
from django.test.utils import override_settings, setup_test_environment  # noqa: E402

ITEMS, REPORTS = 100, 30
REQUEST_TARGET = 1.0
PARAGRAPH = (
    "Members considered the report on the district's highways maintenance programme, the "
    "winter gritting routes and the repair of footways near schools and health centres."
)


def build():
    from agenda.printing.simple_pdf import make_pdf
    from agenda.scanning.intake import process_upload
    from tests import factories as f

    meeting = f.MeetingFactory()
    for n in range(1, ITEMS + 1):
        item = f.AgendaItemFactory(
            meeting=meeting,
            position=n,
            title=f"Item of business number {n}",
            agenda_text=f"<p>{PARAGRAPH}</p>",
        )
        for r in (1, 2):
            f.RecommendationFactory(item=item, position=r, text=f"<p>That {r} be agreed.</p>")
        if n <= REPORTS:
            data = make_pdf(f"Report for item {n}", [PARAGRAPH] * 6, pages=5)
            document = f.DocumentFactory(
                item=item, title=f"Report {n}", file=ContentFile(data, "r.pdf")
            )
            # As an editor upload is: scanned when it arrives, not when it is published.
            process_upload(document.pk)
    return meeting


def main():
    from agenda import publishing
    from agenda.models import Publication
    from agenda.publishing.tasks import complete_publication
    from tests import factories as f

    setup_test_environment()
    old_name = connection.creation.create_test_db(verbosity=0)
    dummy = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    try:
        meeting = build()
        manager = f.user_in_group("bench-manager", "Democratic services manager")
        # A running web worker has its deadline calendar ready (minutes_site/wsgi.py).
        from agenda.publishing.deadlines import warm_calendar

        warm_calendar()
        with override_settings(TASKS=dummy):
            backend = complete_publication.get_backend()
            start = time.perf_counter()
            result = publishing.run("publish_agenda", meeting, manager, urgency_reason="Bench.")
            backend.results.clear()  # on_commit does not fire here: the worker gets the id
            request = time.perf_counter() - start
            verdict = "OK" if request < REQUEST_TARGET else "OVER TARGET"
            print(
                f"request (manager waits): {request:.2f} s for {ITEMS} items, {REPORTS} reports "
                f"(target < {REQUEST_TARGET:.0f} s, {verdict})"
            )
            before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
            start = time.perf_counter()
            complete_publication.call(result.pending.pk)
            worker = time.perf_counter() - start
        publication = Publication.objects.get(pk=result.pending.pk)
        rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(
            f"worker (render every output, then public): {worker:.2f} s, status "
            f"{publication.status}; process peak RSS {rss:.0f} MiB (before rendering "
            f"{before:.0f} MiB)"
        )
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    main()
