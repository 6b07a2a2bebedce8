"""Reading what a visitor put in the address: one rule for every public page and the API.

Each function reads one parameter, returns a Python value (or the default when it is
absent or empty, as a blank form field sends it), and raises `BadParameter` with a sentence
saying what would do when it cannot be understood. Nothing a visitor types reaches the
database unchecked: impossible dates, years no council has met in, ids beyond 64 bits,
NUL bytes and unicode digits all stop here as a 400, not deep in the ORM as a 500.
"""

import datetime
import re

from django.core.exceptions import BadRequest
from django.utils.dateparse import parse_datetime

# The years a page of meetings may be asked for (a municipal year, a calendar month).
EARLIEST_YEAR = 1900
LATEST_YEAR = 2199
# The years a date filter may name: any a client could mean, short of the calendar's edges,
# so that moving a moment to UTC, or a day either way, can never overflow.
FILTER_YEARS = (1000, 9998)
# Primary keys are 64-bit signed integers on every database we run on.
MAX_ID = 2**63 - 1
MAX_PAGE = 100_000

DIGITS = re.compile(r"[0-9]{1,19}")  # ASCII only: "²".isdigit() is True, int("²") fails
ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
SLUG = re.compile(r"[-a-zA-Z0-9_]{1,100}")


class BadParameter(BadRequest):
    """A parameter in the address that cannot be understood. Answered as a 400 whose message
    (written for the person who sent it) is shown on the page, or as JSON by the API."""


def _shown(value):
    """The value as quoted back in a message: short, printable."""
    value = "".join(c if c.isprintable() else "?" for c in value)
    return value if len(value) <= 40 else f"{value[:40]}…"


def _raw(query, name):
    value = query.get(name)
    return None if value is None or value == "" else value


def whole_number(query, name, *, default=None, minimum=1, maximum=MAX_ID):
    """A whole number between `minimum` and `maximum` written in plain digits."""
    value = _raw(query, name)
    if value is None:
        return default
    return number_value(value, name, minimum=minimum, maximum=maximum)


def number_value(value, name, *, minimum=1, maximum=MAX_ID):
    """`value` (from the query or the path) as a whole number in range, or BadParameter."""
    text = str(value)
    if DIGITS.fullmatch(text) and minimum <= int(text) <= maximum:
        return int(text)
    raise BadParameter(
        f"“{name}” must be a whole number from {minimum} to {maximum}, not “{_shown(text)}”."
    )


def object_id(value, name="id"):
    """An id from the address: a primary key the database can hold."""
    return number_value(value, name, minimum=1, maximum=MAX_ID)


def page_number(query, name="page"):
    return whole_number(query, name, default=1, maximum=MAX_PAGE)


def page_of(paginator, query, name="page", *, past_the_end="last"):
    """The requested page of `paginator`. A page past the last is the last page for people
    (results shrink under a bookmark), or a BadParameter for the API (`past_the_end="refuse"`)."""
    number = page_number(query, name)
    last = paginator.num_pages
    if number > last:
        if past_the_end == "refuse":
            raise BadParameter(f"There is no page {number}: the last page is {last}.")
        number = last
    return paginator.page(number)


class CheckedPageMixin:
    """For a ListView: its `?page=` read by `page_of`, like every other parameter, instead
    of Django's 404 for a page it cannot read."""

    def paginate_queryset(self, queryset, page_size):
        paginator = self.get_paginator(
            queryset,
            page_size,
            orphans=self.get_paginate_orphans(),
            allow_empty_first_page=self.get_allow_empty(),
        )
        page = page_of(paginator, self.request.GET)
        return paginator, page, page.object_list, page.has_other_pages()


def year(query, name="year", *, default=None):
    return whole_number(query, name, default=default, minimum=EARLIEST_YEAR, maximum=LATEST_YEAR)


def check_year(value, name="year"):
    return number_value(value, name, minimum=EARLIEST_YEAR, maximum=LATEST_YEAR)


def check_month(value, name="month"):
    return number_value(value, name, minimum=1, maximum=12)


def sane_date(value, name="date"):
    """Refuse a real date at the calendar's edges (year 1, year 9999), where arithmetic on
    it overflows; a date filter means nothing there anyway."""
    first, last = FILTER_YEARS
    if not first <= value.year <= last:
        raise BadParameter(
            f"“{name}” must be a date between the years {first} and {last}, "
            f"not {value.isoformat()[:10]}."
        )
    return value


def date(query, name, *, default=None):
    """A calendar date written as YYYY-MM-DD (what a date field sends)."""
    value = _raw(query, name)
    if value is None:
        return default
    try:
        if not ISO_DATE.fullmatch(value):
            raise ValueError
        parsed = datetime.date.fromisoformat(value)
    except ValueError:
        raise BadParameter(
            f"“{name}” must be a real date written like 2024-05-01, not “{_shown(value)}”."
        ) from None
    return sane_date(parsed, name)


def moment(query, name, *, default=None):
    """A date and time (ISO 8601, as OParl clients send them); UTC when no offset is given.
    A '+' left unescaped in a query string arrives as a space, so one is read as '+'."""
    value = _raw(query, name)
    if value is None:
        return default
    try:
        parsed = parse_datetime(value.replace(" ", "+"))
    except ValueError:  # well formed but impossible: month 13, 31 February, offset +25:00
        parsed = None
    if parsed is None:
        raise BadParameter(
            f"“{name}” must be a real date and time like 2024-05-01T00:00:00+01:00, "
            f"not “{_shown(value)}”."
        )
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=datetime.UTC)
    sane_date(parsed, name)
    return parsed


def slug(query, name, *, default=None):
    """The short name in an address (a committee's, a ward's): letters, digits, hyphens."""
    value = _raw(query, name)
    if value is None:
        return default
    if not SLUG.fullmatch(value):
        raise BadParameter(
            f"“{name}” must be a short name of letters, digits and hyphens, not “{_shown(value)}”."
        )
    return value
