"""Throughput of the public site under gunicorn, measured with wrk, against a static file.

Serves the large-council database (bench/generate_large_council.py, default --scale 1) with
gunicorn as in production (README: `gunicorn minutes_site.wsgi --workers 3`, DEBUG off,
collected static files through WhiteNoise), adds one large published meeting (40 items,
100 documents, 30 attendees, as bench/bench_meeting_page.py) and, in the same run and at
the same concurrency, measures with wrk:

- the meeting page's exact bytes as a static file through WhiteNoise (the yardstick);
- the meeting page, home page and a search page answered from the page cache, once with
  the default file cache and once with Redis (CACHE_URL=redis://...);
- the same pages with the page cache off (PAGE_CACHE_SECONDS=0): every request renders.

It prints requests per second, each page's ratio to the static file, wrk's p50/p95/p99
latency and errors (connect, read, write, timeout, non-2xx), gunicorn's own time per
request for the uncached meeting page (its access log's %(D)s: server time without
queueing), and the peak RSS (VmHWM) of each gunicorn worker. Targets: cached meeting page
>= 0.8x the static file; uncached meeting page p95 <= 20 ms server time; no errors at 64
connections.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/mb_bench \\
        .venv/bin/python bench/bench_throughput.py [--duration 10] [--connections 64]

Needs `wrk` (apt-get install wrk) and a PostgreSQL database filled by
generate_large_council.py; without them it says so and exits. Not part of `make test`.
"""

import argparse
import json
import os
import shutil
import signal
import socket
import subprocess  # nosec B404: runs gunicorn, wrk and our own manage.py
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
GUNICORN = str(Path(PYTHON).with_name("gunicorn"))
REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/9")
BENCH_COMMITTEE = "Throughput Bench Committee"
SEARCH = "/search/?q=library+opening+hours"
STATIC_PATH = "/static/bench/meeting-page.html"
SAMPLE = 200  # the council's own meeting pages timed uncached, each SAMPLE_VISITS times
SAMPLE_VISITS = 3

REPORT_LUA = """
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    '{"requests": %d, "duration_us": %d, "bytes": %d, "p50_us": %d, "p95_us": %d, ' ..
    '"p99_us": %d, "max_us": %d, "connect": %d, "read": %d, "write": %d, ' ..
    '"status": %d, "timeout": %d}\\n',
    summary.requests, summary.duration, summary.bytes, latency:percentile(50),
    latency:percentile(95), latency:percentile(99), latency.max, e.connect, e.read,
    e.write, e.status, e.timeout))
end
"""


def say_what_is_needed():
    database = os.environ.get("DATABASE_URL", "")
    if not shutil.which("wrk"):
        print("bench_throughput: needs wrk (apt-get install -y wrk); skipped.")
        return True
    if not database.startswith("postgres"):
        print(
            "bench_throughput: set DATABASE_URL to a PostgreSQL database filled by "
            "bench/generate_large_council.py (e.g. postgres://postgres@127.0.0.1:5432/mb_bench); "
            "skipped."
        )
        return True
    return False


def server_env(extra):
    env = {
        **os.environ,
        "DEBUG": "0",
        "SECRET_KEY": "bench-only-not-secret-" + "x" * 40,
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_SSL_REDIRECT": "0",
        "SECURE_HSTS_SECONDS": "0",
        "LOG_LEVEL": "WARNING",
        "PYTHONPATH": str(ROOT),
    }
    env.pop("MINUTEBOOK_TESTING", None)
    env.update(extra)
    return env


