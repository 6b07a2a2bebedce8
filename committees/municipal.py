"""Municipal years: councils count their year from May to the end of April."""

import datetime

from django.utils import timezone

FIRST_MONTH = 5
# The years a council's calendar may hold (meetings are refused outside; see
# agenda.models.meetings). Digitised council records start in the twentieth century.
EARLIEST_YEAR, LATEST_YEAR = 1900, 2100
EARLIEST = datetime.datetime(EARLIEST_YEAR, 1, 1, tzinfo=datetime.UTC)
LATEST = datetime.datetime(LATEST_YEAR + 1, 1, 1, tzinfo=datetime.UTC)


def within_calendar(queryset, field="start"):
    """`queryset` kept to rows whose `field` is within the calendar's years, so date
    arithmetic on them (months, municipal years) never overflows on an odd old row."""
    return queryset.filter(**{f"{field}__gte": EARLIEST, f"{field}__lt": LATEST})


def municipal_year_of(day):
    """The municipal year (named by its starting calendar year) that `day` falls in."""
    return day.year if day.month >= FIRST_MONTH else day.year - 1


def municipal_year_bounds(year):
    """Aware datetimes [start, end) of municipal year `year` in the council's time zone."""
    zone = timezone.get_default_timezone()
    year = min(max(year, EARLIEST_YEAR), LATEST_YEAR)
    start = datetime.datetime(year, FIRST_MONTH, 1, tzinfo=zone)
    end = datetime.datetime(year + 1, FIRST_MONTH, 1, tzinfo=zone)
    return start, end


def municipal_year_label(year):
    return f"{year}/{str(year + 1)[-2:]}"


def municipal_years(datetimes):
    """Distinct municipal years, newest first, of an iterable of datetimes."""
    years = {municipal_year_of(timezone.localtime(moment).date()) for moment in datetimes}
    return sorted(years, reverse=True)
