"""Shared machinery for the read-only JSON API: filters, paging, errors as JSON."""

import datetime

from django.core.paginator import EmptyPage, Paginator
from django.http import JsonResponse
from django.utils.dateparse import parse_datetime
from django.views import View

from agenda.api.oparl import Urls

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


class BadRequest(Exception):
    """A parameter a client sent cannot be understood; answered as a 400 JSON error."""


def json_response(data, status=200):
    response = JsonResponse(data, status=status, json_dumps_params={"ensure_ascii": False})
    response["Access-Control-Allow-Origin"] = "*"
    return response


def error_response(status, message):
    return json_response({"type": "Error", "message": message}, status=status)


def _parse_moment(name, value):
    moment = parse_datetime(value.replace(" ", "+"))
    if moment is None:
        raise BadRequest(f"{name} must be a date and time like 2024-05-01T00:00:00+01:00.")
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=datetime.UTC)
    return moment


class JsonView(View):
    http_method_names = ["get", "head", "options"]

    def get(self, request, *args, **kwargs):
        try:
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
        params = self.request.GET
        for name, lookup in DATE_FILTERS.items():
            if name in params:
                field = self.created_field if name.startswith("created") else self.modified_field
                moment = _parse_moment(name, params[name])
                queryset = queryset.filter(**{f"{field}__{lookup}": moment})
        return queryset

    def limit(self):
        raw = self.request.GET.get("limit", DEFAULT_LIMIT)
        try:
            limit = int(raw)
        except (TypeError, ValueError):
            raise BadRequest("limit must be a whole number.") from None
        if not 1 <= limit <= MAX_LIMIT:
            raise BadRequest(f"limit must be between 1 and {MAX_LIMIT}.")
        return limit

    def get_data(self, urls, *args, **kwargs):
        queryset = self.filtered(self.get_queryset(*args, **kwargs)).order_by("pk")
        paginator = Paginator(queryset, self.limit())
        try:
            number = int(self.request.GET.get("page", 1))
            page = paginator.page(number)
        except (ValueError, EmptyPage):
            raise BadRequest(f"page must be between 1 and {paginator.num_pages}.") from None
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
