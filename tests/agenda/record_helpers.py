"""An approved meeting with printed minutes, and the check that the public page and the
approved minutes PDF say the same thing for every item (tests of the record lock)."""

import datetime
import shutil
import subprocess
import tempfile
from html import unescape
from pathlib import Path

from django.urls import reverse
from django.utils import timezone

from agenda.models import AgendaItem, Attendance
from agenda.publishing.effects import after_publish
from committees.richtext import html_to_text
from tests import factories as f
from tests.agenda.pdf_helpers import flat


def approved_meeting(*, approved=True):
    """A held meeting whose minutes are approved (or only published, `approved=False`),
    with the printed minutes rendered: three items with distinct minutes, resolutions,
    recommendations and actions, attendance and a declaration."""
    committee = f.CommitteeFactory(name="Harbour Board")
    chair = f.PersonFactory(name="Petra Pilot")
    member = f.PersonFactory(name="Quentin Quay")
    meeting = f.MeetingFactory(
        committee=committee, start=timezone.now() - datetime.timedelta(days=14)
    )
    for number, subject in enumerate(("dredging", "moorings", "lighthouse"), start=1):
        item = f.AgendaItemFactory(
            meeting=meeting,
            title=f"Harbour {subject} review",
            agenda_text=f"<p>A report on the {subject} of the harbour.</p>",
            minutes_text=f"<p>Members discussed the {subject} programme at length.</p>",
        )
        f.RecommendationFactory(item=item, position=1, text=f"<p>That {subject} be noted.</p>")
        f.ResolutionFactory(
            item=item, position=1, text=f"<p>That the {subject} plan be agreed.</p>"
        )
        f.ActionFactory(item=item, owner="Harbour Master", description=f"Report on {subject}.")
        if number == 1:
            f.DeclarationFactory(item=item, person=chair, description="Owns a mooring.")
    f.AttendanceFactory(meeting=meeting, person=chair)
    f.AttendanceFactory(meeting=meeting, person=member, status=Attendance.Status.APOLOGIES)
    meeting.status = meeting.Status.HELD
    meeting.save()
    f.publish(meeting, minutes=True, approved=approved)
    meeting.refresh_from_db()
    after_publish(meeting, "minutes", now=timezone.now())
    return meeting


def body(response):
    if hasattr(response, "streaming_content"):
        return b"".join(response.streaming_content)
    return response.content


def pdf_text(content):
    """The text of a PDF as pdftotext reads it (words in reading order), flattened."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "minutes.pdf"
        path.write_bytes(content)
        # A fixed tool on our own file: no untrusted input reaches the command line.
        result = subprocess.run(  # noqa: S603
            [shutil.which("pdftotext"), "-enc", "UTF-8", str(path), "-"],
            capture_output=True,
            text=True,
            check=True,
        )
    return flat(result.stdout)


def snapshot(meeting):
    """What the approved minutes say, item by item (as stored now)."""
    rows = {}
    for item in AgendaItem.objects.filter(meeting=meeting).order_by("position"):
        rows[item.pk] = {
            "heading": item.title,
            "minute": flat(unescape(html_to_text(item.minutes_text))),
            "resolutions": [flat(unescape(html_to_text(r.text))) for r in item.resolutions.all()],
            "actions": [(a.owner, a.description) for a in item.actions.all()],
        }
    times = (meeting.start, meeting.end)
    people = sorted(meeting.attendances.values_list("person__name", "status"))
    declared = sorted(meeting.declarations.values_list("person__name", "description"))
    return {"items": rows, "times": times, "attendance": people, "declarations": declared}


def assert_record_unchanged(client, meeting, before):
    """The stored record equals `before`, and for every item the public meeting page says
    exactly what the approved minutes PDF says."""
    meeting.refresh_from_db()
    assert snapshot(meeting) == before
    page = flat(unescape(html_to_text(body(client.get(meeting.get_absolute_url())).decode())))
    response = client.get(reverse("agenda:meeting_minutes_pdf", kwargs={"slug": meeting.slug}))
    assert response.status_code == 200
    printed = pdf_text(body(response))
    open_ids = set(AgendaItem.objects.open_content().values_list("pk", flat=True))
    for pk, row in before["items"].items():
        # Exempt items: number and title only, on the page and in print alike.
        texts = (row["minute"], *row["resolutions"]) if pk in open_ids else ()
        for text in (row["heading"], *(t for t in texts if t)):
            assert text in page, text
            assert text in printed, text
