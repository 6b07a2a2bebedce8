"""The clerk's meeting console (/editor/meetings/<id>/console/): roll call, items, interests,
motions, votes and actions, each a plain form post that works without JavaScript.

Thin: every action goes to `agenda.console.apply_event`; the page only reads the record.
Each form carries a `client_id` made here, so pressing a button twice (or resending after a
dropped connection) records the action once. A refusal is shown on the page with what was
typed kept. The same address answers JSON for scripts (the offline queue): POST
`{"client_id", "kind", "payload"}` with the CSRF token in `X-CSRFToken`, and
`GET ?format=json` for the live state (quorum, who is in the room, the current item).
"""

import datetime
import json
import re
import uuid

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, JsonResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.views import View

from agenda.console import ConsoleRefusal, apply_event
from agenda.models import Attendance, ConsoleEvent, Declaration, Meeting, Motion, VoteEvent
from agenda.models.eligibility import Roster, item_at
from agenda.models.items import EXEMPT_PARAGRAPHS
from agenda.publishing.roles import EDIT_PERMISSION
from committees.dates import clock, day_date
from committees.models import Membership, Person

# Fields of a form post that are not the action's payload, and the payload's own "kind"
# (of motion, of interest) under the names the forms give it.
FORM_FIELDS = {"csrfmiddlewaretoken", "kind", "client_id", "focus"}
ALIASES = {"motion_kind": "kind", "interest_kind": "kind"}
VOTE_FIELD = re.compile(r"^vote_(\d+)$")
CLOCK = re.compile(r"^\s*(\d{1,2})[.:](\d{2})\s*(am|pm)?\s*$", re.IGNORECASE)
RECENT = 15


def new_client_id():
    return uuid.uuid4().hex


def _moment_from_clock(meeting, value):
    """A time typed as "18:05" or "6.05pm", on the meeting's day (council's zone)."""
    match = CLOCK.match(value or "")
    if not match:
        return value
    hour, minute, half = int(match.group(1)), int(match.group(2)), (match.group(3) or "").lower()
    if half == "pm" and hour < 12:
        hour += 12
    if half == "am" and hour == 12:
        hour = 0
    if hour > 23 or minute > 59:
        return value
    day = timezone.localtime(meeting.start).date()
    naive = datetime.datetime.combine(day, datetime.time(hour, minute))
    return timezone.make_aware(naive, timezone.get_default_timezone()).isoformat()


def form_payload(meeting, post):
    """The action's payload from a form post: members' votes (`vote_<id>`) as one map, and
    a time typed as a clock time made a moment on the meeting's day."""
    payload, votes = {}, {}
    for key in post:
        if key in FORM_FIELDS:
            continue
        match = VOTE_FIELD.match(key)
        if match:
            votes[match.group(1)] = post.get(key)
        else:
            payload[ALIASES.get(key, key)] = post.get(key)
    if votes:
        payload["votes"] = votes
    if payload.get("at"):
        payload["at"] = _moment_from_clock(meeting, payload["at"])
    return payload


