"""How long `load_demo` takes: a first run on a fresh database and a rerun (no changes).

Uses a throwaway SQLite file unless DATABASE_URL is set. Prints its figures. The first run
publishes every past meeting through agenda.publishing, which renders the printed PDFs
(WeasyPrint): that dominates it. A rerun on the same day must take about a second.
"""

import logging
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
workdir = tempfile.mkdtemp(prefix="bench-demo-")
os.environ.setdefault("DATABASE_URL", f"sqlite:///{workdir}/bench.sqlite3")
os.environ["MEDIA_ROOT"] = f"{workdir}/media"
os.environ.setdefault("DEBUG", "1")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "minutes_site.settings")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from agenda.demo.build import load_demo  # noqa: E402
from agenda.models import AgendaItem, Document, Meeting  # noqa: E402

logging.getLogger("weasyprint").setLevel(logging.WARNING)  # one line per rendering step
call_command("migrate", verbosity=0)
for label in ("first run", "rerun"):
    with CaptureQueriesContext(connection) as queries:
        started = time.perf_counter()
        load_demo()
        elapsed = time.perf_counter() - started
    print(f"load_demo {label}: {elapsed:.2f} s, {len(queries)} queries")
print(
    f"built {Meeting.objects.count()} meetings, {AgendaItem.objects.count()} items, "
    f"{Document.objects.count()} documents ({connection.vendor})"
)