def prepare(media_root, static_root):
    """The bench meeting (once per database) and the collected static files."""
    env = server_env({"MEDIA_ROOT": str(media_root), "STATIC_ROOT": str(static_root)})
    for command in (["migrate", "--noinput"], ["collectstatic", "--noinput"]):
        subprocess.run(  # noqa: S603  # nosec B603
            [PYTHON, "manage.py", *command, "-v", "0"],
            cwd=ROOT,
            env=env,
            check=True,
        )
    script = f"""
import django, os
django.setup()
from django.db.models import Count
from agenda.models import Meeting
if not Meeting.objects.count():
    raise SystemExit("the database is empty: run bench/generate_large_council.py first")
meeting = Meeting.objects.filter(committee__name={BENCH_COMMITTEE!r}).first()
if meeting is None:
    from tests.public_data import realistic_meeting
    meeting = realistic_meeting(
        items=40, documents=100, attendees=30, committee_name={BENCH_COMMITTEE!r}
    )
# The council's own meeting pages, as readers arrive at them: a fixed random sample of
# those with a public agenda (the bench meeting aside), with their sizes.
import json, random
public = Meeting.objects.public().with_public_agenda().exclude(pk=meeting.pk)
ids = sorted(public.values_list("pk", flat=True))
sample = random.Random(17).sample(ids, min({SAMPLE}, len(ids)))
rows = (
    Meeting.objects.filter(pk__in=sample)
    .annotate(n_items=Count("items", distinct=True), n_documents=Count("documents", distinct=True))
    .order_by("pk")
)
pages = [[m.get_absolute_url(), m.n_items, m.n_documents] for m in rows]
print(json.dumps([meeting.get_absolute_url(), Meeting.objects.count(), pages]))
"""
    out = subprocess.run(  # noqa: S603  # nosec B603
        [PYTHON, "-c", script],
        cwd=ROOT,
        env={**env, "DJANGO_SETTINGS_MODULE": "minutes_site.settings"},
        check=True,
        capture_output=True,
        text=True,
    ).stdout.splitlines()
    return json.loads(out[-1])


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Server:
    """gunicorn with an access log of path, status and microseconds per request."""

    def __init__(self, *, workers, env, log):
        self.port = free_port()
        self.log = log
        self.process = subprocess.Popen(  # noqa: S603  # nosec B603
            [
                GUNICORN,
                "minutes_site.wsgi",
                "--workers",
                str(workers),
                "--bind",
                f"127.0.0.1:{self.port}",
                "--backlog",
                "2048",
                "--access-logfile",
                str(log),
                "--access-logformat",
                "%(U)s %(s)s %(D)s",
            ],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            start_new_session=True,
        )
        self.base = f"http://127.0.0.1:{self.port}"
        for _ in range(100):
            try:
                urllib.request.urlopen(self.base + "/healthz", timeout=5)  # noqa: S310  # nosec B310
                return
            except OSError:
                if self.process.poll() is not None:
                    raise RuntimeError(self.process.stderr.read().decode()) from None
                time.sleep(0.2)
        raise RuntimeError("gunicorn did not start")

    def get(self, path):
        with urllib.request.urlopen(self.base + path, timeout=30) as response:  # noqa: S310  # nosec B310
            return response.status, dict(response.headers), response.read()

    def drain(self):
        """Wait until requests left queued by the last measurement are answered: wrk stops
        at its deadline, gunicorn still works through the connections it had accepted."""
        with urllib.request.urlopen(self.base + "/healthz", timeout=120):  # noqa: S310  # nosec B310
            pass
        time.sleep(1)

    def worker_peak_rss_mb(self):
        peaks = []
        for status in Path("/proc").glob("[0-9]*/status"):
            try:
                text = status.read_text()
            except OSError:
                continue
            fields = dict(line.split(":", 1) for line in text.splitlines() if ":" in line)
            if fields.get("PPid", "").strip() == str(self.process.pid) and "VmHWM" in fields:
                peaks.append(int(fields["VmHWM"].split()[0]) / 1024)
        return sorted(peaks)

    def stop(self):
        os.killpg(self.process.pid, signal.SIGTERM)
        self.process.wait(timeout=30)


