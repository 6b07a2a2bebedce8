"""Decisions: a meeting's decision notice published, and an executive decision called in.

`publish_decisions` makes every resolution of the meeting that decides something a
published `Decision` (keeping what a clerk already wrote on it), with its call-in window
for executive decisions (setting `CALL_IN_WORKING_DAYS`, deadlines.py), and prints the
decision notice ("Printed decisions") through `after_publish(meeting, "decisions")`.
`call_in_decision` records a call-in and puts the decision on the agenda of the scrutiny
meeting the step is run for; `call_in()` finds that meeting. Officers' decisions recorded
without a meeting are published by `publish_recorded_decision`. A published decision is
locked (agenda/models/decisions.py): `correct_decision` is the only way to change its text,
and it records a correction that the public page lists.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from agenda.models import (
    AgendaItem,
    Decision,
    DecisionCorrection,
    ForwardPlanEntry,
    Meeting,
    Resolution,
)
from agenda.models.decisions import (
    CORRECTABLE_FIELDS,
    DECIDING_OUTCOMES,
    PUBLISHED_DECISION_FIELDS,
)
from agenda.models.locks import opened
from agenda.printing.publish import DECISIONS_KINDS
from agenda.publishing import deadlines, effects
from agenda.publishing.base import Step
from agenda.publishing.roles import PUBLISH_PERMISSION, require
from committees.dates import long_date
from committees.models import Committee
from committees.richtext import html_to_text, sanitise_html
from minutes_site.audit import log_event

# The fields each decision step writes on a locked (published) decision.
PUBLISHING_OPENS = tuple(f"decision.{name}" for name in PUBLISHED_DECISION_FIELDS)
CALL_IN_OPENS = tuple(
    f"decision.{name}"
    for name in (
        "called_in_on", "called_in_by", "call_in_reason", "call_in", "status",
        "effective_from", "scrutiny_item",
    )
)  # fmt: skip
DATES_OPENS = tuple(
    f"decision.{name}"
    for name in (
        "published_at", "publication_date", "call_in", "call_in_until", "effective_from",
    )
)  # fmt: skip

CALLED_IN_STATES = {
    "called_in": "it has already been called in",
    "urgent": "it was taken as urgent and is not subject to call-in",
    "effective": "its call-in period has ended and it has taken effect",
    "": "it is not subject to call-in",
}


def notice_days():
    return getattr(settings, "KEY_DECISION_NOTICE_DAYS", 28)


def set_call_in(decision, today, closures):
    """The call-in window and the date it takes effect, from its publication on `today`."""
    if decision.is_urgent:
        decision.call_in = Decision.CallIn.NOT_SUBJECT
        decision.call_in_until = None
        decision.effective_from = max(decision.decided_on or today, today)
    elif decision.is_executive:
        decision.call_in = Decision.CallIn.SUBJECT
        decision.call_in_until = deadlines.call_in_until(today, closures=closures)
        decision.effective_from = deadlines.effective_after_call_in(
            decision.call_in_until, closures=closures
        )
    else:
        decision.call_in = Decision.CallIn.NOT_SUBJECT
        decision.call_in_until = None
        decision.effective_from = decision.decided_on or today


def decision_for(resolution, meeting):
    """The resolution's decision: the one a clerk drafted, or a new one, filled in from the
    item where the clerk left a field blank."""
    item = resolution.item
    decision = Decision.objects.filter(resolution=resolution).first() or Decision(
        resolution=resolution
    )
    decision.meeting, decision.item, decision.committee = meeting, item, meeting.committee
    decision.title = decision.title or item.plain_title[:300]
    decision.decision_maker = decision.decision_maker or meeting.committee.name
    if resolution.outcome == Resolution.Outcome.CARRIED_AS_AMENDED:
        decision.status = Decision.Status.APPROVED_AMENDED
    decision.text = decision.text or resolution.text
    decision.is_key_decision = decision.is_key_decision or item.is_key_decision
    if decision.forward_plan_entry_id is None:
        decision.forward_plan_entry = ForwardPlanEntry.objects.filter(item=item).first()
    decision.topic_id = decision.topic_id or item.topic_id
    decision.lead_officer_id = decision.lead_officer_id or item.contact_officer_id
    if item.is_exempt:
        decision.is_exempt, decision.exempt_paragraph = True, item.exempt_paragraph
    decision.decided_on = decision.decided_on or timezone.localtime(meeting.start).date()
    conflicts, dispensations = decision.declarations_text()
    decision.conflicts = decision.conflicts or conflicts
    decision.dispensations = decision.dispensations or dispensations
    return decision


class PublishDecisions(Step):
    """The decision notice of a meeting that took place: its decisions public, each with
    when it can be called in or takes effect, and printed. Publishing again adds decisions
    recorded since and reprints; dates already published are kept."""

    name = "publish_decisions"
    opens = PUBLISHING_OPENS
    title = "Publish the decision notice"
    doing = "publish decision notices"
    explain = (
        "Every resolution that decides something becomes a public decision with its "
        "reasons and call-in period, and the printed decision notice is produced."
    )

    def resolutions(self):
        return (
            Resolution.objects.filter(
                item__meeting=self.meeting,
                item__published_at__isnull=False,
                item__withdrawn_at__isnull=True,
                outcome__in=DECIDING_OUTCOMES,
            )
            .select_related("item")
            .order_by("item__position", "position")
        )

    def prepared(self):
        """The decisions as they will be published (unsaved where new)."""
        if not hasattr(self, "_prepared"):
            decisions = [decision_for(row, self.meeting) for row in self.resolutions()]
            # Keyed by resolution id; the worker gets the params back from JSON (str keys).
            urgent = {str(key): value for key, value in (self.params.get("urgent") or {}).items()}
            for decision in decisions:
                reason = (urgent.get(str(decision.resolution_id)) or "").strip()
                if reason and decision.published_at is None:
                    decision.is_urgent, decision.urgency_reason = True, reason
            # Decisions a clerk recorded on the meeting without a resolution go out too.
            decisions += list(
                Decision.objects.filter(meeting=self.meeting, resolution__isnull=True)
            )
            self._prepared = decisions
        return self._prepared

    def refuse(self):
        if not self.prepared():
            raise ValidationError(
                "%(meeting)s has no resolution that decides something (carried, or carried "
                "as amended) on a published item: record the resolutions first.",
                params={"meeting": self.meeting},
                code="nothing_to_publish",
            )

    def validate(self):
        problems = []
        for decision in self.prepared():
            problem = decision.key_notice_problem(notice_days())
            if problem and decision.published_at is None:
                problems.append(f"“{decision.title}” is a key decision, but {problem}.")
        if problems:
            raise ValidationError(["The decision notice was not published, because:", *problems])

    def apply(self):
        today = timezone.localtime(self.now).date()
        closures = deadlines.closure_days()
        for decision in self.prepared():
            if decision.published_at is None:
                decision.published_at = self.now
                decision.publication_date = today
                set_call_in(decision, today, closures)
            decision.full_clean(exclude=["resolution"])
            decision.save()
        self.reason = f"{len(self.prepared())} decision(s) published"


class CallInDecision(Step):
    """An executive decision called in by members within its window: it does not take
    effect, and goes to this (scrutiny) meeting's agenda as an item. Params: `decision`,
    `by` (the members), `reason`."""

    name = "call_in_decision"
    opens = CALL_IN_OPENS
    title = "Record a call-in"
    doing = "record a call-in"
    offered_in_admin = False

    def __init__(self, meeting, actor, **params):
        super().__init__(meeting, actor, **params)
        self.decision = params.get("decision")

    def prepare(self):
        decision = self.params.get("decision")
        self.decision = (
            Decision.objects.select_for_update(of=("self",))
            .filter(pk=getattr(decision, "pk", None))
            .select_related("committee", "item")
            .first()
        )

    def refuse(self):
        decision = self.decision
        if decision is None or decision.published_at is None:
            raise ValidationError("Choose a published decision to call in.")
        if self.meeting.committee.kind != Committee.Kind.SCRUTINY:
            raise ValidationError(
                "A called-in decision goes to an overview and scrutiny committee: "
                "%(committee)s is not one.",
                params={"committee": self.meeting.committee},
            )
        today = timezone.localtime(self.now).date()
        if not decision.is_executive:
            raise ValidationError(
                "“%(title)s” is not an executive decision: only those can be called in.",
                params={"title": decision.title},
            )
        if not decision.can_be_called_in(today):
            raise ValidationError(
                "“%(title)s” cannot be called in: %(why)s.",
                params={
                    "title": decision.title,
                    "why": CALLED_IN_STATES.get(decision.call_in_state(today), "its window closed"),
                },
            )
        if (
            not (self.params.get("by") or "").strip()
            or not (self.params.get("reason") or "").strip()
        ):
            raise ValidationError("Write who called the decision in and their reason.")

    def apply(self):
        decision = self.decision
        by, reason = self.params["by"].strip(), self.params["reason"].strip()
        made = f"{decision.decision_maker or decision.committee}"
        when = f"{long_date(decision.decided_on)}" if decision.decided_on else ""
        private = not decision.shows_content
        text = f"<p>The decision of {made} on {when} was called in by {by}.</p>"
        if not private:
            text += f"<p>Reason for the call-in: {reason}</p>"
        item = AgendaItem.objects.create(
            meeting=self.meeting,
            title=f"Call-in: {decision.title}"[:300],
            agenda_text=text,
            is_key_decision=False,
            topic_id=decision.topic_id,
            is_exempt=private,
            exempt_paragraph=decision.exempt_paragraph if private else None,
            public_interest_reason="As for the decision called in." if private else "",
        )
        decision.called_in_on = timezone.localtime(self.now).date()
        decision.called_in_by, decision.call_in_reason = by, reason
        decision.call_in = Decision.CallIn.CALLED_IN
        decision.status = Decision.Status.CALLED_IN
        decision.effective_from = None
        decision.scrutiny_item = item
        decision.save()
        self.created = item
        self.reason = f"Called in: {html_to_text(decision.title)}"


def next_scrutiny_meeting(decision, now=None):
    """The first scrutiny meeting still to come whose agenda is open; one of the
    committee whose remit covers the decision's item comes first."""
    now = now or timezone.now()
    meetings = Meeting.objects.filter(
        committee__kind=Committee.Kind.SCRUTINY,
        status=Meeting.Status.SCHEDULED,
        agenda_status=Meeting.AgendaStatus.DRAFT,
        start__gt=now,
    ).select_related("committee")
    area = decision.item.scrutiny_area_id if decision.item_id else None
    if area:
        within = meetings.filter(committee__scrutiny_area_id=area).order_by("start").first()
        if within:
            return within
    return meetings.order_by("start").first()


