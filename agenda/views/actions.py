"""The public action tracker of a committee: what it asked for, who acts, and progress."""

from django.db.models import Prefetch
from django.shortcuts import get_object_or_404
from django.views.generic import ListView

from agenda.models import Action, ActionUpdate
from committees.models import Committee


class CommitteeActionsView(ListView):
    """`/committees/<slug>/actions/`: actions from the committee's public minutes."""

    template_name = "agenda/committee_actions.html"
    context_object_name = "actions"
    paginate_by = 50

    def get_queryset(self):
        self.committee = get_object_or_404(Committee.objects.public(), slug=self.kwargs["slug"])
        status = self.request.GET.get("status")
        actions = (
            Action.objects.public()
            .filter(item__meeting__committee=self.committee)
            .select_related("item__meeting", "report_item__meeting")
            .prefetch_related(Prefetch("updates", queryset=ActionUpdate.objects.order_by("at")))
            .order_by("status", "due_date", "pk")
        )
        if status == "outstanding":
            actions = actions.outstanding()
        return actions

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            committee=self.committee,
            outstanding=self.request.GET.get("status") == "outstanding",
            **kwargs,
        )
