"""The clerk's week on one screen: the editor's front page.

Each section is a list of lines, each with what to do and a link to the place to do it.
"My committees" are those the user clerks (Committee.clerks); someone who clerks none
sees every committee.
"""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils import timezone

from agenda.models import Action, AgendaItem, Document, Meeting, ReportSignOff
from agenda.models.sign_off import missing_stages
from agenda.publishing import deadlines
from agenda.publishing import minutes_due as minutes_due_rule
from agenda.publishing.checks import public_documents
from agenda.publishing.roles import PUBLISH_PERMISSION
from committees.models import Committee

LOOK_AHEAD = datetime.timedelta(days=42)


@dataclass
class Line:
    """One thing on the dashboard: what, a detail, where to act, and whether it is late."""

    text: str
    detail: str
    url: str
    late: bool = False


def _change(meeting):
    return reverse("admin:agenda_meeting_change", args=[meeting.pk])


def my_committees(user):
    mine = Committee.objects.filter(clerks=user)
    return mine if mine.exists() else Committee.objects.all()


def next_meetings(meetings, now, closures):
    lines = []
    for meeting in meetings.filter(agenda_status=Meeting.AgendaStatus.DRAFT):
        late = deadlines.is_late(meeting, now, closures)
        if late:
            detail = "Deadline passed: publishing needs a reason of urgency."
        else:
            left = deadlines.working_days_left(meeting, now, closures)
            deadline = timezone.localtime(deadlines.agenda_deadline(meeting, closures))
            detail = (
                f"Publish by the end of {deadline:%A} {deadline.day} {deadline:%B}: "
                f"{left} working day{'' if left == 1 else 's'} left."
            )
        lines.append(Line(str(meeting), detail, _change(meeting), late))
    return lines


def quick_blocks(meeting):
    """What would block the agenda, judged without opening files (the page must be quick;
    the full checklist runs on the confirmation page)."""
    problems = []
    for item in meeting.items.all():
        if item.is_exempt and not (item.exempt_paragraph and item.public_interest_reason.strip()):
            problems.append(f"Item {item.number} is exempt without a paragraph or reason.")
    for document in public_documents(meeting, minutes=False):
        if document.content_type != "application/pdf":
            problems.append(f"“{document.title}” is not a PDF.")
    return problems


def ready_to_publish(meetings):
    """Draft agendas and what blocks them."""
    lines = []
    for meeting in meetings.filter(agenda_status=Meeting.AgendaStatus.DRAFT):
        problems = quick_blocks(meeting)
        detail = "Ready to publish." if not problems else " ".join(problems)
        lines.append(Line(str(meeting), detail, _change(meeting), late=bool(problems)))
    return lines


def reports_missing(meetings):
    has_report = Document.objects.filter(item=OuterRef("pk"))
    items = (
        AgendaItem.objects.filter(meeting__in=meetings, kind=AgendaItem.Kind.BUSINESS)
        .exclude(report_reference="")
        .filter(~Exists(has_report))
        .select_related("meeting__committee")
    )
    return [
        Line(
            f"{item.meeting}: item {item.number}, {item.plain_title}",
            f"Report {item.report_reference} not received yet.",
            reverse("admin:agenda_agendaitem_change", args=[item.pk]),
        )
        for item in items
    ]


def reports_to_sign_off(meetings, closures, today):
    """Reports on upcoming agendas still missing sign-off steps, with the day they are due."""
    if not getattr(settings, "REPORT_SIGN_OFF", False):
        return []
    lines = []
    documents = (
        Document.objects.filter(
            meeting__in=meetings.filter(agenda_status=Meeting.AgendaStatus.DRAFT),
            kind=Document.Kind.REPORT,
            is_generated=False,
        )
        .select_related("meeting__committee")
        .prefetch_related("sign_offs")
    )
    for document in documents:
        missing = missing_stages(document)
        if not missing:
            continue
        due = deadlines.sign_off_due(document.meeting, closures)
        waiting = ", ".join(str(ReportSignOff.Stage(stage).label).lower() for stage in missing)
        lines.append(
            Line(
                f"{document.meeting}: {document.title}",
                f"Waiting for {waiting}; due {due:%A} {due.day} {due:%B}.",
                reverse("admin:agenda_document_change", args=[document.pk]),
                late=due < today,
            )
        )
    return lines


def minutes_due(committees, now, closures):
    lines = []
    today = timezone.localdate(now)
    for meeting in minutes_due_rule.waiting(committees, now):
        due = minutes_due_rule.due_date(meeting, closures)
        lines.append(
            Line(
                str(meeting),
                f"Draft minutes due {due:%A} {due.day} {due:%B}"
                + (" (overdue)." if due < today else "."),
                _change(meeting),
                late=due < today,
            )
        )
    return lines


def awaiting_approval(committees):
    meetings = Meeting.objects.filter(
        committee__in=committees, minutes_status=Meeting.MinutesStatus.DRAFT_PUBLISHED
    ).select_related("committee")
    return [
        Line(str(m), "Draft minutes published: approve at the next meeting.", _change(m))
        for m in meetings
    ]


def awaiting_release(meetings):
    """Published agendas with items or documents added since: a supplement to release."""
    new_items = AgendaItem.objects.filter(meeting=OuterRef("pk"), published_at__isnull=True)
    waiting = meetings.filter(agenda_status__in=Meeting.PUBLIC_AGENDA_STATES).filter(
        Exists(new_items)
    )
    return [
        Line(str(m), "New items wait for a supplement to be released.", _change(m)) for m in waiting
    ]


def overdue_actions(committees, today):
    actions = (
        Action.objects.filter(
            item__meeting__committee__in=committees,
            status__in=(Action.Status.OPEN, Action.Status.IN_PROGRESS),
            due_date__lt=today,
        )
        .select_related("item__meeting__committee")
        .order_by("due_date")[:50]
    )
    return [
        Line(
            f"{action.owner}: {action.description[:80]}",
            f"Due {action.due_date.day} {action.due_date:%B %Y}; from {action.item.meeting}.",
            reverse("admin:agenda_agendaitem_change", args=[action.item_id]),
            late=True,
        )
        for action in actions
    ]


def dashboard_sections(user, now=None):
    """The sections of the front page, in the order a clerk's day needs them."""
    now = now or timezone.now()
    closures = deadlines.closure_days()
    committees = my_committees(user)
    upcoming = (
        Meeting.objects.filter(committee__in=committees, start__gte=now, start__lt=now + LOOK_AHEAD)
        .exclude(status__in=Meeting.CALLED_OFF_STATES)
        .select_related("committee")
        .order_by("start")
    )
    sections = [
        ("Next meetings and their deadlines", next_meetings(upcoming, now, closures)),
        ("Agendas to publish, and what blocks them", ready_to_publish(upcoming)),
        ("Reports not yet received", reports_missing(upcoming)),
        (
            "Reports waiting for sign-off",
            reports_to_sign_off(upcoming, closures, timezone.localdate(now)),
        ),
        ("Draft minutes due", minutes_due(committees, now, closures)),
        ("Minutes waiting for approval", awaiting_approval(committees)),
    ]
    if user.has_perm(PUBLISH_PERMISSION):
        sections.append(("Waiting for your release", awaiting_release(upcoming)))
    sections.append(("Overdue actions", overdue_actions(committees, timezone.localdate(now))))
    return sections
