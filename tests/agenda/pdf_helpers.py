"""Shared helpers for the PDF tests: text extraction and a small meeting to print."""

import io
import shutil
import subprocess

from django.core.files.base import ContentFile
from pypdf import PdfReader, PdfWriter

from agenda.printing.simple_pdf import make_pdf
from tests import factories as f

EXEMPT_MARKER = "ZZSECRETZZ"


def text_of(content):
    reader = PdfReader(io.BytesIO(content))
    return "\n".join(page.extract_text() or "" for page in reader.pages)


def flat(text):
    return " ".join(text.split())


def pdfinfo(content, tmp_path):
    executable = shutil.which("pdfinfo")
    if not executable:
        return None
    path = tmp_path / "doc.pdf"
    path.write_bytes(content)
    # Our own file and a fixed tool: no untrusted input reaches the command line.
    return subprocess.run(  # noqa: S603
        [executable, str(path)], capture_output=True, text=True, check=False
    ).stdout


def encrypted_pdf():
    writer = PdfWriter(clone_from=io.BytesIO(make_pdf("Locked", ["Secret."])))
    writer.encrypt("letmein")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def build_meeting():
    """A meeting with open and exempt items, reports (good, damaged, encrypted, exempt),
    attendance and declarations; exempt content carries EXEMPT_MARKER everywhere."""
    officer = f.OfficerFactory(name="Olive Officer", job_title="Head of Democratic Services")
    committee = f.CommitteeFactory(name="Children's Services Committee", support_officer=officer)
    chair = f.PersonFactory(name="Carla Chair")
    f.MembershipFactory(committee=committee, person=chair, role="chair")
    member = f.PersonFactory(name="Mo Member")
    f.MembershipFactory(committee=committee, person=member)
    meeting = f.MeetingFactory(committee=committee, contact_officer=officer)
    items = [
        f.AgendaItemFactory(meeting=meeting, title="Apologies for absence"),
        f.AgendaItemFactory(
            meeting=meeting,
            title="Child exploitation update",
            agenda_text="<p>The Director will submit Document E.</p>",
            report_reference='Document "E"',
            minutes_text="<p>The committee discussed the exploitation strategy.</p>",
            action_owner="Chief Executive",
        ),
        f.AgendaItemFactory(meeting=meeting, title="Budget monitoring"),
        f.AgendaItemFactory(
            meeting=meeting,
            title="Contract award for transport",
            is_exempt=True,
            exempt_paragraph=3,
            agenda_text=f"<p>{EXEMPT_MARKER} bidder prices.</p>",
            minutes_text=f"<p>{EXEMPT_MARKER} discussed.</p>",
        ),
    ]
    f.RecommendationFactory(item=items[1], position=1, text="<p>That the update be noted.</p>")
    for n in (1, 2, 3):
        f.ResolutionFactory(item=items[1], position=n, text=f"<p>Resolution number {n} agreed.</p>")
    f.ResolutionFactory(item=items[3], position=1, text=f"<p>{EXEMPT_MARKER} resolved.</p>")
    f.DocumentFactory(
        item=items[1],
        title="Exploitation report",
        file=ContentFile(make_pdf("Exploitation report", ["Body."], pages=3), name="e.pdf"),
    )
    f.DocumentFactory(
        item=items[2], title="Broken appendix", file=ContentFile(b"%PDF-1.4 rubbish", name="b.pdf")
    )
    f.DocumentFactory(
        item=items[2], title="Locked appendix", file=ContentFile(encrypted_pdf(), name="l.pdf")
    )
    f.DocumentFactory(
        item=items[2],
        title="Budget report",
        file=ContentFile(make_pdf("Budget report", ["Figures."], pages=2), name="x.pdf"),
    )
    f.DocumentFactory(item=items[1], title=f"{EXEMPT_MARKER} private annex", is_exempt=True)
    f.DocumentFactory(item=items[3], title=f"{EXEMPT_MARKER} tender report")
    f.AttendanceFactory(meeting=meeting, person=chair)
    f.AttendanceFactory(meeting=meeting, person=member, status="apologies")
    f.AttendanceFactory(meeting=meeting, person=officer, status="in_attendance")
    f.DeclarationFactory(item=items[1], person=chair, description="Governor of a local school.")
    f.DeclarationFactory(item=items[3], person=member, description=f"{EXEMPT_MARKER} bidder.")
    return meeting
