"""What every console action shares: the refusal, the result, and the `Context` an action
reads its payload through (people, items, times, texts) and records its effects on."""

import datetime
import re
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from agenda.models import (
    AgendaItem,
    ConsoleEvent,
    Motion,
)
from agenda.models.eligibility import CAN_VOTE, Roster, item_at
from committees.dates import clock
from committees.models import Person

Kind = ConsoleEvent.Kind
KINDS = tuple(Kind.values)
CLIENT_ID = re.compile(r"^[A-Za-z0-9._:-]{1,64}$")
FUTURE_SLACK = datetime.timedelta(minutes=5)
EARLIEST_BEFORE_START = datetime.timedelta(days=1)
TEXT_LIMIT = 5000
# What an item's save writes when the console records its times (the search room knows
# these are not indexed: agenda.search.signal_handlers).
TIMES = ["started_at", "ended_at", "version", "updated_at"]

EXCLUSION_WORDING = (
    "That under section 100A(4) of the Local Government Act 1972 the public be excluded "
    "from the meeting for item {number} ({title}), on the grounds that it involves the "
    "likely disclosure of exempt information as defined in paragraph {paragraph} of Part 1 "
    "of Schedule 12A of the Act."
)


class ConsoleRefusal(ValidationError):
    """An action the console refuses; its message is a sentence the clerk can act on."""


def refuse(message):
    raise ConsoleRefusal(message, code="refused")


@dataclass
class EventResult:
    """What `apply_event` did: the logged event, and whether it was applied now (False:
    the same client id had been applied before, so nothing changed)."""

    event: ConsoleEvent
    applied: bool
    warnings: list = field(default_factory=list)

    @property
    def summary(self):
        return self.event.summary


class Context:
    """One action being applied: the meeting (locked), who, when, the payload, and what
    the handlers learn along the way."""

    def __init__(self, meeting, actor, payload):
        self.meeting = meeting
        self.actor = actor
        self.payload = payload
        self.at = self._moment()
        self.warnings = []
        self.result = {}
        self.item = None  # the item whose minutes tell of this action
        self.touched = set()  # items whose minutes are written again
        self._roster = None
        self._items = None

    # ------------------------------------------------------------------ lookups

    def _moment(self):
        value = self.payload.get("at")
        if value in (None, ""):
            return timezone.now()
        moment = value if isinstance(value, datetime.datetime) else None
        if moment is None:
            try:
                moment = parse_datetime(str(value))
            except ValueError:
                moment = None
        if moment is None:
            refuse("The time of the action could not be read: send it as 2026-06-17T18:05.")
        if timezone.is_naive(moment):
            moment = timezone.make_aware(moment, timezone.get_default_timezone())
        if moment > timezone.now() + FUTURE_SLACK:
            refuse("The time of the action is in the future: check the device's clock.")
        if moment < self.meeting.start - EARLIEST_BEFORE_START:
            refuse(
                f"The time of the action ({moment:%d %b %Y %H:%M}) is before the meeting: "
                "check the device's clock."
            )
        return moment

    @property
    def roster(self):
        if self._roster is None:
            self._roster = Roster.load(self.meeting)
        return self._roster

    def reload(self):
        self._roster = None
        self._items = None

    @property
    def items(self):
        if self._items is None:
            self._items = list(AgendaItem.objects.filter(meeting=self.meeting).order_by("position"))
        return self._items

    def current_item(self):
        return item_at(self.items, self.at)

    def _id(self, key, what):
        value = self.payload.get(key)
        if value in (None, ""):
            return None
        try:
            return int(str(value))
        except ValueError:
            refuse(f"Choose {what} from the list.")

    def person(self, key="person", *, required=True, what="a person"):
        pk = self._id(key, what)
        if pk is None:
            if required:
                refuse(f"Choose {what}.")
            return None
        person = Person.objects.filter(pk=pk).first()
        if person is None:
            refuse(f"Choose {what} from the list: that one is not known.")
        return person

    def agenda_item(self, key="item", *, required=True, default_current=False):
        pk = self._id(key, "an item")
        if pk is None:
            current = self.current_item() if default_current else None
            if current is None and required:
                refuse("No item is being taken now: choose the item.")
            return current
        for item in self.items:
            if item.pk == pk:
                return item
        refuse("Choose an item of this meeting.")

    def motion(self, key="motion", *, required=True):
        value = self.payload.get(key)
        if value in (None, ""):
            if required:
                refuse("Choose the motion.")
            return None
        motions = Motion.objects.filter(item__meeting=self.meeting).select_related(
            "item", "parent", "mover", "seconder"
        )
        text = str(value)
        motion = motions.filter(pk=int(text)).first() if text.isdigit() else None
        if motion is None:
            proposing = ConsoleEvent.objects.filter(
                meeting=self.meeting, client_id=text, kind__in=(Kind.PROPOSE, Kind.AMEND)
            ).first()
            if proposing is not None:
                motion = motions.filter(pk=proposing.result.get("motion")).first()
        if motion is None:
            refuse("Choose a motion of this meeting: that one is not known (yet).")
        return motion

    def text(self, key, *, required=False, limit=TEXT_LIMIT, ask="Write the text."):
        value = str(self.payload.get(key) or "").replace("\r\n", "\n").strip()
        if required and not value:
            refuse(ask)
        if len(value) > limit:
            refuse(f"That is longer than {limit} characters: shorten it.")
        return value

    def flag(self, key):
        return str(self.payload.get(key) or "").lower() in ("1", "true", "on", "yes")

    def choice(self, key, choices, *, required=True, ask="Choose one."):
        value = str(self.payload.get(key) or "").strip()
        if not value:
            if required:
                refuse(ask)
            return None
        if value not in choices:
            refuse(ask)
        return value

    def count(self, key, label):
        value = self.payload.get(key)
        if value in (None, ""):
            return 0
        try:
            number = int(str(value))
        except ValueError:
            number = -1
        if number < 0 or number > 999:
            refuse(f"Write the number of votes {label} as a whole number (0 or more).")
        return number

    # ------------------------------------------------------------------ effects

    def about(self, item):
        """This action belongs in the minutes of `item`."""
        if item is not None:
            self.item = item
            self.touched.add(item.pk)

    def warn(self, text):
        self.warnings.append(text)

    def must_be_able_to_vote(self, person, item, doing):
        standing = self.roster.standing(person, self.at, item)
        if standing.state != CAN_VOTE:
            refuse(f"{person.display_name} cannot {doing}: {standing.reason}")


def start_item(ctx, item):
    """Record that the meeting took `item` up now, ending any other item still open;
    refused if it is withdrawn or already started."""
    if item.is_withdrawn:
        refuse(f"Item {item.number} was withdrawn from the agenda: it is not taken.")
    if item.started_at is not None:
        refuse(f"Item {item.number} was already started at {clock(item.started_at)}.")
    for other in ctx.items:
        if other.pk != item.pk and other.started_at is not None and other.ended_at is None:
            other.ended_at = max(ctx.at, other.started_at)
            other.save(update_fields=TIMES)
            ctx.touched.add(other.pk)
    item.started_at = ctx.at
    item.save(update_fields=TIMES)
    ctx.about(item)


def ensure_taken(ctx, item):
    """Business on an item that has not been started starts it now."""
    if item.started_at is None and not item.is_withdrawn:
        start_item(ctx, item)
        ctx.warn(f"Item {item.number} was started at {clock(ctx.at)}.")
    ctx.about(item)
