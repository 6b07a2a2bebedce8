"""Realistic public-site data built from the shared factories: a published meeting with
numbered items, recommendations, resolutions, documents, attendance and declarations.
Used by the public-site tests, the browser tests and bench/bench_meeting_page.py."""

import datetime

from django.core.files.base import ContentFile
from django.utils import timezone

from agenda.models import Attendance, Document
from agenda.printing.simple_pdf import make_pdf
from committees.models import Membership
from tests import factories as f


def pdf(title):
    return ContentFile(make_pdf(title, [f"{title}: a public report."]), name="report.pdf")


def realistic_meeting(
    *,
    items=4,
    documents=4,
    attendees=5,
    minutes=True,
    approved=False,
    start=None,
    committee=None,
    committee_name="Keighley Area Committee",
    exempt=True,
):
    """A published meeting shaped like the sample item's meeting. `documents` item documents
    are spread over the open items; three meeting-level generated PDFs are always added."""
    officer = f.OfficerFactory(name="Dana Minton", job_title="Manager", phone="01632 960361")
    committee = committee or f.CommitteeFactory(
        name=committee_name,
        kind="area_committee",
        support_officer=officer,
        purpose="<p>Takes decisions on local matters for the area's wards.</p>",
    )
    start = start or timezone.now() - datetime.timedelta(days=7)
    meeting = f.MeetingFactory(committee=committee, start=start, contact_officer=officer)
    area = f.ScrutinyAreaFactory(name="Children's Services")
    topic = f.TopicFactory(name="Exploitation of children and vulnerable adults")
    open_items = []
    for number in range(1, items + 1):
        item = f.AgendaItemFactory(
            meeting=meeting,
            title=f"Protecting children and vulnerable adults, part {number}",
            agenda_text="<p>The Chief Executive will submit a report which provides an "
            "update on the strategic response to exploitation.</p>",
            report_reference='Document "E"',
            contact_officer=officer,
            scrutiny_area=area,
            topic=topic,
            minutes_text="<p>The Chief Executive submitted a report. Members asked how a "
            "referral was made.</p>",
            action_owner="Chief Executive",
        )
        for position in (1, 2):
            f.RecommendationFactory(
                item=item, position=position, text=f"<p>Recommendation {position}.</p>"
            )
            f.ResolutionFactory(item=item, position=position, text=f"<p>Resolved {position}.</p>")
        open_items.append(item)
    if exempt:
        f.AgendaItemFactory(
            meeting=meeting,
            title="Contract award for youth services",
            is_exempt=True,
            exempt_paragraph=3,
            agenda_text="<p>Private.</p>",
        )
    for number in range(documents):
        f.DocumentFactory(
            item=open_items[number % len(open_items)],
            title=f"Report {number + 1} on exploitation",
            file=pdf(f"Report {number + 1}"),
        )
    for kind, title in (
        (Document.Kind.AGENDA_FRONTSHEET, "Agenda frontsheet"),
        (Document.Kind.AGENDA_PACK, "Public reports pack"),
        (Document.Kind.MINUTES, "Printed minutes"),
    ):
        f.DocumentFactory(item=None, meeting=meeting, kind=kind, title=title, file=pdf(title))
    party = f.PartyFactory(name="Independent")
    for number in range(attendees):
        person = f.PersonFactory(name=f"Alex Member{number}", party=party)
        f.MembershipFactory(
            person=person,
            committee=committee,
            role=Membership.Role.CHAIR if number == 0 else Membership.Role.MEMBER,
        )
        status = Attendance.Status.APOLOGIES if number % 5 == 4 else Attendance.Status.PRESENT
        f.AttendanceFactory(meeting=meeting, person=person, status=status)
        if number == 0 and open_items:
            f.DeclarationFactory(item=open_items[0], person=person)
    f.publish(meeting, minutes=minutes, approved=approved)
    return meeting
