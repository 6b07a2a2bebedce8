"""The decisions register, a decision's own page and a meeting's decision notice.

The register lists every published decision (filterable by decision maker, date, key
decision, ward and topic); a decision's page is the record the regulations ask for
(decision, date, reasons, alternatives, conflicts, dispensations, call-in, when it takes
effect). An exempt decision shows its title, maker, dates and paragraph only. Old
ieDecisionDetails addresses land on the decision's page."""

from django.contrib.syndication.views import Feed
from django.db.models import Q
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.html import strip_tags
from django.views.generic import DetailView, ListView

from agenda.models import Document, Topic
from agenda.models.decisions import ONE_PERSON_MAKERS, register_filters
from agenda.visibility import PublicScope
from committees.dates import long_date
from committees.models import Committee, Ward
from minutes_site import params


def decision_topics():
    """Topics with a public decision (their own, or their item's): a topic with only
    private or unpublished business is not named."""
    public = PublicScope().decisions()
    return (
        Topic.objects.filter(Q(decisions__in=public) | Q(items__decisions__in=public))
        .distinct()
        .values_list("slug", "name")
    )


class DecisionRegisterView(params.CheckedPageMixin, ListView):
    """`/decisions/`: every published decision, newest first."""

    template_name = "agenda/decision_register.html"
    context_object_name = "decisions"
    paginate_by = 50

    def get_queryset(self):
        self.filters = register_filters(self.request.GET)
        scope = PublicScope()
        return scope.decisions().register(**self.filters).order_by("-decided_on", "-pk")

    def get_context_data(self, **kwargs):
        query = self.request.GET.copy()
        query.pop("page", None)
        return super().get_context_data(
            filters=self.filters,
            makers=[
                *((kind.replace("_", "-"), label) for kind, label in ONE_PERSON_MAKERS.items()),
                *Committee.objects.public().values_list("slug", "name"),
            ],
            wards=Ward.objects.values_list("slug", "name"),
            topics=decision_topics(),
            query=query.urlencode(),
            **kwargs,
        )


class DecisionDetailView(DetailView):
    template_name = "agenda/decision_detail.html"
    context_object_name = "decision"

    def get_queryset(self):
        return (
            PublicScope()
            .decisions()
            .select_related(
                "committee",
                "meeting__committee",
                "item",
                "lead_officer",
                "forward_plan_entry",
                "scrutiny_item__meeting__committee",
            )
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        decision = self.object
        # Only the title, maker, dates and paragraph of a private decision are public.
        context["shows_content"] = decision.shows_content
        context["documents"] = (
            Document.objects.public().filter(item=decision.item_id)
            if decision.item_id and decision.shows_content
            else Document.objects.none()
        )
        context["corrections"] = list(decision.corrections.order_by("recorded_at", "pk"))
        return context


class MeetingDecisionsView(ListView):
    """`/meetings/<slug>/decisions/`: the decision notice of one meeting."""

    template_name = "agenda/meeting_decisions.html"
    context_object_name = "decisions"

    def get_queryset(self):
        self.meeting = get_object_or_404(
            PublicScope().meetings().select_related("committee"), slug=self.kwargs["slug"]
        )
        return (
            PublicScope()
            .decisions()
            .filter(meeting=self.meeting)
            .select_related("item", "committee", "forward_plan_entry")
            .select_related("scrutiny_item__meeting__committee")
            .order_by("item__position", "resolution__position", "pk")
        )

    def get_context_data(self, **kwargs):
        printed = (
            Document.objects.public()
            .filter(meeting=self.meeting, item=None, kind=Document.Kind.DECISIONS)
            .filter(is_generated=True)
            .exists()
        )
        return super().get_context_data(meeting=self.meeting, printed=printed, **kwargs)


class DecisionsFeed(Feed):
    """`/decisions/feed/`: the latest published decisions (an exempt one by title and
    paragraph only)."""

    title = "Decisions"
    description = "Decisions of the council's committees, the executive and officers."

    def link(self):
        return reverse("agenda:decision_register")

    def items(self):
        return (
            PublicScope()
            .decisions()
            .select_related("committee", "item")
            .order_by("-published_at", "-pk")[:50]
        )

    def item_title(self, decision):
        return decision.title

    def item_description(self, decision):
        made = (
            f"{decision.maker_name}, {long_date(decision.decided_on)}."
            if decision.decided_on
            else ""
        )
        if not decision.shows_content:
            return f"{made}. {decision.exempt_label}."
        return f"{made}. {strip_tags(decision.text)}".strip()

    def item_link(self, decision):
        return decision.get_absolute_url()

    def item_pubdate(self, decision):
        return decision.published_at
