"""Memory of the two kinds of process a deployment runs: a gunicorn web worker and a task
worker that renders a publication (docs/deployment.md sizes machines from these).

1. Sets up a site (the demo council, `load_demo`) in a throwaway SQLite database unless
   DATABASE_URL is set (then that database is migrated and used: point it at a scratch one;
   MEDIA_ROOT, if set, is its files' folder).
2. Render worker: queues the publication of a 100-item meeting with 30 five-page reports
   through the publishing door (database task queue), runs `manage.py db_worker --batch`
   as its own process and prints that process's peak RSS (`resource.getrusage`,
   RUSAGE_CHILDREN of a wrapper whose only child is the worker) and its time.
3. Web workers: starts gunicorn as in production (`gunicorn minutes_site.wsgi --workers N`,
   DEBUG off, static files collected, the page cache off so every request renders),
   requests every public meeting page, the home page, meeting lists, a search, printed PDFs,
   feeds and the JSON Lines export for `--rounds` rounds, then stops it; each worker writes
   its own peak RSS (`resource.getrusage(RUSAGE_SELF)`) as it exits (a gunicorn hook).

    .venv/bin/python bench/bench_memory.py [--workers 2] [--rounds 3]
"""

import argparse
import json
import os
import signal
import socket
import subprocess  # nosec B404: runs gunicorn and our own manage.py
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
GUNICORN = str(Path(PYTHON).with_name("gunicorn"))

GUNICORN_HOOKS = """
import os, resource

def worker_exit(server, worker):
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux
    with open(os.path.join({folder!r}, f"worker-{{os.getpid()}}.rss"), "w") as out:
        out.write(str(peak))
"""

RENDER_JOB = """
import django
django.setup()
from django.core.files.base import ContentFile
from agenda import publishing
from agenda.models import Publication
from agenda.printing.simple_pdf import make_pdf
from tests import factories as f

TEXT = "Members considered the report on the district's highways maintenance programme."
import uuid
committee = f.CommitteeFactory(name=f"Memory bench committee {uuid.uuid4().hex[:8]}")
meeting = f.MeetingFactory(committee=committee, title="Memory bench meeting")
for n in range(1, 101):
    item = f.AgendaItemFactory(meeting=meeting, position=n, title=f"Item {n}",
                               agenda_text=f"<p>{TEXT}</p>")
    for r in (1, 2):
        f.RecommendationFactory(item=item, position=r, text=f"<p>That {r} be agreed.</p>")
    if n <= 30:
        data = make_pdf(f"Report {n}", [TEXT] * 6, pages=5)
        f.DocumentFactory(item=item, title=f"Report {n}", file=ContentFile(data, "r.pdf"))
from django.contrib.auth import get_user_model
User = get_user_model()
name = "memory-bench-manager"
manager = User.objects.filter(username=name).first()
manager = manager or f.user_in_group(name, "Democratic services manager")
result = publishing.run("publish_agenda", meeting, manager, urgency_reason="Bench.")
print(result.pending.pk)
"""

WORKER_WRAPPER = """
import resource, subprocess, sys, time
start = time.perf_counter()
subprocess.run(sys.argv[1:], check=True)
peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
print(f"{peak} {time.perf_counter() - start:.2f}")
"""

URLS_JOB = """
import django
django.setup()
from agenda.models import Document, Meeting
meetings = Meeting.objects.public().order_by("-start")[:60]
for meeting in meetings:
    print(meeting.get_absolute_url())
for document in Document.objects.public().filter(is_generated=True)[:20]:
    print(document.get_absolute_url())
"""


def environment(folder, database_url):
    env = {
        **os.environ,
        "DEBUG": "0",
        "SECRET_KEY": "bench-only-not-secret-" + "x" * 40,
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_SSL_REDIRECT": "0",
        "SECURE_HSTS_SECONDS": "0",
        "LOG_LEVEL": "WARNING",
        "DATABASE_URL": database_url,
        "MEDIA_ROOT": os.environ.get("MEDIA_ROOT") or str(folder / "media"),
        "STATIC_ROOT": str(folder / "static"),
        "CACHE_URL": f"file://{folder / 'cache'}",
        "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
        "TASKS_BACKEND": "database",
        "PAGE_CACHE_SECONDS": "0",
        "PYTHONPATH": str(ROOT),
        "DJANGO_SETTINGS_MODULE": "minutes_site.settings",
    }
    env.pop("MINUTEBOOK_TESTING", None)
    return env


