"""Standard items every agenda carries, offered rather than retyped."""

from agenda.models import AgendaItem, Meeting
from agenda.publishing.log import workflow_save
from agenda.publishing.minutes_steps import long_date


def previous_meeting(meeting):
    """The same committee's meeting before this one that was (or will be) held."""
    return (
        Meeting.objects.filter(committee=meeting.committee, start__lt=meeting.start)
        .exclude(status__in=Meeting.CALLED_OFF_STATES)
        .order_by("-start")
        .first()
    )


def add_standard_items(meeting):
    """Give the agenda the standard item "Minutes of the previous meeting", linked to the
    committee's previous meeting, unless it has one (or there is no previous meeting).
    Returns the item created, or None."""
    prior = previous_meeting(meeting)
    if prior is None or meeting.items.filter(kind=AgendaItem.Kind.PREVIOUS_MINUTES).exists():
        return None
    item = AgendaItem(
        meeting=meeting,
        position=meeting.next_item_position(),
        kind=AgendaItem.Kind.PREVIOUS_MINUTES,
        title="Minutes of the previous meeting",
        agenda_text=(
            "<p>To approve as a correct record the minutes of the meeting held on "
            f"{long_date(prior.start)}.</p>"
        ),
        previous_minutes_of=prior,
    )
    workflow_save(item)
    return item
