"""The order of business and item numbers.

Standard order: apologies, declarations, minutes of the previous meeting, public questions,
the business, then the resolution excluding the public, then the exempt (Part B) items.
Numbers follow positions: plain numbers count 1, 2, 3...; a sub-number such as 5.1 stays
under the item before it; a clerk's own scheme (A, B1) is kept as typed.
"""

import re

from django.db import transaction

from agenda.models.items import AgendaItem

K = AgendaItem.Kind
RANK = {
    K.APOLOGIES: 0,
    K.DECLARATIONS: 1,
    K.PREVIOUS_MINUTES: 2,
    K.PUBLIC_QUESTIONS: 3,
    K.BUSINESS: 4,
    K.URGENT: 4,
    K.EXCLUSION: 5,
}
EXEMPT_RANK = 6

PLAIN = re.compile(r"^\d{1,4}$")
SUB = re.compile(r"^\d{1,4}\.\d{1,3}$")
# Rows are moved out of the way by this much while a new order is written, so no two rows
# ever share a position or a number half-way.
OFFSET = 1_000_000


def business_rank(item):
    """Where an item belongs in the standard order of business (lower comes first)."""
    if item.is_exempt:
        return EXEMPT_RANK
    return RANK.get(item.kind, RANK[K.BUSINESS])


def numbers_in_order(numbers):
    """The numbers a list of items gets, in position order, from their current ones."""
    result, main, sub = [], 0, 0
    for number in numbers:
        number = (number or "").strip()
        if number.startswith("~"):  # a placeholder while rows are moved: a new number
            number = ""
        if SUB.match(number) and main:
            sub += 1
            result.append(f"{main}.{sub}")
        elif not number or PLAIN.match(number) or SUB.match(number):
            main, sub = main + 1, 0
            result.append(str(main))
        else:
            result.append(number)
    return result


def write_order(items, *, reason=""):
    """Give `items` (one meeting's, every one of them, in their new order) positions 1..n
    and numbers following them, atomically. Returns [(item, old number, new number)] for
    the items whose number changed. Callers decide whether the change may be made."""
    numbers = numbers_in_order([item.number for item in items])
    changed = [
        (item, item.number, number)
        for item, number in zip(items, numbers, strict=True)
        if item.number != number
    ]
    moved = [
        (position, item, number)
        for position, (item, number) in enumerate(zip(items, numbers, strict=True), start=1)
        if item.position != position or item.number != number
    ]
    with transaction.atomic():
        for _position, item, _number in moved:
            AgendaItem.objects.filter(pk=item.pk).update(
                position=item.position + OFFSET, number=f"~{item.pk}"[:12]
            )
        for position, item, number in moved:
            item.position, item.number = position, number
            item._renumbering = True
            if reason:
                item._change_reason = reason
            item.save()
            item._renumbering = False
    return changed