def run(args, env, **options):
    done = subprocess.run(args, cwd=ROOT, env=env, check=False, **options)  # noqa: S603  # nosec B603
    if done.returncode:
        raise SystemExit(f"failed ({done.returncode}): {args[:3]}\n{done.stderr or ''}")
    return done


def manage(env, *args, **options):
    return run([PYTHON, "manage.py", *args], env, **options)


def set_up(env):
    manage(env, "migrate", "--noinput", "-v", "0")
    manage(env, "collectstatic", "--noinput", "-v", "0")
    has_meetings = run(
        [
            PYTHON,
            "-c",
            "import django; django.setup(); from agenda.models import Meeting; "
            "print(Meeting.objects.exists())",
        ],
        env,
        capture_output=True,
        text=True,
    ).stdout.strip()
    if has_meetings != "True":
        print("loading the demo council (a few minutes)...", flush=True)
        # The demo publishes its meetings as it loads them: tasks at once, no worker.
        manage({**env, "TASKS_BACKEND": "immediate"}, "load_demo", capture_output=True)


def render_worker(env):
    queued = run([PYTHON, "-c", RENDER_JOB], env, capture_output=True, text=True)
    publication = queued.stdout.split()[-1]
    command = [PYTHON, "manage.py", "db_worker", "--batch", "--no-startup-delay", "--no-reload"]
    out = run([PYTHON, "-c", WORKER_WRAPPER, *command], env, capture_output=True, text=True)
    peak_kib, seconds = out.stdout.split()[-2:]
    status = run(
        [
            PYTHON,
            "-c",
            "import django; django.setup(); from agenda.models import Publication; "
            f"print(Publication.objects.get(pk={int(publication)}).status)",
        ],
        env,
        capture_output=True,
        text=True,
    ).stdout.strip()
    print(
        f"render worker (db_worker rendering a 100-item meeting, 30 reports, publication "
        f"{status}): peak RSS {int(peak_kib) / 1024:.0f} MiB, {float(seconds):.1f} s"
    )


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url):
    try:
        with urllib.request.urlopen(url, timeout=60) as response:  # noqa: S310  # nosec B310
            response.read()
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def web_workers(env, folder, workers, rounds):
    hooks = folder / "gunicorn_hooks.py"
    hooks.write_text(GUNICORN_HOOKS.format(folder=str(folder)))
    paths = run([PYTHON, "-c", URLS_JOB], env, capture_output=True, text=True).stdout.split()
    paths += [
        "/",
        "/meetings/",
        "/forward-plan/",
        "/decisions/",
        "/decisions/feed/",
        "/search/?q=planning+application",
        "/search/?q=budget",
        "/api/v1/export.jsonl",
    ]
    port = free_port()
    server = subprocess.Popen(  # noqa: S603  # nosec B603
        [
            GUNICORN,
            "minutes_site.wsgi",
            "--workers",
            str(workers),
            "--config",
            str(hooks),
            "--bind",
            f"127.0.0.1:{port}",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}"
    for _ in range(150):
        try:
            fetch(base + "/healthz")
            break
        except OSError:
            if server.poll() is not None:
                raise RuntimeError(server.stderr.read().decode()) from None
            time.sleep(0.2)
    statuses = {}
    started = time.perf_counter()
    for _ in range(rounds):
        for path in paths:
            status = fetch(base + path)
            statuses[status] = statuses.get(status, 0) + 1
    elapsed = time.perf_counter() - started
    os.killpg(server.pid, signal.SIGTERM)
    server.wait(timeout=60)
    peaks = sorted(int(p.read_text()) / 1024 for p in folder.glob("worker-*.rss"))
    print(
        f"web workers (gunicorn, {workers} workers, {sum(statuses.values())} requests in "
        f"{elapsed:.0f} s, statuses {json.dumps(statuses)}): peak RSS per worker "
        + ", ".join(f"{peak:.0f} MiB" for peak in peaks)
    )


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="bench-memory-"))
    database_url = os.environ.get("DATABASE_URL") or f"sqlite:///{folder / 'bench.sqlite3'}"
    env = environment(folder, database_url)
    set_up(env)
    render_worker(env)
    web_workers(env, folder, args.workers, args.rounds)


if __name__ == "__main__":
    main()
