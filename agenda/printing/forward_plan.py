"""The forward plan as a tagged PDF, from its public entries."""

from django.conf import settings
from django.utils import timezone

from agenda.models import ForwardPlanEntry
from agenda.printing import render


def render_forward_plan():
    entries = (
        ForwardPlanEntry.objects.public()
        .filter(expected_date__gte=timezone.localdate())
        .select_related("contact")
    )
    return render.render_pdf(
        "agenda/pdf/forward_plan.html",
        {
            "council": settings.COUNCIL,
            "doc_title": f"Forward plan of key decisions, {settings.COUNCIL['name']}",
            "generated": timezone.localtime(),
            "entries": list(entries),
        },
    )
