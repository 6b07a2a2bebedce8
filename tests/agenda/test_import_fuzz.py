"""Mutated ModernGov sources: no exception escapes, and each file either imports cleanly or
fails with a clear reason having saved nothing."""

import datetime

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from agenda.importers.load import import_file
from tests.agenda.import_expect import PAGES
from tests.agenda.import_helpers import FIXTURES, SEED_ITEM, counts

pytestmark = pytest.mark.django_db

SUFFIXES = {".txt", ".html", ".xml", ".pdf"}
SOURCES = sorted(
    p for folder in (FIXTURES, PAGES) for p in folder.iterdir() if p.suffix in SUFFIXES
)
if SEED_ITEM.exists():
    SOURCES.append(SEED_ITEM)
BASES = [(path.name, path.read_bytes()) for path in SOURCES]
NASTY = [b"\x00", b"\xff", b"&amp;#39;", b"&#0;", b"]]>", b"<", b"(1)", b"\xc2\xa0", b"Resolved -"]


@st.composite
def mutated(draw):
    name, data = draw(st.sampled_from(BASES))
    for _ in range(draw(st.integers(1, 4))):
        at = draw(st.integers(0, len(data)))
        kind = draw(st.sampled_from(["cut", "insert", "truncate", "duplicate", "flip"]))
        if kind == "cut":
            data = data[:at] + data[at + draw(st.integers(1, 400)) :]
        elif kind == "insert":
            extra = draw(st.one_of(st.sampled_from(NASTY), st.binary(min_size=1, max_size=20)))
            data = data[:at] + extra + data[at:]
        elif kind == "truncate":
            data = data[:at]
        elif kind == "duplicate":
            data = data[:at] + data[at : at + 300] + data[at:]
        elif at < len(data):
            data = data[:at] + bytes([data[at] ^ draw(st.integers(1, 255))]) + data[at + 1 :]
    return name, data


@settings(
    max_examples=120,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(source=mutated())
def test_mutated_sources_import_cleanly_or_fail_cleanly(source):
    name, data = source
    before = counts()
    report = import_file(name, data, committee="Fuzz Committee", date=datetime.date(2024, 1, 11))
    if report.ok:
        assert report.lines()[0].startswith(f"{name}: imported")
    else:
        assert counts() == before
        assert report.error
        assert "Unexpected problem" not in report.error, report.error
