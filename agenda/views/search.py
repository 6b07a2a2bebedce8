"""The public search page and its results feed."""

from django.contrib.syndication.views import Feed
from django.core.paginator import Paginator
from django.http import Http404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import strip_tags
from django.views.generic import TemplateView

from agenda.models import SearchKind
from agenda.search.query import (
    COUNT_CAP,
    RANKED_CANDIDATES,
    add_snippets,
    newest,
    page_entries,
    search,
)
from agenda.views.search_forms import SearchForm

PAGE_SIZE = 20


class SearchView(TemplateView):
    template_name = "agenda/search.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = SearchForm(self.request.GET or None)
        context["form"] = form
        if not form.is_bound or not form.is_valid() or not form.cleaned_data["q"]:
            return context
        text = form.cleaned_data["q"]
        found = search(text, **form.filters())
        paginator = Paginator(found.entries, PAGE_SIZE)
        # The bounded counts already hold the number: spare the paginator its COUNT query.
        paginator.count = min(found.count, RANKED_CANDIDATES)
        page = paginator.get_page(self.request.GET.get("page"))
        page.object_list = add_snippets(page.object_list, text)
        query = self.request.GET.copy()
        query.pop("page", None)
        context.update(
            query=text,
            page_obj=page,
            results=page.object_list,
            total=found.total,
            capped=found.capped,
            count_cap=COUNT_CAP,
            shown_limit=RANKED_CANDIDATES,
            kind_counts=[
                (kind, label, found.by_kind.get(kind, 0)) for kind, label in SearchKind.choices
            ],
            querystring=query.urlencode(),
            feed_url=f"{reverse('search:feed')}?{query.urlencode()}",
        )
        return context


class SearchFeed(Feed):
    """The latest 30 hits of a search as Atom, for following a subject in a feed reader."""

    feed_type = Atom1Feed
    LIMIT = 30

    def get_object(self, request):
        form = SearchForm(request.GET)
        if not form.is_valid() or not form.cleaned_data["q"]:
            raise Http404("Give a search term, e.g. ?q=library")
        self.query_string = request.GET.urlencode()
        return form

    def title(self, form):
        return f"Search: {form.cleaned_data['q']}"

    def subtitle(self, form):
        return "The latest public agendas, minutes and reports matching this search."

    def link(self, form):
        return f"{reverse('search:search')}?{self.query_string}"

    def items(self, form):
        found, _more = newest(form.cleaned_data["q"], self.LIMIT, **form.filters())
        latest = page_entries([row[0] for row in found], form.cleaned_data["q"])  # newest first
        return add_snippets(latest, form.cleaned_data["q"])

    def item_title(self, entry):
        return entry.title

    def item_description(self, entry):
        return strip_tags(entry.snippet)

    def item_link(self, entry):
        return entry.url

    def item_guid(self, entry):
        return f"{entry.kind}-{entry.object_id}"

    item_guid_is_permalink = False

    def item_updateddate(self, entry):
        return entry.indexed_at

    def item_pubdate(self, entry):
        return entry.indexed_at