def call_in(decision, actor, *, by, reason, now=None):
    """Call `decision` in to the next scrutiny meeting (the step's StepResult)."""
    from agenda.publishing import step

    meeting = next_scrutiny_meeting(decision, now)
    if meeting is None:
        raise ValidationError(
            "No meeting of an overview and scrutiny committee is scheduled with its agenda "
            "still open: schedule one, then record the call-in."
        )
    return step(
        "call_in_decision", meeting, actor, now=now, decision=decision, by=by, reason=reason
    ).execute()


def publish_recorded_decision(decision, actor, *, now=None):
    """Publish a decision recorded without a meeting (an officer's under delegation, an
    executive member's): its dates and call-in window are set as a meeting's would be."""
    require(actor, PUBLISH_PERMISSION, "publish decisions")
    now = now or timezone.now()
    with transaction.atomic():
        decision = (
            Decision.objects.select_for_update(of=("self",))
            .select_related("committee")
            .get(pk=decision.pk)
        )
        if decision.published_at is not None:
            return decision
        problem = decision.key_notice_problem(notice_days())
        if problem:
            raise ValidationError(f"“{decision.title}” is a key decision, but {problem}.")
        today = timezone.localtime(now).date()
        decision.published_at, decision.publication_date = now, today
        set_call_in(decision, today, deadlines.closure_days())
        with opened(*DATES_OPENS):
            decision.full_clean(exclude=["resolution"])
            decision.save()
        log_event("decision_published", user=actor, target_type="decision", target_id=decision.pk)
    return decision


