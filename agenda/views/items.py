"""The agenda item page (laid out like the incumbent's) and a topic's history."""

from django.http import Http404
from django.views.generic import DetailView

from agenda.models import AgendaItem, Topic
from agenda.models.votes import minuted_motions
from agenda.visibility import PreviewMixin
from minutes_site import params


class AgendaItemDetailView(PreviewMixin, DetailView):
    template_name = "agenda/item_detail.html"
    context_object_name = "item"

    def get_object(self, queryset=None):
        params.object_id(self.kwargs["pk"])  # an id no row can have is a 400, not a lookup
        return super().get_object(queryset)

    def get_queryset(self):
        scope = self.get_scope()
        return (
            scope.items()
            .filter(meeting__in=scope.meetings())
            .select_related(
                "meeting__committee", "contact_officer", "scrutiny_area", "topic", "minute_number"
            )
        )

    def get_context_data(self, **kwargs):
        scope = self.get_scope()
        item = self.object
        meeting = item.meeting
        context = super().get_context_data(**kwargs)
        context["meeting"] = meeting
        context["shows_minutes"] = scope.shows_minutes(meeting)
        if item.is_exempt or item.is_withdrawn:
            # Number, title and paragraph (or withdrawal note) only: nothing else loads.
            return context
        # Through the reverse manager each row already knows its item (for its anchor).
        context["recommendations"] = list(item.recommendations.all())
        context["documents"] = list(scope.documents().for_listing().filter(item=item))
        context["wards"] = list(item.wards_affected.all())
        if context["shows_minutes"]:
            context["resolutions"] = list(
                item.resolutions.select_related("motion__vote_event", "motion__item")
            )
            # How an amended recommendation changed, and members' votes where recorded.
            context["minuted_motions"] = minuted_motions(context["resolutions"])
            context["actions"] = list(item.actions.order_by("due_date", "pk"))
            context["declarations"] = list(
                scope.declarations().filter(item=item).select_related("person")
            )
        if item.topic_id:
            context["earlier_items"] = list(
                AgendaItem.objects.public()
                .filter(topic_id=item.topic_id, meeting__start__lt=meeting.start)
                .select_related("meeting__committee")
                .order_by("-meeting__start")[:10]
            )
        return context


class TopicDetailView(DetailView):
    """One subject followed across meetings: only public items, only if it has any."""

    template_name = "agenda/topic_detail.html"
    context_object_name = "topic"
    queryset = Topic.objects.all()

    def get_object(self, queryset=None):
        topic = super().get_object(queryset)
        self.items = list(
            AgendaItem.objects.public()
            .filter(topic=topic)
            .select_related("meeting__committee")
            .order_by("-meeting__start", "position")
        )
        if not self.items:
            raise Http404("No public items on this topic")
        return topic

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["items"] = self.items
        return context
