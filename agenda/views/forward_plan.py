"""The forward plan of key decisions: page, tagged PDF and Atom feed."""

from django.contrib.syndication.views import Feed
from django.http import HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.views import View
from django.views.generic import ListView

from agenda.models import ForwardPlanEntry
from agenda.printing.forward_plan import render_forward_plan


def upcoming_entries():
    return (
        ForwardPlanEntry.objects.public()
        .filter(expected_date__gte=timezone.localdate())
        .select_related("contact", "item__meeting")
    )


class ForwardPlanView(ListView):
    """`/forward-plan/`: key decisions to come, soonest first."""

    template_name = "agenda/forward_plan.html"
    context_object_name = "entries"
    paginate_by = 50

    def get_queryset(self):
        return upcoming_entries()


class ForwardPlanPdfView(View):
    def get(self, request):
        response = HttpResponse(render_forward_plan().content, content_type="application/pdf")
        response["Content-Disposition"] = 'inline; filename="forward-plan.pdf"'
        return response


class ForwardPlanFeed(Feed):
    title = "Forward plan of key decisions"
    description = "Key decisions the executive intends to take."

    def link(self):
        return reverse("agenda:forward_plan")

    def items(self):
        return ForwardPlanEntry.objects.public().order_by("-published_at")[:50]

    def item_title(self, entry):
        return entry.title

    def item_description(self, entry):
        return f"{entry.decision_maker}, expected {entry.expected_date:%B %Y}. {entry.summary}"

    def item_link(self, entry):
        return entry.get_absolute_url()

    def item_pubdate(self, entry):
        return entry.published_at
