"""Municipal years: councils count their year from May to the end of April."""

import datetime

from django.utils import timezone

FIRST_MONTH = 5


def municipal_year_of(day):
    """The municipal year (named by its starting calendar year) that `day` falls in."""
    return day.year if day.month >= FIRST_MONTH else day.year - 1


def municipal_year_bounds(year):
    """Aware datetimes [start, end) of municipal year `year` in the council's time zone."""
    zone = timezone.get_default_timezone()
    start = datetime.datetime(year, FIRST_MONTH, 1, tzinfo=zone)
    end = datetime.datetime(year + 1, FIRST_MONTH, 1, tzinfo=zone)
    return start, end


def municipal_year_label(year):
    return f"{year}/{str(year + 1)[-2:]}"


def municipal_years(datetimes):
    """Distinct municipal years, newest first, of an iterable of datetimes."""
    years = {municipal_year_of(timezone.localtime(moment).date()) for moment in datetimes}
    return sorted(years, reverse=True)