class ConsoleView(View):
    """The console page for one meeting (clerks: `agenda.change_meeting`)."""

    template_name = "admin/agenda/meeting/console.html"
    http_method_names = ["get", "post", "head", "options"]

    def dispatch(self, request, pk):
        if not request.user.has_perm(EDIT_PERMISSION):
            raise PermissionDenied
        self.meeting = Meeting.objects.select_related("committee").filter(pk=pk).first()
        if self.meeting is None:
            raise Http404("No such meeting.")
        return super().dispatch(request, pk)

    @property
    def url(self):
        return reverse("editor_meeting_console", kwargs={"pk": self.meeting.pk})

    # ------------------------------------------------------------------ reading

    def get(self, request, pk):
        if request.GET.get("format") == "json":
            return JsonResponse(self.state(Roster.load(self.meeting), timezone.now()))
        return self.render(request)

    def state(self, roster, now):
        items = list(self.meeting.items.order_by("position"))
        current = item_at(items, now)
        present = roster.present_voting(now)
        last = self.meeting.console_events.order_by("-sequence").first()
        return {
            "meeting": self.meeting.pk,
            "at": now.isoformat(),
            "quorum": roster.quorum,
            "present": len(present),
            "quorate": len(present) >= roster.quorum,
            "inTheRoom": [person.display_name for person in present],
            "currentItem": current.pk if current else None,
            "lastSequence": last.sequence if last else 0,
        }

    def focus_item(self, items, current):
        wanted = self.request.GET.get("item") or self.request.POST.get("focus")
        for item in items:
            if str(item.pk) == str(wanted):
                return item
        if current is not None:
            return current
        waiting = [i for i in items if i.started_at is None and not i.is_withdrawn]
        return waiting[0] if waiting else (items[-1] if items else None)

    def roll_call(self, roster, now):
        """Everyone on the roll: voting seats, then everyone else who came (substitutes,
        co-optees, officers), each with their state now."""
        seats = {seat.person_id: seat for seat in roster.voting_seats.values()}
        people = list(roster.members())
        people += [
            a.person for a in roster.attendances if a.person_id not in {p.pk for p in people}
        ]
        others = Membership.objects.filter(committee_id=self.meeting.committee_id).current(
            timezone.localtime(self.meeting.start).date()
        )
        for seat in others.exclude(person_id__in=[p.pk for p in people]).select_related("person"):
            people.append(seat.person)
        rows = []
        for person in people:
            attendance = roster.attendance_of(person.pk)
            spans = roster.spans.get(attendance.pk, []) if attendance else []
            here = roster.is_present(attendance, now)
            if here or (spans and spans[-1].left_at is None):
                state = f"In the room since {clock(spans[-1].arrived_at)}"
            elif spans:
                state = f"Left at {clock(spans[-1].left_at)}"
            elif attendance is not None:
                state = attendance.get_status_display()
            else:
                state = "Not arrived"
            seat = seats.get(person.pk)
            role = seat.get_role_display() if seat else ""
            if attendance is not None and attendance.status == Attendance.Status.SUBSTITUTE:
                role = f"Substitute for {attendance.substitute_for.display_name}"
            elif not role and attendance is not None:
                role = attendance.get_status_display()
            rows.append(
                {
                    "person": person,
                    "role": role or "Non-voting",
                    "state": state,
                    "here": here,
                    "came": bool(spans),
                    "attendance": attendance,
                }
            )
        return rows

    def render(self, request, *, error="", retry=None, status=200):
        now = timezone.now()
        roster = Roster.load(self.meeting)
        items = list(self.meeting.items.order_by("position").prefetch_related("recommendations"))
        current = item_at(items, now)
        focus = self.focus_item(items, current)
        motions = []
        eligible = []
        declarations = []
        if focus is not None:
            motions = list(
                Motion.objects.filter(item=focus)
                .select_related("mover", "seconder", "parent", "vote_event")
                .order_by("position")
            )
            eligible = roster.eligible(now, focus)
            declarations = list(
                Declaration.objects.filter(item=focus).select_related("person").order_by("pk")
            )
        for motion in motions:
            vote = motion.decided_by
            motion.tied = vote is not None and vote.result == VoteEvent.Result.TIED
        state = self.state(roster, now)
        rows = self.roll_call(roster, now)
        on_roll = {row["person"].pk for row in rows}
        context = {
            **admin.site.each_context(request),
            "title": f"Meeting console: {self.meeting}",
            "meeting": self.meeting,
            "meeting_day": day_date(self.meeting.start),
            "console_url": self.url,
            "state": state,
            "started": any(row["came"] for row in rows),
            "roll": rows,
            "newcomers": Person.objects.exclude(pk__in=on_roll).order_by("name"),
            "members": roster.members(),
            "items": items,
            "current": current,
            "focus": focus,
            "eligible": eligible,
            "motions": motions,
            "pending": [m for m in motions if m.is_pending and not m.tied],
            "tied": [m for m in motions if m.tied],
            "declarations": declarations,
            "declaration_kinds": Declaration.Kind.choices,
            "paragraphs": EXEMPT_PARAGRAPHS,
            "vote_methods": VoteEvent.Method.choices,
            "events": list(self.meeting.console_events.order_by("-sequence")[:RECENT]),
            "new_id": new_client_id,
            "error": error,
            "retry": retry or {},
            "locked": self.meeting.minutes_locked,
        }
        return TemplateResponse(request, self.template_name, context, status=status)

    # ------------------------------------------------------------------ acting

    def post(self, request, pk):
        wants_json = request.content_type == "application/json"
        if wants_json:
            try:
                data = json.loads(request.body or b"{}")
            except (ValueError, UnicodeDecodeError):
                return JsonResponse({"error": "The action could not be read."}, status=400)
            if not isinstance(data, dict) or not isinstance(data.get("payload", {}), dict):
                return JsonResponse({"error": "The action could not be read."}, status=400)
            kind, client_id = data.get("kind"), data.get("client_id")
            payload = data.get("payload") or {}
            if isinstance(payload.get("at"), str):
                payload["at"] = _moment_from_clock(self.meeting, payload["at"])
        else:
            kind, client_id = request.POST.get("kind"), request.POST.get("client_id")
            payload = form_payload(self.meeting, request.POST)
        try:
            result = apply_event(self.meeting, client_id, kind, payload, request.user)
        except ConsoleRefusal as refusal:
            text = " ".join(refusal.messages)
            if wants_json:
                return JsonResponse({"error": text}, status=400)
            retry = {"kind": kind, "client_id": client_id, "values": payload}
            return self.render(request, error=text, retry=retry, status=400)
        if wants_json:
            return JsonResponse(
                {
                    "applied": result.applied,
                    "sequence": result.event.sequence,
                    "summary": result.summary,
                    "warnings": result.warnings,
                    "result": result.event.result,
                }
            )
        if result.applied:
            messages.success(request, result.summary)
        else:
            messages.info(request, f"Already recorded: {result.summary}")
        for warning in result.warnings:
            messages.warning(request, warning)
        focus = request.POST.get("focus") or (result.event.item_id or "")
        where = f"?item={focus}" if focus else ""
        return redirect(f"{self.url}{where}#{_anchor(kind)}")


def _anchor(kind):
    if kind in (ConsoleEvent.Kind.ARRIVE, ConsoleEvent.Kind.LEAVE, ConsoleEvent.Kind.APOLOGIES):
        return "roll-call"
    return "item"


console_view = admin.site.admin_view(ConsoleView.as_view())
