"""Dates and times as a council writes them: "17 June 2021", "Thursday 17 June 2021", "6.00pm".

Built from the parts, because strftime's flag for "no leading zero" (a hyphen after the
percent sign) is a glibc extension: Windows and musl (Alpine) do not have it. Datetimes
are shown in the council's time zone; plain dates as they are.
"""

import datetime

from django.utils import timezone


def _local(value):
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value) if timezone.is_aware(value) else value
    return value


def long_date(value):
    """'17 June 2021'."""
    value = _local(value)
    return f"{value.day} {value:%B} {value.year}"


def day_date(value):
    """'Thursday 17 June 2021'."""
    value = _local(value)
    return f"{value:%A} {long_date(value)}"


def clock(value):
    """'6.00pm', '12.30am': the hour without a leading zero, as in the printed agenda."""
    value = _local(value)
    hour = value.hour % 12 or 12
    suffix = "am" if value.hour < 12 else "pm"
    return f"{hour}.{value.minute:02d}{suffix}"
