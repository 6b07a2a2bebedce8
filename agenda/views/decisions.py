"""A decision's own page: the record the regulations ask for (decision, date, reasons,
alternatives, conflicts, dispensations, when it takes effect). The decisions register
(issue 16) lists them; old ieDecisionDetails addresses land here."""

from django.views.generic import DetailView

from agenda.models import Decision


class DecisionDetailView(DetailView):
    template_name = "agenda/decision_detail.html"
    context_object_name = "decision"

    def get_queryset(self):
        return Decision.objects.public().select_related(
            "committee", "meeting__committee", "item", "lead_officer"
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        decision = self.object
        # Only the title and paragraph of a private decision are public.
        context["shows_content"] = not decision.is_exempt and not (
            decision.item_id and decision.item.is_exempt
        )
        return context
