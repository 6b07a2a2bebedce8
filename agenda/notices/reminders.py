"""Reminders to the owners of actions: a week before the due date, and weekly once late."""

import datetime

from django.urls import reverse
from django.utils import timezone

from agenda.models import Action, OutgoingEmail
from agenda.notices.compose import site_url, write

BEFORE = datetime.timedelta(days=7)


def remind_action_owners(today=None):
    """Write the reminders due today (each once: keyed by action, phase and week)."""
    today = today or timezone.localdate()
    actions = (
        Action.objects.outstanding()
        .filter(due_date__isnull=False, due_date__lte=today + BEFORE)
        .exclude(owner_person__isnull=True)
        .exclude(owner_person__email="")
        .select_related("owner_person", "item__meeting__committee")
    )
    written = []
    for action in actions:
        late = action.due_date < today
        phase = f"late-{today.isocalendar()[0]}-{today.isocalendar()[1]}" if late else "soon"
        due = f"{action.due_date.day} {action.due_date:%B %Y}"
        email = write(
            key=f"remind:{action.pk}:{action.due_date}:{phase}",
            kind=OutgoingEmail.Kind.REMINDER,
            to=action.owner_person.email,
            subject=(
                f"Overdue since {due}: {action.description[:80]}"
                if late
                else f"Due on {due}: {action.description[:80]}"
            ),
            lines=[
                f"{action.item.meeting} asked for this (item {action.item.number}, "
                f"{action.item.plain_title}): {action.description}",
                f"It is {'overdue: it was due on' if late else 'due on'} {due}.",
                "Record progress with the clerk, who keeps the committee's action tracker.",
            ],
            link=site_url(
                reverse("agenda:committee_actions", args=[action.item.meeting.committee.slug])
            ),
            meeting=action.item.meeting,
        )
        if email is not None:
            written.append(email)
    return written
