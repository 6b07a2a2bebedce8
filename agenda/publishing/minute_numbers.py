"""Giving minutes their council-wide running numbers when they are first published."""

from agenda.models import MinuteNumber
from agenda.models.meetings import safe_local_date
from agenda.models.minute_numbers import running_minute_numbers_enabled
from committees.municipal import municipal_year_of


def assign_minute_numbers(meeting):
    """Number this meeting's minutes (every item, exempt ones too, in agenda order) after
    the last number of its municipal year, if the council uses running numbers. Items
    numbered before keep their numbers. Returns the numbers given."""
    if not running_minute_numbers_enabled():
        return []
    items = list(meeting.items.filter(minute_number__isnull=True).order_by("position"))
    if not items:
        return []
    year = municipal_year_of(safe_local_date(meeting.start))
    # Locking the year's last number makes two publications in the same year take turns
    # (the unique constraint catches the very first number of a year).
    last = (
        MinuteNumber.objects.select_for_update()
        .filter(municipal_year=year)
        .order_by("-number")
        .first()
    )
    first = (last.number if last else 0) + 1
    return MinuteNumber.objects.bulk_create(
        MinuteNumber(item=item, municipal_year=year, number=first + n)
        for n, item in enumerate(items)
    )
