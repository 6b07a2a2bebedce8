"""Writing the messages a publication calls for (called from publishing's effects)."""

from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from agenda.models import Document, Meeting, OutgoingEmail, Subscription
from committees.models import Membership

WHAT = {
    "agenda": ("The agenda of {meeting} is published", OutgoingEmail.Kind.SUMMONS),
    "supplement": ("A supplement to the agenda of {meeting}", OutgoingEmail.Kind.SUPPLEMENT),
    "minutes": ("The minutes of {meeting} are published", OutgoingEmail.Kind.CHANGE),
    "all": ("{meeting} has changed", OutgoingEmail.Kind.CHANGE),
    "notice": ("{meeting} is {status}", OutgoingEmail.Kind.CALLED_OFF),
}
# Who hears of what: members and substitutes are summoned and told of every change;
# subscribers hear of each publication.
TO_MEMBERS = {"agenda", "supplement", "all", "notice"}


def site_url(path):
    return settings.SITE_URL.rstrip("/") + path


def when(meeting):
    local = timezone.localtime(meeting.start)
    hour = local.strftime("%I").lstrip("0") or "12"
    return f"{local:%A} {local.day} {local:%B %Y}, {hour}.{local:%M}{local:%p}".replace(
        "AM", "am"
    ).replace("PM", "pm")


def _render(context):
    context = {"council": settings.COUNCIL, **context}
    text = render_to_string("agenda/email/notice.txt", context)
    html = render_to_string("agenda/email/notice.html", context)
    return text, html


def write(*, key, kind, to, subject, lines, link, meeting=None, unsubscribe="", attachment=""):
    """Write one message (once: a second call with the same key does nothing) and queue it
    for sending when the transaction commits. Returns the row, or None if already written."""
    text, html = _render(
        {"subject": subject, "lines": lines, "link": link, "unsubscribe": unsubscribe}
    )
    email, created = OutgoingEmail.objects.get_or_create(
        key=key[:200],
        defaults={
            "kind": kind,
            "to": to,
            "subject": " ".join(subject.split())[:300],
            "body_text": text,
            "body_html": html,
            "meeting": meeting,
            "unsubscribe_url": unsubscribe,
            "attachment": attachment,
        },
    )
    if not created:
        return None
    from agenda.notices.delivery import queue

    transaction.on_commit(lambda: queue(email.pk))
    return email


def _members(meeting):
    day = timezone.localtime(meeting.start).date()
    seats = (
        Membership.objects.current(on=day)
        .filter(committee=meeting.committee)
        .exclude(person__email="")
        .select_related("person")
    )
    return {seat.person.email.lower(): seat.person for seat in seats}


def after_publication(meeting, what, *, now, change=""):
    """Write the messages `what` (an after_publish kind) calls for."""
    if what not in WHAT:
        return []
    title, kind = WHAT[what]
    subject = title.format(meeting=meeting.name, status=meeting.get_status_display().lower())
    subject = f"{subject}: {when(meeting)}"
    link = site_url(meeting.get_absolute_url())
    lines = [f"{meeting.name}: {when(meeting)}."]
    if meeting.venue_id:
        lines.append(f"Venue: {meeting.venue}.")
    if change:
        lines.append(change)
    if meeting.is_called_off and meeting.status_notice:
        lines.append(meeting.status_notice)
    stamp = f"{now:%Y%m%d%H%M%S%f}"
    written = []
    if what in TO_MEMBERS:
        attachment = ""
        if what == "agenda":
            frontsheet = meeting.documents.filter(
                is_generated=True, kind=Document.Kind.AGENDA_FRONTSHEET
            ).first()
            attachment = frontsheet.file.name if frontsheet else ""
        for address in _members(meeting):
            written.append(
                write(
                    key=f"{what}:{meeting.pk}:{stamp}:{address}",
                    kind=kind,
                    to=address,
                    subject=subject,
                    lines=lines,
                    link=link,
                    meeting=meeting,
                    attachment=attachment,
                )
            )
    written += notify_subscribers(meeting, what, subject, lines, link, stamp)
    return [email for email in written if email is not None]


def notify_subscribers(meeting, what, subject, lines, link, stamp):
    """One notice per confirmed address, however many of its subscriptions match."""
    if not Meeting.objects.public().filter(pk=meeting.pk).exists():
        return []
    by_address = {}
    for subscription in Subscription.objects.for_meeting(meeting).order_by("pk"):
        by_address.setdefault(subscription.email.lower(), subscription)
    return [
        write(
            key=f"notice:{what}:{meeting.pk}:{stamp}:{address}",
            kind=OutgoingEmail.Kind.NOTICE,
            to=address,
            subject=subject,
            lines=[*lines, f"You asked to hear about {subscription.subject}."],
            link=link,
            meeting=meeting,
            unsubscribe=site_url(
                reverse("notices:unsubscribe", kwargs={"token": subscription.token})
            ),
        )
        for address, subscription in by_address.items()
    ]