def wrk(url, *, duration, connections, threads, script):
    out = subprocess.run(  # noqa: S603  # nosec B603
        [
            shutil.which("wrk"),
            f"-t{threads}",
            f"-c{connections}",
            f"-d{duration}s",
            "--timeout",
            "10s",
            "-s",
            str(script),
            url,
        ],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    line = [row for row in out.splitlines() if row.startswith("{")][-1]
    result = json.loads(line)
    result["rps"] = result["requests"] / (result["duration_us"] / 1e6)
    result["errors"] = sum(result[k] for k in ("connect", "read", "write", "status", "timeout"))
    return result


def server_times_ms(log, offset, path):
    """gunicorn's own times for `path` (or any of a set of paths) logged after `offset`."""
    paths = {path} if isinstance(path, str) else set(path)
    times = []
    with open(log) as lines:
        lines.seek(offset)
        for line in lines:
            parts = line.split()
            if len(parts) == 3 and parts[0] in paths:
                times.append(int(parts[2]) / 1000)
    times.sort()
    if not times:
        return None
    return {
        "n": len(times),
        "p50": times[len(times) // 2],
        "p95": times[min(len(times) - 1, round(0.95 * len(times)) - 1)],
    }


def measure(server, paths, args, script, log):
    """Each path in turn, `--rounds` times over (static file first in every round), so a
    page and the static file are measured under the same load from the rest of the
    machine; returns {name: [result per round]}."""
    for _name, path in paths:
        # Warm every worker (templates, URL resolver, the page cache) before timing.
        wrk(server.base + path, duration=2, connections=args.workers, threads=1, script=script)
        server.drain()
    results = {name: [] for name, _path in paths}
    for _round in range(args.rounds):
        for name, path in paths:
            offset = os.path.getsize(log)
            result = wrk(
                server.base + path,
                duration=args.duration,
                connections=args.connections,
                threads=args.threads,
                script=script,
            )
            server.drain()
            result["server"] = server_times_ms(log, offset, path.split("?")[0])
            results[name].append(result)
    return results


def one_at_a_time(server, path, args, script, log):
    """The page with one connection: gunicorn's time per request without queueing."""
    offset = os.path.getsize(log)
    wrk(server.base + path, duration=args.duration, connections=1, threads=1, script=script)
    server.drain()
    return server_times_ms(log, offset, path.split("?")[0])


def council_pages(server, sample, log):
    """The sampled meeting pages of the large council, one request at a time, each visited
    SAMPLE_VISITS times in turn: gunicorn's own time per request over all of them."""
    if not sample:
        return None
    offset = os.path.getsize(log)
    for _visit in range(SAMPLE_VISITS):
        for path, _items, _documents in sample:
            status, _headers, _body = server.get(path)
            assert status == 200, (path, status)
    server.drain()
    times = server_times_ms(log, offset, [path for path, _items, _documents in sample])
    return {
        **times,
        "items": median([items for _path, items, _documents in sample]),
        "documents": median([documents for _path, _items, documents in sample]),
        "most_items": max(items for _path, items, _documents in sample),
    }


def median(values):
    values = sorted(values)
    return values[len(values) // 2] if values else 0


def summary_of(rounds, static_rounds):
    """Medians over the rounds; the ratio is each round's against that round's static."""
    ratios = [r["rps"] / s["rps"] for r, s in zip(rounds, static_rounds, strict=True) if s["rps"]]
    servers = [r["server"] for r in rounds if r.get("server")]
    return {
        "rps": median([r["rps"] for r in rounds]),
        "ratio": median(ratios),
        "ratios": ratios,
        "p50": median([r["p50_us"] for r in rounds]) / 1000,
        "p95": median([r["p95_us"] for r in rounds]) / 1000,
        "p99": median([r["p99_us"] for r in rounds]) / 1000,
        "errors": sum(r["errors"] for r in rounds),
        "requests": sum(r["requests"] for r in rounds),
        "server_p50": median([x["p50"] for x in servers]) if servers else None,
        "server_p95": median([x["p95"] for x in servers]) if servers else None,
    }


def row(name, result):
    server = ""
    if result["server_p95"] is not None:
        server = f"  server p50 {result['server_p50']:.1f} p95 {result['server_p95']:.1f} ms"
    ratios = "/".join(f"{ratio:.2f}" for ratio in result["ratios"])
    return (
        f"  {name:<28} {result['rps']:>7.0f} req/s  {result['ratio']:>5.2f}x static ({ratios})"
        f"  p50 {result['p50']:>6.1f} p95 {result['p95']:>6.1f} p99 {result['p99']:>6.1f} ms"
        f"  errors {result['errors']}/{result['requests']}{server}"
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=int, default=10, help="seconds per measurement")
    parser.add_argument("--rounds", type=int, default=3, help="measurements of each page")
    parser.add_argument("--connections", type=int, default=64)
    parser.add_argument("--threads", type=int, default=2, help="wrk's threads")
    parser.add_argument("--workers", type=int, default=3, help="gunicorn workers (README: 3)")
    parser.add_argument(
        "--caches", default="file,redis", help="cached runs: file, redis or both (comma)"
    )
    args = parser.parse_args()
    if say_what_is_needed():
        return
    work = Path(tempfile.mkdtemp(prefix="mb-throughput-"))
    out = ROOT / "bench" / "out"
    out.mkdir(parents=True, exist_ok=True)
    media_root = out / "throughput-media"  # kept: the bench meeting's files, across runs
    static_root = work / "static"
    script = work / "report.lua"
    script.write_text(REPORT_LUA)
    meeting_url, meetings, sample = prepare(media_root, static_root)
    base_env = {"MEDIA_ROOT": str(media_root), "STATIC_ROOT": str(static_root)}

    # The static yardstick: the cached meeting page's own bytes, as gunicorn serves them.
    first = Server(
        workers=1,
        env=server_env({**base_env, "CACHE_URL": f"file://{work / 'cache-first'}"}),
        log=work / "first.log",
    )
    try:
        status, _headers, body = first.get(meeting_url)
    finally:
        first.stop()
    assert status == 200, status
    (static_root / "bench").mkdir(exist_ok=True)
    (static_root / "bench" / "meeting-page.html").write_bytes(body)

    load = os.getloadavg()[0]
    print(
        f"throughput: {meetings} meetings in the database; meeting page {meeting_url} "
        f"{len(body) // 1024} KiB; gunicorn {args.workers} sync workers, wrk {args.threads} "
        f"threads x {args.connections} connections, {args.rounds} rounds of {args.duration} s "
        f"per page, on {os.cpu_count()} CPUs (load average {load:.1f} at the start)"
    )
    runs = []
    for cache in [c.strip() for c in args.caches.split(",") if c.strip()]:
        url = REDIS_URL if cache == "redis" else f"file://{work / 'cache'}"
        runs.append((f"page cache on ({cache})", {"CACHE_URL": url}, True))
    off = {"CACHE_URL": f"file://{work / 'cache-off'}", "PAGE_CACHE_SECONDS": "0"}
    runs.append(("page cache off", off, False))
    verdicts, errors = [], 0
    for title, extra, cached in runs:
        log = work / f"{len(verdicts)}-{title.split()[-1]}.log"
        server = Server(workers=args.workers, env=server_env({**base_env, **extra}), log=log)
        try:
            status, _headers, page = server.get(meeting_url)
            assert status == 200 and len(page) == len(body), (status, len(page), len(body))
            paths = [
                ("static file (WhiteNoise)", STATIC_PATH),
                ("meeting page", meeting_url),
                ("home page", "/"),
                ("search page", SEARCH),
            ]
            results = measure(server, paths, args, script, log)
            alone = None if cached else one_at_a_time(server, meeting_url, args, script, log)
            council = None if cached else council_pages(server, sample, log)
            peaks = server.worker_peak_rss_mb()
        finally:
            server.stop()
        static = results["static file (WhiteNoise)"]
        print(f"\n{title}:")
        summaries = {}
        for name, rounds in results.items():
            summaries[name] = summary_of(rounds, static)
            label = name if name.startswith("static") else f"{name}, "
            label += "" if name.startswith("static") else ("cached" if cached else "uncached")
            print(row(label, summaries[name]))
            errors += summaries[name]["errors"]
        if alone:
            print(
                f"  meeting page, uncached, one connection: server p50 {alone['p50']:.1f} "
                f"p95 {alone['p95']:.1f} ms ({alone['n']} requests)"
            )
        if council:
            print(
                f"  the council's own meeting pages, uncached, one connection: {len(sample)} "
                f"pages x {SAMPLE_VISITS} (median {council['items']} items, "
                f"{council['documents']} documents; largest {council['most_items']} items): "
                f"server p50 {council['p50']:.1f} p95 {council['p95']:.1f} ms "
                f"({council['n']} requests)"
            )
        print("  peak RSS per worker: " + ", ".join(f"{mb:.0f} MB" for mb in peaks))
        meeting = summaries["meeting page"]
        if cached:
            verdict = "met" if meeting["ratio"] >= 0.8 else "MISSED"
            verdicts.append(
                f"  cached meeting page >= 0.8x static ({title}): "
                f"{meeting['ratio']:.2f}x, {verdict}"
            )
        else:
            for what, p95 in (
                ("bench meeting, at 64 connections", meeting["server_p95"]),
                ("bench meeting, one connection", alone and alone["p95"]),
                ("the council's own pages, one connection", council and council["p95"]),
            ):
                if p95 is None:
                    continue
                verdict = "met" if p95 <= 20 else "MISSED"
                verdicts.append(
                    f"  uncached meeting page p95 <= 20 ms server time ({what}): {p95:.1f} ms, "
                    f"{verdict}"
                )
    print("\ntargets:")
    print("\n".join(verdicts))
    print(
        f"  no errors at {args.connections} connections: {errors} errors, "
        f"{'met' if errors == 0 else 'MISSED'}"
    )
    print(f"  (load average {os.getloadavg()[0]:.1f} at the end)")
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
