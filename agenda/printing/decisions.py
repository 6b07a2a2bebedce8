"""Printed decisions: the decision notice of one meeting as a tagged PDF, from its
published decisions (an exempt decision prints its title and paragraph only)."""

from django.conf import settings
from django.utils import timezone

from agenda.models import Decision
from agenda.printing import render
from committees.dates import long_date


def notice_decisions(meeting):
    """The meeting's published decisions, in agenda order."""
    return (
        Decision.objects.public()
        .filter(meeting=meeting)
        .select_related("item", "committee", "forward_plan_entry")
        .order_by("item__position", "resolution__position", "pk")
    )


def render_decisions(meeting):
    title = f"Decisions: {meeting.committee.name}, {long_date(meeting.start)}"
    return render.render_pdf(
        "agenda/pdf/decisions.html",
        {
            "council": settings.COUNCIL,
            "doc_title": title,
            "meeting": meeting,
            "generated": timezone.localtime(),
            "today": timezone.localdate(),
            "decisions": list(notice_decisions(meeting)),
        },
    )
