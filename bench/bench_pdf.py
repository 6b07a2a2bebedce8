"""PDF benchmark: printed minutes for a 40-item meeting and a reports pack of 20 ten-page
reports. Prints pages, seconds and peak memory. Targets: minutes <= 3 s, pack <= 5 s.

Run: .venv/bin/python bench/bench_pdf.py  (uses a throwaway test database and media folder)
"""

import os
import resource
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "minutes_site.settings")
os.environ.setdefault("DEBUG", "1")
os.environ.setdefault("MEDIA_ROOT", tempfile.mkdtemp(prefix="bench-pdf-media-"))

import logging

import django

django.setup()
logging.getLogger("weasyprint").setLevel(logging.WARNING)

from django.core.files.base import ContentFile  # noqa: E402
from django.db import connection  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402

TARGETS = {"minutes": 3.0, "pack": 5.0}
PARAGRAPH = (
    "The Director of Children's Services introduced the report and answered members' "
    "questions about referral numbers, staffing in the multi-agency team and the work "
    "with schools, health partners and the police to identify children at risk early."
)


def build():
    from agenda.printing.simple_pdf import make_pdf
    from tests import factories as f

    meeting = f.MeetingFactory()
    for n in range(1, 41):
        item = f.AgendaItemFactory(
            meeting=meeting,
            title=f"Item of business number {n}",
            minutes_text="".join(f"<p>{PARAGRAPH} ({n}.{p})</p>" for p in (1, 2, 3)),
            action_owner="Chief Executive",
        )
        for r in (1, 2, 3):
            f.ResolutionFactory(
                item=item, position=r, text=f"<p>That resolution {r} be agreed.</p>"
            )
        if n <= 20:
            paragraphs = [PARAGRAPH] * 8
            data = make_pdf(f"Report for item {n}", paragraphs, pages=10)
            f.DocumentFactory(item=item, title=f"Report {n}", file=ContentFile(data, "r.pdf"))
    for _ in range(12):
        f.AttendanceFactory(meeting=meeting)
    return f.publish(meeting, minutes=True)


def measure(label, work):
    start = time.perf_counter()
    pages = work()
    seconds = time.perf_counter() - start
    tracemalloc.start()
    work()
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    verdict = "OK" if seconds <= TARGETS[label] else "OVER TARGET"
    print(
        f"{label:8} pages={pages:4d} seconds={seconds:6.2f} (target {TARGETS[label]:.0f} s, "
        f"{verdict}) peak_python_heap={peak / 2**20:6.1f} MiB"
    )


def main():
    from agenda.printing.content import PrintSource
    from agenda.printing.documents import render_minutes
    from agenda.printing.pack import build_pack

    setup_test_environment()
    old_name = connection.creation.create_test_db(verbosity=0)
    try:
        meeting = build()
        source = PrintSource(meeting)
        start = time.perf_counter()
        render_minutes(source)  # cold: loads fonts and templates, as the first render after start
        print(f"minutes (cold, first render in the process): {time.perf_counter() - start:.2f} s")
        measure("minutes", lambda: render_minutes(source).page_count)
        measure("pack", lambda: build_pack(source, title="Bench pack").page_count)
        rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"process peak RSS: {rss:.0f} MiB")
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    main()
