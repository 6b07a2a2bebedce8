"""Shared machinery for the read-only JSON API: filters, paging, errors as JSON."""

from django.core.paginator import Paginator
from django.http import JsonResponse
from django.views import View

from agenda.api.oparl import Urls
from minutes_site import params

DEFAULT_LIMIT = 100
MAX_LIMIT = 500
DATE_FILTERS = {
    "created_since": "gte",
    "created_until": "lte",
    "modified_since": "gte",
    "modified_until": "lte",
}


class NotFound(Exception):
    """Nothing public at this address; answered as a 404 JSON error."""


# A parameter a client sent cannot be understood; answered as a 400 JSON error.
BadRequest = params.BadParameter


def json_response(data, status=200):
    response = JsonResponse(data, status=status, json_dumps_params={"ensure_ascii": False})
    response["Access-Control-Allow-Origin"] = "*"
    return response


def error_response(status, message):
    return json_response({"type": "Error", "message": message}, status=status)


class JsonView(View):
    http_method_names = ["get", "head", "options"]

    def get(self, request, *args, **kwargs):
        try:
            if "pk" in kwargs:
                kwargs["pk"] = params.object_id(kwargs["pk"])
            return json_response(self.get_data(Urls(request), *args, **kwargs))
        except BadRequest as error:
            return error_response(400, str(error))
        except NotFound:
            return error_response(404, "There is no public object at this address.")


class OParlListView(JsonView):
    """An OParl object list with `data`, `pagination` and `links`, newest changes filterable.

    Subclasses give `get_queryset()`, `serialize(urls, objects)` and the fields holding each
    row's created/modified times."""

    created_field = "created_at"
    modified_field = "updated_at"

    def get_queryset(self):
        raise NotImplementedError

    def serialize(self, urls, objects):
        raise NotImplementedError

    def filtered(self, queryset):
        for name, lookup in DATE_FILTERS.items():
            moment = params.moment(self.request.GET, name)
            if moment is not None:
                field = self.created_field if name.startswith("created") else self.modified_field
                queryset = queryset.filter(**{f"{field}__{lookup}": moment})
        return queryset

    def limit(self):
        return params.whole_number(
            self.request.GET, "limit", default=DEFAULT_LIMIT, maximum=MAX_LIMIT
        )

    def get_data(self, urls, *args, **kwargs):
        queryset = self.filtered(self.get_queryset(*args, **kwargs)).order_by("pk")
        paginator = Paginator(queryset, self.limit())
        page = params.page_of(paginator, self.request.GET, past_the_end="refuse")
        return {
            "data": self.serialize(urls, list(page.object_list)),
            "pagination": {
                "totalElements": paginator.count,
                "elementsPerPage": paginator.per_page,
                "currentPage": page.number,
                "totalPages": paginator.num_pages,
            },
            "links": self.links(page),
        }

    def links(self, page):
        def at(number):
            query = self.request.GET.copy()
            query["page"] = number
            return self.request.build_absolute_uri(f"{self.request.path}?{query.urlencode()}")

        links = {"first": at(1), "last": at(page.paginator.num_pages)}
        if page.has_previous():
            links["prev"] = at(page.previous_page_number())
        if page.has_next():
            links["next"] = at(page.next_page_number())
        return links


class OParlDetailView(JsonView):
    """One object from `get_queryset()` by primary key; 404 as JSON."""

    def get_queryset(self):
        raise NotImplementedError

    def serialize(self, urls, objects):
        raise NotImplementedError

    def get_data(self, urls, pk):
        objects = list(self.get_queryset().filter(pk=pk))
        if not objects:
            raise NotFound
        return self.serialize(urls, objects)[0]
