"""Dates and times as ModernGov prints them: 14/05/2024, "Tuesday, 14th May, 2024 6.00 pm",
"19 May 2022 at 2.00pm", "Wednesday 2 October 2019, 10.10 am"."""

import datetime
import re

MONTHS = [
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december",
]  # fmt: skip
_MONTH_RE = "|".join([*MONTHS, *(m[:3] for m in MONTHS), "sept"])
_NUMERIC = re.compile(r"\b(?P<d>\d{1,2})/(?P<m>\d{1,2})/(?P<y>\d{4})\b")
_WORDS = re.compile(
    r"\b(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s+)?(?P<d>\d{1,2})(?:st|nd|rd|th)?"
    rf"\s+(?:of\s+)?(?P<m>{_MONTH_RE})\.?,?\s+(?P<y>\d{{4}})\b",
    re.I,
)
_TIME = re.compile(
    r"\b(?P<h>\d{1,2})(?:[.:](?P<min>\d{2}))?\s*(?P<ampm>a\.?m\.?|p\.?m\.?)(?![a-z])"
    r"|\b(?P<h24>[01]?\d|2[0-3]):(?P<min24>[0-5]\d)\b",
    re.I,
)


def parse_date(text):
    """The first date in `text`, or None (an impossible date is no date)."""
    candidates = []
    for pattern in (_NUMERIC, _WORDS):
        if found := pattern.search(text or ""):
            candidates.append(found)
    for found in sorted(candidates, key=lambda m: m.start()):
        month = found["m"]
        if not month.isdigit():
            month = next(
                i for i, name in enumerate(MONTHS, 1) if name.startswith(month[:3].lower())
            )
        try:
            return datetime.date(int(found["y"]), int(month), int(found["d"]))
        except ValueError:
            continue
    return None


def date_span(text):
    """(start, end) of the first date in `text` (for splitting "Name - date" lines)."""
    candidates = [m for p in (_NUMERIC, _WORDS) if (m := p.search(text or ""))]
    if not candidates:
        return None
    first = min(candidates, key=lambda m: m.start())
    return first.start(), first.end()


def parse_time(text):
    """The first clock time in `text`: "6.00 pm", "10am", "18:30"."""
    found = _TIME.search(text or "")
    if not found:
        return None
    if found["h24"] is not None:
        return datetime.time(int(found["h24"]), int(found["min24"]))
    hour, minute = int(found["h"]), int(found["min"] or 0)
    if not 1 <= hour <= 12 or minute > 59:
        return None
    pm = found["ampm"].lower().startswith("p")
    return datetime.time(hour % 12 + (12 if pm else 0), minute)
