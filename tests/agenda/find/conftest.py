"""A small fictional council for the search, feed, calendar and API tests.

`council` publishes three meetings with realistic business, and plants MARKER in every
place that must stay private: an exempt item's content, an unpublished document and a
draft meeting. The search index is then rebuilt through the publishing code path."""

import datetime
from types import SimpleNamespace

import pytest
from django.core.files.base import ContentFile
from django.db import connection
from django.utils import timezone

from agenda.models import Meeting
from agenda.printing.simple_pdf import make_pdf
from agenda.search.indexing import rebuild_search_index, refresh_search_for_meeting
from tests import factories as f

MARKER = "zqxsecretmarker"


def _when(days):
    base = timezone.now().replace(hour=18, minute=0, second=0, microsecond=0)
    return base + datetime.timedelta(days=days)


def _item(meeting, title, text, *, minutes="", recommendations=(), resolutions=(), **extra):
    item = f.AgendaItemFactory(
        meeting=meeting, title=title, agenda_text=f"<p>{text}</p>", minutes_text=minutes, **extra
    )
    for n, rec in enumerate(recommendations, start=1):
        f.RecommendationFactory(item=item, position=n, text=f"<p>{rec}</p>")
    for n, res in enumerate(resolutions, start=1):
        f.ResolutionFactory(
            item=item, position=n, text=f"<p>{res}</p>", votes_for=7, votes_against=2
        )
    return item


def _pdf_document(item, title, paragraphs, **extra):
    return f.DocumentFactory(
        item=item,
        title=title,
        file=ContentFile(make_pdf(title, paragraphs), name="report.pdf"),
        **extra,
    )


@pytest.fixture
def council(db):
    venue = f.VenueFactory(name="City Hall, Committee Room 1", postcode="ZZ1 1AA")
    planning = f.CommitteeFactory(name="Planning Committee", default_venue=venue)
    area = f.CommitteeFactory(
        name="Eastbrook Area Committee",
        purpose="<p>Local services, the library service and parks in Eastbrook.</p>",
        default_venue=venue,
    )
    cabinet = f.CommitteeFactory(name="Cabinet", kind="executive", default_venue=venue)
    chair = f.PersonFactory(name="Amira Okafor", title="Cllr")
    f.MembershipFactory(person=chair, committee=area, role="chair")
    f.MembershipFactory(committee=planning)

    # Area committee: agenda and approved minutes out, with an exempt item.
    area_meeting = f.MeetingFactory(committee=area, start=_when(-40))
    exploitation = _item(
        area_meeting,
        "Protecting children and vulnerable adults at risk of exploitation",
        "An update on the strategic response to child exploitation and complex "
        "safeguarding across the district, with partners in the safeguarding board.",
        minutes="Members discussed county lines and the work of the safeguarding partnership.",
        recommendations=["That a further update on exploitation be received in 12 months."],
        resolutions=["That the report on exploitation be noted."],
    )
    library = _item(
        area_meeting,
        "Future of Eastbrook Library",
        "Options for the library building, including reduced opening hours and a "
        "community-managed library run by volunteers.",
        minutes="The committee heard from residents opposed to closure of the library.",
        resolutions=["That the library remain open with volunteer support."],
    )
    exempt = _item(
        area_meeting,
        "Disposal of land at Mill Lane",
        f"Confidential valuation {MARKER} of the site.",
        minutes=f"Members agreed the price {MARKER}.",
        recommendations=[f"That the offer {MARKER} be accepted."],
        resolutions=[f"That the land be sold {MARKER}."],
        is_exempt=True,
        exempt_paragraph=3,
    )
    _pdf_document(
        exploitation,
        "Document E: exploitation report",
        ["Contextual safeguarding and missing from home interviews reduce risk."],
    )
    _pdf_document(exempt, "Valuation appendix", [f"Valuation {MARKER}"], is_exempt=True)
    f.AttendanceFactory(meeting=area_meeting, person=chair)
    f.DeclarationFactory(item=library, person=chair, description="Member of Friends of the Library")
    f.DeclarationFactory(item=exempt, person=chair, description=f"Knows the buyer {MARKER}")
    f.ActionFactory(item=library, owner="Director of Place", description="Recruit volunteers.")
    f.ActionFactory(item=exempt, owner="Chief Executive", description=f"Complete sale {MARKER}")
    f.publish(area_meeting, minutes=True, approved=True)
    # A document uploaded after publication and not yet published itself.
    _pdf_document(library, "Late survey results", [f"Survey {MARKER}"], published_at=None)

    # Planning: agenda only (minutes still a draft, so not public).
    planning_meeting = f.MeetingFactory(committee=planning, start=_when(-5))
    pothole = _item(
        planning_meeting,
        "Highways maintenance: pothole repairs programme",
        "The annual programme of carriageway resurfacing and pothole repairs.",
        minutes=f"Draft minute {MARKER} not yet published.",
        recommendations=["That the resurfacing programme be approved."],
    )
    f.publish(planning_meeting)

    # Cabinet: published agenda, then cancelled.
    cabinet_meeting = f.MeetingFactory(committee=cabinet, start=_when(10))
    budget = _item(
        cabinet_meeting,
        "Council tax and budget proposals",
        "The medium term financial strategy and the proposed council tax increase.",
    )
    f.publish(cabinet_meeting)
    cabinet_meeting.status = Meeting.Status.CANCELLED
    cabinet_meeting.status_notice = "Cancelled: business moved to next month."
    cabinet_meeting.save()

    # A draft meeting nobody may see.
    draft = f.MeetingFactory(committee=cabinet, start=_when(20), title=f"Draft {MARKER}")
    _item(draft, f"Secret plan {MARKER}", f"Draft text {MARKER}")

    rebuild_search_index()
    for meeting in (area_meeting, planning_meeting, cabinet_meeting, draft):
        refresh_search_for_meeting(meeting)
    return SimpleNamespace(
        venue=venue,
        planning=planning,
        area=area,
        cabinet=cabinet,
        area_meeting=area_meeting,
        planning_meeting=planning_meeting,
        cabinet_meeting=cabinet_meeting,
        draft=draft,
        exploitation=exploitation,
        library=library,
        exempt=exempt,
        pothole=pothole,
        budget=budget,
        chair=chair,
    )


@pytest.fixture
def postgres_only():
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL full-text search")
