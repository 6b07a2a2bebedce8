"""When the demo meetings happen: a fixed pattern around an anchor day (today)."""

import datetime
from dataclasses import dataclass

from django.utils import timezone

WINDOW_DAYS = 182  # six months either side of the anchor


@dataclass
class Slot:
    """One meeting to build. `index` counts a committee's meetings from the first."""

    key: str
    index: int
    start: datetime.datetime
    is_past: bool = False
    is_cancelled: bool = False
    agenda_due: bool = False  # future meeting whose agenda is already out
    previous: "Slot | None" = None
    following: "Slot | None" = None

    @property
    def external_id(self):
        return f"demo:meeting:{self.key}:{self.index}"


def anchor_moment(anchor):
    """Midnight at the start of the anchor day, in the council's time zone."""
    return timezone.make_aware(
        datetime.datetime.combine(anchor, datetime.time()), timezone.get_default_timezone()
    )


def plan_meetings(committee_rows, anchor):
    """Every committee meets on its weekday every `cadence` days within the window."""
    now = anchor_moment(anchor)
    slots = []
    for row in committee_rows:
        key, (hour, minute), cadence, first, weekday = row[0], row[6], row[7], row[8], row[9]
        previous, index, offset = None, 0, first
        while offset <= WINDOW_DAYS:
            day = anchor + datetime.timedelta(days=offset)
            day += datetime.timedelta(days=(weekday - day.weekday()) % 7)
            start = timezone.make_aware(
                datetime.datetime.combine(day, datetime.time(hour, minute)),
                timezone.get_default_timezone(),
            )
            slot = Slot(key=key, index=index, start=start, is_past=start < now, previous=previous)
            if previous:
                previous.following = slot
            slots.append(slot)
            previous, index, offset = slot, index + 1, offset + cadence
    future = sorted((s for s in slots if not s.is_past), key=lambda s: s.start)
    # The Licensing Committee's next meeting is called off for lack of business.
    cancelled = next((s for s in future if s.key == "licensing"), future[-1])
    cancelled.is_cancelled = True
    for slot in [s for s in future if not s.is_cancelled][:2]:
        slot.agenda_due = True
    return sorted(slots, key=lambda s: s.start)
