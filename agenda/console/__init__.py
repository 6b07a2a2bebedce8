"""The clerk's meeting console: every action taken while the meeting runs, applied once.

    result = console.apply_event(meeting, client_id, "arrive", {"person": 12}, user)

`apply_event` (events.py) validates an action, applies it to the record (attendance and
its times, item times, declarations, motions, votes, actions) and appends it to the
meeting's `ConsoleEvent` log, all in one transaction under a lock on the meeting; the
same `client_id` sent again (a retry, a second device, an offline queue replaying) is
recognised and not applied twice. After each action the minutes of the item it touched
are written again from the record (minutes.py). The kinds of action and their payloads
are listed in events.py and docs/console.md.

This room sits above `agenda.publishing` (excluding the public from a published item is
the `exempt_item` step) and below the editor pages that call it.
"""

from agenda.console.context import KINDS, ConsoleRefusal, EventResult
from agenda.console.events import apply_event
from agenda.console.minutes import write_item_minutes

__all__ = ["KINDS", "ConsoleRefusal", "EventResult", "apply_event", "write_item_minutes"]