def _normalised(field, value):
    if isinstance(value, str):
        value = value.strip()
        if field.get_internal_type() == "TextField" or "RichText" in type(field).__name__:
            return sanitise_html(value) if "RichText" in type(field).__name__ else value
    return value


def correct_decision(decision, actor, *, changes, reason, now=None):
    """Correct a published decision: `changes` maps fields of CORRECTABLE_FIELDS to their
    new values; `reason` says why. The decision changes, a DecisionCorrection records what
    and why, the decision notice is reprinted and the audit log hears of it. Returns the
    correction."""
    require(actor, PUBLISH_PERMISSION, "correct published decisions")
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError("Give the reason for the correction: it is shown with it.")
    unknown = set(changes) - set(CORRECTABLE_FIELDS)
    if unknown:
        raise ValidationError(
            "Only the text, dates and maker of a decision are corrected this way (not "
            "%(fields)s): privacy and call-in have their own steps.",
            params={"fields": ", ".join(sorted(unknown))},
        )
    now = now or timezone.now()
    with transaction.atomic():
        decision = (
            Decision.objects.select_for_update(of=("self",))
            .select_related("meeting")
            .get(pk=decision.pk)
        )
        if decision.published_at is None:
            raise ValidationError(
                "“%(title)s” is not published yet: edit it directly.",
                params={"title": decision.title},
            )
        changed = []
        for name, value in changes.items():
            field = Decision._meta.get_field(name)
            value = _normalised(field, value)
            if getattr(decision, name) != value:
                setattr(decision, name, value)
                changed.append(str(field.verbose_name))
        if not changed:
            raise ValidationError("Nothing was changed: there is nothing to correct.")
        with opened(*(f"decision.{name}" for name in changes)):
            decision.full_clean(exclude=["resolution"])
            decision.save()
        correction = DecisionCorrection.objects.create(
            decision=decision,
            fields=", ".join(changed)[:300],
            reason=reason,
            recorded_by=actor,
            recorded_at=now,
        )
        log_event(
            "decision_corrected",
            user=actor,
            target_type="decision",
            target_id=decision.pk,
            fields=changed,
        )
        # The printed decision notice follows, where the meeting has one of its own.
        printed = effects.printed_kinds(decision.meeting, "all") if decision.meeting_id else []
        if set(printed) & set(DECISIONS_KINDS):
            effects.after_publish(decision.meeting, "decisions", now=now, change=correction.fields)
    return correction
