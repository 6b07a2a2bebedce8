"""`manage.py load_demo` builds the whole demo council and a second run changes nothing."""

import datetime
import hashlib
import io
from collections import Counter
from pathlib import Path

import pytest
from django.apps import apps
from django.core.management import call_command

from agenda.demo.build import LOGINS
from agenda.models import (
    Action,
    AgendaItem,
    Attendance,
    Declaration,
    Document,
    FormerSlug,
    Meeting,
    Topic,
)
from agenda.printing.simple_pdf import make_pdf
from agenda.publishing.pdf_safety import inspect_pdf
from committees.models import Committee, Person

pytestmark = pytest.mark.django_db(transaction=False)

ANCHOR = "2026-11-25"


def run():
    out = io.StringIO()
    call_command("load_demo", f"--anchor={ANCHOR}", stdout=out)
    return out.getvalue()


def snapshot(media_root):
    # Unmanaged models (django_rq's dashboard) have no table to count.
    counts = {
        model._meta.label: model.objects.count()
        for model in apps.get_models()
        if model._meta.managed
    }
    files = {
        path.name: hashlib.sha256(path.read_bytes()).hexdigest()
        for path in Path(media_root).rglob("*")
        if path.is_file()
    }
    meetings = list(Meeting.objects.values_list("slug", "updated_at", "minutes_status"))
    return counts, files, meetings


def assert_demo_contents():
    kinds = Counter(Committee.objects.values_list("kind", flat=True))
    assert kinds == {
        "full_council": 1,
        "executive": 1,
        "area_committee": 3,
        "scrutiny": 2,
        "panel": 1,
        "regulatory": 1,
    }
    assert Person.objects.councillors().count() >= 30
    officers = Person.objects.officers()
    assert officers.exists() and all(o.phone.startswith("01632 960") for o in officers)
    assert 35 <= Meeting.objects.count() <= 50
    cancelled = Meeting.objects.get(status=Meeting.Status.CANCELLED)
    assert cancelled.status_notice and cancelled.is_listed
    exempt = AgendaItem.objects.get(is_exempt=True)
    assert exempt.exempt_paragraph and exempt.public_interest_reason
    assert not Document.objects.public().filter(item=exempt).exists()
    assert Attendance.objects.exists() and Declaration.objects.exists()
    assert Topic.objects.filter(items__isnull=False).distinct().count() >= 1
    assert Action.objects.filter(due_date__isnull=False).exists()


def assert_publication_states():
    anchor = datetime.date.fromisoformat(ANCHOR)
    past = Meeting.objects.filter(start__date__lt=anchor)
    assert not past.exclude(agenda_status="published").exists()
    assert past.filter(minutes_status="approved").exists()
    assert past.filter(minutes_status="draft_published").exists()
    future = Meeting.objects.filter(start__date__gt=anchor)
    assert not future.filter(is_listed=False).exists()
    assert future.filter(agenda_status="published").count() == 2
    assert AgendaItem.objects.filter(kind="previous_minutes", previous_minutes_of__isnull=False)
    assert AgendaItem.objects.filter(kind="exclusion").exists()
    sample_shaped = AgendaItem.objects.filter(
        report_reference__startswith="Document",
        contact_officer__phone__startswith="01632",
        scrutiny_area__isnull=False,
        recommendations__position=3,
        resolutions__position=3,
    ).exclude(action_owner="")
    assert sample_shaped.exists()
    document = Document.objects.filter(item__in=sample_shaped, content_type="application/pdf")[0]
    with document.file.open("rb") as pdf:
        inspection = inspect_pdf(pdf.read())
    assert inspection.ok and inspection.pages >= 1, inspection.problems
    published = Meeting.objects.with_public_agenda()
    generated = Document.objects.filter(is_generated=True, kind="agenda_frontsheet")
    assert generated.count() == published.count()
    minutes = Document.objects.filter(is_generated=True, kind="minutes")
    assert minutes.count() == Meeting.objects.with_public_minutes().count()
    # The latest meetings have their decision notices out, each printed.
    from agenda.models import Decision

    noticed = Meeting.objects.filter(decisions__published_at__isnull=False).distinct()
    assert noticed.count() >= 3
    notices = Document.objects.filter(is_generated=True, kind="decisions", meeting__in=noticed)
    assert notices.count() == noticed.count()
    assert Decision.objects.public().count() >= 5


@pytest.fixture
def quick_print(monkeypatch):
    """Publishing renders printed PDFs with WeasyPrint (~0.5 s each, ~70 of them); the PDF
    tests cover rendering, so here a small real PDF stands in and everything else
    (storing the generated documents, publication state) runs as in the product."""

    def render_kind(meeting, kind, *, preview=False):
        return make_pdf(f"{kind} {meeting.slug}", ["Printed by the test."]), []

    monkeypatch.setattr("agenda.printing.publish.render_kind", render_kind)


def test_load_demo_builds_the_council_and_a_second_run_changes_nothing(settings, quick_print):
    output = run()
    for login in LOGINS:
        assert f"{login.username} / {login.password}" in output
    assert "http://127.0.0.1:8000/editor/" in output
    assert_demo_contents()
    assert_publication_states()
    before = snapshot(settings.MEDIA_ROOT)

    run()
    assert snapshot(settings.MEDIA_ROOT) == before


def test_load_demo_on_a_later_day_moves_meetings_and_reprints_their_pdfs(quick_print):
    run()
    meeting = Meeting.objects.with_public_minutes().earliest()
    printed = dict(meeting.documents.filter(is_generated=True).values_list("kind", "sha256"))

    call_command("load_demo", "--anchor=2026-12-09", stdout=io.StringIO())
    moved = Meeting.objects.get(pk=meeting.pk)
    assert moved.start - meeting.start == datetime.timedelta(days=14)
    assert moved.slug != meeting.slug
    reprinted = dict(moved.documents.filter(is_generated=True).values_list("kind", "sha256"))
    assert reprinted.keys() == printed.keys()
    assert all(reprinted[kind] != printed[kind] for kind in printed)
    assert Meeting.objects.count() == len(set(Meeting.objects.values_list("slug", flat=True)))
    # Moved through the publishing step: a public notice, and the old address redirects.
    assert moved.notices.filter(kind="moved").exists()
    assert moved.transitions.filter(kind="moved").exists()
    assert FormerSlug.objects.get(slug=meeting.slug).meeting == moved
