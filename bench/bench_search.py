"""Search latency on PostgreSQL: p50/p95 over realistic queries, filters and pages.

Run after bench/generate_large_council.py against the same database:

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/mb_bench DEBUG=1 \\
        .venv/bin/python bench/bench_search.py

"query" times the search itself as the page does it (counts by type, result count, one page
of 20 ranked results, highlighted snippets); "page" times the whole /search/ response
through Django's test client, templates included. Target: p95 <= 50 ms."""

import argparse
import gc
import os
import sys
import time
import timeit
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "minutes_site.settings")
os.environ.setdefault("DEBUG", "1")
os.environ.setdefault("ALLOWED_HOSTS", "testserver,localhost")

import django

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402

from agenda.models import Meeting, SearchEntry  # noqa: E402
from agenda.search.query import add_snippets, search  # noqa: E402
from committees.models import Committee  # noqa: E402

QUERIES = [
    "library",
    "library opening hours",
    "pothole",
    "council tax",
    "child exploitation",
    '"climate emergency"',
    "housing -homelessness",
    "planning application Eastbrook",
    "safeguarding adults annual report",
    "bus service",
    "leisure centre refurbishment Millbank",
    "flood risk",
    "special educational needs",
    "budget",
    "air quality",
    "regeneration Northgate",
    "recycling",
    "street lighting",
    "treasury management strategy",
    "xylophone",  # no hits
]


def percentile(values, share):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def cpu_note():
    """How fast this CPU runs Python just now (lower is faster): on a shared machine the
    timings move with it."""
    best = min(timeit.repeat("sum(range(100_000))", number=20, repeat=5)) / 20 * 1000
    return f"CPU check: sum(range(100000)) in {best:.2f} ms"


def run_query(text, filters, page=1):
    found = search(text, **filters)
    start = (page - 1) * 20
    results = add_snippets(found.entries[start : start + 20], text)
    return found.by_kind, found.total, results


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    if connection.vendor != "postgresql":
        sys.exit("This benchmark measures PostgreSQL full-text search: set DATABASE_URL.")
    committee = Committee.objects.order_by("pk").first()
    cases = [(q, {}) for q in QUERIES]
    cases += [(q, {"committee": committee}) for q in QUERIES[:5]]
    cases += [(q, {"kind": "document"}) for q in QUERIES[5:10]]
    years = {"date_from": date(2015, 1, 1), "date_to": date(2018, 12, 31)}
    cases += [(q, years) for q in QUERIES[10:15]]
    meetings = Meeting.objects.count()
    # generate_large_council.py writes 20,000 meetings at --scale 1.
    print(
        f"Scale ~{meetings / 20_000:.2f} ({meetings} meetings); index: "
        f"{SearchEntry.objects.count()} entries; {len(cases)} cases x {args.repeat}"
    )
    with connection.cursor() as cursor:
        cursor.execute("SHOW shared_buffers")
        shared_buffers = cursor.fetchone()[0]
    print(f"PostgreSQL shared_buffers={shared_buffers}; {cpu_note()}")
    gc.collect()
    gc.freeze()  # as minutes_site/wsgi.py does in each web worker

    for text, filters in cases:  # warm the cache once, like a running server
        run_query(text, filters)
    timings, slowest = [], []
    for _ in range(args.repeat):
        for text, filters in cases:
            started = time.perf_counter()
            _counts, total, _results = run_query(text, filters)
            elapsed = (time.perf_counter() - started) * 1000
            timings.append(elapsed)
            slowest.append((elapsed, text, filters, total))
    client = Client()
    for text in QUERIES:  # warm the page path too (templates, URL patterns)
        client.get("/search/", {"q": text, "page": 2})
    page_timings = []
    for _ in range(args.repeat):
        for text in QUERIES:
            started = time.perf_counter()
            response = client.get("/search/", {"q": text, "page": 2})
            assert response.status_code == 200
            page_timings.append((time.perf_counter() - started) * 1000)

    for name, values in (("query", timings), ("page", page_timings)):
        print(
            f"{name:5}: n={len(values)} p50={percentile(values, 0.5):.1f} ms "
            f"p95={percentile(values, 0.95):.1f} ms max={max(values):.1f} ms"
        )
    print(f"After: {cpu_note()}")
    print("Slowest cases:")
    for elapsed, text, filters, total in sorted(slowest, reverse=True)[:5]:
        print(f"  {elapsed:7.1f} ms  {text!r} {filters or ''} ({total} hits)")


if __name__ == "__main__":
    main()
