"""Server render time of the largest demo-like meeting page.

Builds a published meeting with ~40 items, 100 documents and 30 attendees in a throwaway
test database, then renders its public page N times (default 30) through the full request
stack and prints the median and 95th percentile in milliseconds and the query count, with
the page cache off (every request renders) and then answered from the page cache.

    .venv/bin/python bench/bench_meeting_page.py [runs]
"""

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "minutes_site.settings")
os.environ.setdefault("SECRET_KEY", "bench-only-not-secret")
os.environ.setdefault("MEDIA_ROOT", tempfile.mkdtemp(prefix="mb-bench-"))
os.environ.setdefault("CACHE_URL", "locmem://")  # one process: its own page cache

import warnings  # noqa: E402

import django  # noqa: E402

warnings.filterwarnings("ignore", message="No directory at")

django.setup()

from django.conf import settings  # noqa: E402
from django.core.signals import request_finished, request_started  # noqa: E402
from django.db import close_old_connections, connection  # noqa: E402
from django.template import Template  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import setup_test_environment, teardown_test_environment  # noqa: E402


def main(runs):
    plain_render = Template._render
    setup_test_environment()
    # setup_test_environment() wraps every template render in a signal for the test
    # client; a production server renders without it, and so does this benchmark.
    Template._render = plain_render
    # As Django's TestCase does: keep the test database connection across requests.
    for signal in (request_started, request_finished):
        signal.disconnect(close_old_connections)
    settings.ALLOWED_HOSTS = ["testserver"]
    # No collectstatic here: plain static URLs instead of the hashed manifest.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    # Rendering is measured: the page cache (agenda/caching) would answer all but the first.
    settings.PAGE_CACHE_SECONDS = 0
    old_name = connection.creation.create_test_db(verbosity=0, keepdb=False)
    try:
        from tests.public_data import realistic_meeting

        meeting = realistic_meeting(items=40, documents=100, attendees=30)
        url = meeting.get_absolute_url()
        client = Client()
        response = client.get(url, secure=True)  # warm templates and caches
        assert response.status_code == 200, response.status_code
        queries = []

        def count(execute, sql, params, many, context):
            queries.append(sql)
            return execute(sql, params, many, context)

        with connection.execute_wrapper(count):
            client.get(url, secure=True)
        timings, cpu = [], []
        for _ in range(runs):
            started, started_cpu = time.perf_counter(), time.process_time()
            response = client.get(url, secure=True)
            timings.append((time.perf_counter() - started) * 1000)
            cpu.append((time.process_time() - started_cpu) * 1000)
            assert response.status_code == 200
        timings.sort()
        p95 = timings[min(len(timings) - 1, round(0.95 * len(timings)) - 1)]
        print(
            f"meeting page: {meeting.items.count()} items, {meeting.documents.count()} documents,"
        )
        print(
            f"  {meeting.attendances.count()} attendees, {len(response.content) // 1024} KiB HTML"
        )
        print(f"  runs={runs} median={statistics.median(timings):.1f} ms p95={p95:.1f} ms")
        print(f"  CPU time median={statistics.median(cpu):.1f} ms min={min(cpu):.1f} ms")
        print(f"  queries={len(queries)} on {connection.vendor}")
        settings.PAGE_CACHE_SECONDS = 600
        client.get(url, secure=True)
        hits = []
        for _ in range(runs):
            started = time.perf_counter()
            response = client.get(url, secure=True)
            hits.append((time.perf_counter() - started) * 1000)
            assert response["X-Page-Cache"] == "hit"
        hits.sort()
        p95 = hits[min(len(hits) - 1, round(0.95 * len(hits)) - 1)]
        print(f"  from the page cache: median={statistics.median(hits):.2f} ms p95={p95:.2f} ms")
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
        teardown_test_environment()


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 30)
