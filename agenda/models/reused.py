"""Running a publication check again without compiling it again.

Django takes several milliseconds to compile the `.public()` rules (nested subqueries of
meetings, committees and items): more than PostgreSQL takes to run them. Search applies
them on every request with only two things changed, the time and the ids. A `ReusedQuery`
compiles its QuerySet once with marker values for both and afterwards swaps the real
values into the parameters, so the rule is still the QuerySet's, compiled by Django.
On PostgreSQL only, where `AnyOf` sends any number of ids as one parameter; elsewhere the
QuerySet is built and compiled each time."""

import datetime

from django.db import connection
from django.utils import timezone

from agenda.models.expressions import id_array

MARK_TIME = datetime.datetime(1901, 2, 3, 4, 5, 6, 789012, tzinfo=datetime.UTC)
MARK_IDS = (-918_273_645,)


class ReusedQuery:
    """`build(now, ids)` returns a values_list() QuerySet judged at `now` and filtered by
    `AnyOf(..., ids)`; `rows(ids)` returns its rows for these ids, judged now."""

    def __init__(self, build):
        self.build = build
        self._compiled = {}

    def rows(self, ids, now=None):
        ids = list(ids)
        now = now or timezone.now()
        if not ids:
            return []
        if connection.vendor != "postgresql" or not all(type(pk) is int for pk in ids):
            return [tuple(row) for row in self.build(now, ids)]
        sql, params = self._template()
        ids_param, marked_ids = id_array(ids), id_array(MARK_IDS)
        values = [
            now if param == MARK_TIME else ids_param if param == marked_ids else param
            for param in params
        ]
        with connection.cursor() as cursor:
            cursor.execute(sql, values)
            return cursor.fetchall()

    def _template(self):
        if connection.alias not in self._compiled:
            queryset = self.build(MARK_TIME, MARK_IDS)
            sql, params = queryset.query.sql_with_params()
            if id_array(MARK_IDS) not in params:
                raise ValueError("A ReusedQuery must filter its ids with AnyOf.")
            self._compiled[connection.alias] = (sql, tuple(params))
        return self._compiled[connection.alias]
