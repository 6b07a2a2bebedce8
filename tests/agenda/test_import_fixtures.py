"""Every fixture page (one per ModernGov page type, layout and label form, and the traps)
imports into exactly what its expected file says, and importing it again changes nothing.

The expected files were written from a run and then checked by hand against each page;
after a deliberate change, rewrite them with MB_WRITE_EXPECTED=1 and read the diff."""

import os

import pytest

from agenda.importers.load import import_file
from tests.agenda.import_expect import PAGES, read_expected, stored_state, write_expected

pytestmark = pytest.mark.django_db
SOURCES = sorted(p for p in PAGES.iterdir() if p.suffix in {".txt", ".html", ".xml", ".pdf"})


@pytest.mark.parametrize("fixture", SOURCES, ids=lambda path: path.name)
def test_fixture_imports_as_expected_and_twice_changes_nothing(fixture):
    report = import_file(fixture.name, fixture.read_bytes())
    assert report.ok, report.lines()
    state = stored_state()
    if os.environ.get("MB_WRITE_EXPECTED"):
        write_expected(fixture, state)
    assert state == read_expected(fixture)
    again = import_file(fixture.name, fixture.read_bytes())
    assert again.ok, again.lines()
    assert not again.created and not again.updated, again.lines()
    assert stored_state() == state
