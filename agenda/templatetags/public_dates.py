"""Dates and times written for people, with a machine-readable <time> alongside."""

import datetime

from django import template
from django.utils import timezone
from django.utils.html import format_html

from committees.dates import clock, day_date

register = template.Library()


@register.filter
def human_date(value):
    """'Thursday 17 June 2021' for a date or datetime (datetimes in the council's zone)."""
    if not value:
        return ""
    return day_date(value)


@register.filter
def human_datetime(value):
    """'Thursday 17 June 2021, 6.00pm' in the council's time zone."""
    if not value:
        return ""
    local = timezone.localtime(value)
    return f"{day_date(local)}, {clock(local)}"


@register.filter
def human_time(value):
    return clock(value) if value else ""


@register.filter
def relative_hint(value, today=None):
    """'today', 'tomorrow', 'in 3 days', '2 weeks ago': a hint beside the exact date."""
    if not value:
        return ""
    day = timezone.localtime(value).date() if isinstance(value, datetime.datetime) else value
    today = today or timezone.localdate()
    delta = (day - today).days
    if delta == 0:
        return "today"
    if delta == 1:
        return "tomorrow"
    if delta == -1:
        return "yesterday"
    size = abs(delta)
    if size < 14:
        span = f"{size} days"
    elif size < 60:
        span = f"{size // 7} weeks"
    elif size < 730:
        span = f"{size // 30} months"
    else:
        span = f"{size // 365} years"
    return f"in {span}" if delta > 0 else f"{span} ago"


@register.simple_tag
def time_tag(value, with_time=True):
    """<time datetime="ISO">Thursday 17 June 2021, 6.00pm</time>."""
    if not value:
        return ""
    if isinstance(value, datetime.datetime):
        local = timezone.localtime(value)
        text = human_datetime(local) if with_time else human_date(local)
        return format_html('<time datetime="{}">{}</time>', local.isoformat(), text)
    return format_html('<time datetime="{}">{}</time>', value.isoformat(), human_date(value))
