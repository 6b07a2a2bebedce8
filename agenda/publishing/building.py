"""Building a draft agenda from its meeting page: items added by title, and an item moved
up or down. Numbers follow positions on a draft agenda (agenda.models.numbering); once the
agenda is published, its items keep their places and numbers (new items go at the end,
as a supplement; reordering is the `renumber_items` step, with a public notice)."""

from django.core.exceptions import ValidationError
from django.db import transaction

from agenda.models import AgendaItem, Meeting
from agenda.models.locks import ADD_MESSAGE, RecordLocked
from agenda.models.numbering import OFFSET, business_rank, write_order

MAX_TITLES = 50


def _refuse_locked(meeting):
    if meeting.minutes_locked:
        raise RecordLocked(ADD_MESSAGE, params={"meeting": meeting}, code="locked")


def _agenda_is_public(meeting):
    return Meeting.objects.filter(pk=meeting.pk).with_public_agenda().exists()


def titles_from(text):
    """One title per line, numbering the clerk may have typed ("7. Budget") left off."""
    titles = []
    for line in (text or "").splitlines():
        title = " ".join(line.split()).strip()
        for separator in (". ", ") ", " - "):
            head, _sep, rest = title.partition(separator)
            if rest and head.rstrip(".)").isdigit():
                title = rest.strip()
                break
        if title:
            titles.append(title[:300])
    if len(titles) > MAX_TITLES:
        raise ValidationError(
            "Add at most %(max)d items at once.", params={"max": MAX_TITLES}, code="too_many"
        )
    return titles


def add_items(meeting, titles):
    """Items of business with these titles. On a draft agenda they go after the business
    already there (before the exclusion of the public and any exempt items) and every
    number follows its position; on a published agenda they go at the end, as a
    supplement. Returns the items created."""
    _refuse_locked(meeting)
    if not titles:
        return []
    with transaction.atomic():
        if _agenda_is_public(meeting):
            return [AgendaItem.objects.create(meeting=meeting, title=title) for title in titles]
        items = list(meeting.items.order_by("position"))
        created = []
        for n, title in enumerate(titles, start=1):
            item = AgendaItem(
                meeting=meeting, position=OFFSET * 3 + n, number=f"~add{n}", title=title
            )
            item.save()
            created.append(item)
            rank = business_rank(item)
            at = next((i for i, other in enumerate(items) if business_rank(other) > rank), None)
            items.insert(len(items) if at is None else at, item)
        write_order(items)
        return created


def move_item(item, offset):
    """Move an item of a draft agenda `offset` places (-1 up, +1 down); numbers follow.
    Returns the item's new number, or None if it is already first or last."""
    meeting = item.meeting
    _refuse_locked(meeting)
    if _agenda_is_public(meeting):
        raise ValidationError(
            "The agenda of %(meeting)s is published, so its items keep their order and "
            "numbers. To reorder them, change their order in the table and write a notice "
            "of renumbering.",
            params={"meeting": meeting},
            code="published",
        )
    with transaction.atomic():
        items = list(meeting.items.select_for_update().order_by("position"))
        index = next(i for i, other in enumerate(items) if other.pk == item.pk)
        target = index + offset
        if not 0 <= target < len(items):
            return None
        items.insert(target, items.pop(index))
        write_order(items)
        return items[target].number
