"""Benchmark: import 1,000 agenda items from generated GetMeeting XML; print items per second.
The search index is refreshed once per meeting by the task worker: its time is printed
after the import's (the queued tasks are run here with `db_worker --batch`).

Usage: .venv/bin/python bench/bench_import.py [ITEMS]
Uses a fresh temporary SQLite database unless DATABASE_URL is set (then that database is
migrated and written to: point it at a scratch database)."""

import os
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DEBUG", "1")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "minutes_site.settings")
if "DATABASE_URL" not in os.environ:
    os.environ["DATABASE_URL"] = f"sqlite:///{tempfile.mkdtemp()}/bench.sqlite3"

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402

from agenda.importers.load import import_file  # noqa: E402
from agenda.models import AgendaItem  # noqa: E402

ITEMS_PER_MEETING = 100


def item_xml(run, n):
    html = (
        "&lt;p&gt;The Director will submit a report (Document &amp;#8220;{L}&amp;#8221;) "
        "on matter {n}.&lt;/p&gt;&lt;p&gt;Recommended &amp;ndash;&lt;/p&gt;"
        "&lt;p&gt;(1) That the report be noted.&lt;/p&gt;&lt;p&gt;(2) That officers report "
        "back in six months&amp;#39; time.&lt;/p&gt;&lt;p&gt;(3) That funding be sought."
        "&lt;/p&gt;&lt;p&gt;(Officer Number{o} Service Manager &amp;ndash; 01632 96{o:04d})"
        "&lt;/p&gt;&lt;p&gt;Overview &amp;amp; Scrutiny Area: Area {s}&lt;/p&gt;"
    ).format(L="ABCDEFGH"[n % 8], n=n, o=n % 40, s=n % 6)
    minutes = (
        f"&lt;p&gt;Members discussed matter {n} at length.&lt;/p&gt;&lt;p&gt;RESOLVED -&lt;/p&gt;"
        "&lt;p&gt;(a) That the report be noted.&lt;/p&gt;&lt;p&gt;(b) That officers report "
        "back.&lt;/p&gt;&lt;p&gt;ACTION: Director of Place&lt;/p&gt;"
    )
    return (
        f"<agendaitem><agendaitemid>{run}{n}</agendaitemid>"
        f"<agendaitemnumber>{n % ITEMS_PER_MEETING + 1}.</agendaitemnumber>"
        f"<agendaitemtitle>Matter number {n}</agendaitemtitle>"
        f"<isrestricted>{'True' if n % 25 == 0 else 'False'}</isrestricted>"
        f"<restrictedparagraph>3</restrictedparagraph>"
        f"<agendaitemtext>{html}</agendaitemtext><minutestext>{minutes}</minutestext>"
        f"<linkeddocuments><linkeddocument><documentid>{run}{n}</documentid>"
        f"<title>Report on matter {n}</title>"
        f"<url>https://democracy.example.gov.uk/documents/s{n}/report.pdf</url>"
        f"</linkeddocument></linkeddocuments></agendaitem>"
    )


def meeting_xml(run, m, numbers):
    items = "".join(item_xml(run, n) for n in numbers)
    return (
        f'<?xml version="1.0" encoding="utf-8"?><getmeeting><meeting>'
        f"<meetingid>{run}{m}</meetingid><committeeid>{run}{m % 5}</committeeid>"
        f"<committeetitle>Bench committee {run} {m % 5}</committeetitle>"
        f"<meetingdate>{(m % 27) + 1:02d}/{(m // 27) % 12 + 1:02d}/2023</meetingdate>"
        f"<meetingtime>18:00</meetingtime><location>Council Chamber</location>"
        f"<agendaitems>{items}</agendaitems></meeting></getmeeting>"
    ).encode()


def cpu_seconds():
    """(this process's CPU seconds, its PostgreSQL backend's, or None if not readable)."""
    mine = time.process_time()
    if django.db.connection.vendor != "postgresql":
        return mine, None
    with django.db.connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        pid = cursor.fetchone()[0]
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:  # a database on another machine
        return mine, None
    ticks = os.sysconf("SC_CLK_TCK")
    return mine, (int(fields[11]) + int(fields[12])) / ticks  # utime + stime


def worker_indexes(label, items, import_seconds):
    """An import re-indexes each meeting once, in the task worker: run the queued tasks
    here (`db_worker --batch`) and say how long they took, and the total."""
    from django.conf import settings
    from django_tasks_db.models import DBTaskResult

    if settings.TASKS_BACKEND != "database":
        return  # inline (the import's own time includes it) or another worker's queue
    queued = DBTaskResult.objects.ready().count()
    if not queued:
        return
    started = time.perf_counter()
    call_command("db_worker", batch=True, startup_delay=False, reload=False, verbosity=0)
    elapsed = time.perf_counter() - started
    total = import_seconds + elapsed
    print(
        f"  + search index by the worker: {queued} tasks in {elapsed:.2f}s; "
        f"import and index together {items / total:.0f} items/s"
    )


def main():
    total = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    call_command("migrate", verbosity=0)
    from django_tasks_db.models import DBTaskResult

    DBTaskResult.objects.ready().delete()  # a scratch database: time only this run's tasks
    run = uuid.uuid4().hex[:6]
    files = [
        (
            f"meeting-{m}.xml",
            meeting_xml(run, m, range(start, min(start + ITEMS_PER_MEETING, total))),
        )
        for m, start in enumerate(range(0, total, ITEMS_PER_MEETING))
    ]
    engine = django.db.connection.vendor
    for label in ("first import", "re-import (unchanged)"):
        cpu = cpu_seconds()
        started = time.perf_counter()
        reports = [import_file(name, data) for name, data in files]
        elapsed = time.perf_counter() - started
        cpu = [after - before for before, after in zip(cpu, cpu_seconds(), strict=True)]
        failed = [r.lines()[0] for r in reports if not r.ok]
        assert not failed, failed
        items = sum(r.items for r in reports)
        print(
            f"{label}: {items} items in {elapsed:.2f}s = {items / elapsed:.0f} items/s ({engine})"
        )
        if cpu[1] is not None:
            print(
                f"  CPU: {cpu[0]:.2f}s Python + {cpu[1]:.2f}s PostgreSQL backend = "
                f"{items / sum(cpu):.0f} items per CPU-second (what an idle machine reaches, "
                "less waiting on disk; load on a shared machine only stretches the wall time)"
            )
        worker_indexes(label, items, elapsed)
    assert AgendaItem.objects.filter(external_id__startswith=f"mg-item-{run}").count() == total
    # Printed PDFs (agenda frontsheet, reports pack, minutes) as the command renders them,
    # for two meetings not imported yet (an unchanged re-import prints nothing).
    printed_run = uuid.uuid4().hex[:6]
    sample = [
        (f"printed-{m}.xml", meeting_xml(printed_run, m, range(m * 100, (m + 1) * 100)))
        for m in range(2)
    ]
    started = time.perf_counter()
    for name, data in sample:
        assert import_file(name, data, pdfs=True).ok
    each = (time.perf_counter() - started) / len(sample)
    print(f"printed PDFs (3 per meeting of {ITEMS_PER_MEETING} items): {each:.2f}s per meeting")


if __name__ == "__main__":
    main()
