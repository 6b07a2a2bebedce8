"""Console actions about who is in the room: arrivals (with substitutes), departures,
apologies, and closing the meeting (everyone still there leaves)."""

from agenda.console.context import TIMES, refuse
from agenda.models import (
    Attendance,
    AttendanceSpan,
)
from committees.dates import clock
from committees.models import Person

# ---------------------------------------------------------------------- attendance


def _attendance(ctx, person):
    return Attendance.objects.filter(meeting=ctx.meeting, person=person).first()


def _quorum_watch(ctx, before):
    """Compare the quorum before and after an arrival or departure."""
    ctx.reload()
    after = ctx.roster.is_quorate(ctx.at)
    present = len(ctx.roster.present_voting(ctx.at))
    if before and not after:
        ctx.result["quorum"] = "lost"
        ctx.warn(
            f"The meeting is no longer quorate: {present} voting member"
            f"{'s' if present != 1 else ''} present, and the quorum is {ctx.roster.quorum}. "
            "No vote can be taken until it is quorate again."
        )
    elif after and not before and ctx.meeting.console_events.filter(result__quorum="lost").exists():
        ctx.result["quorum"] = "regained"


def do_arrive(ctx):
    person = ctx.person(what="who arrived")
    substitute_for = ctx.person("substitute_for", required=False, what="the member substituted")
    default = (
        Attendance.Status.IN_ATTENDANCE
        if person.kind == Person.Kind.OFFICER
        else Attendance.Status.PRESENT
    )
    status = ctx.choice(
        "status",
        (
            Attendance.Status.PRESENT,
            Attendance.Status.PRESENT_VIRTUALLY,
            Attendance.Status.SUBSTITUTE,
            Attendance.Status.IN_ATTENDANCE,
        ),
        required=False,
        ask="Choose how they attend: present, present virtually, as a substitute or in attendance.",
    )
    status = Attendance.Status.SUBSTITUTE if substitute_for else (status or default)
    if status == Attendance.Status.SUBSTITUTE:
        if substitute_for is None:
            refuse(f"Choose the member {person.display_name} is substituting for.")
        if substitute_for == person:
            refuse("A member cannot substitute for themselves.")
        if substitute_for.pk not in ctx.roster.voting_seats:
            refuse(
                f"{substitute_for.display_name} does not hold a voting seat on "
                f"{ctx.meeting.committee.name}: a substitute stands in for a member."
            )
    before = ctx.roster.is_quorate(ctx.at)
    attendance = _attendance(ctx, person)
    spans = list(attendance.spans.order_by("arrived_at")) if attendance else []
    if spans and spans[-1].left_at is None:
        since = clock(spans[-1].arrived_at)
        refuse(f"{person.display_name} is already in the meeting (since {since}).")
    if spans and spans[-1].left_at > ctx.at:
        refuse(
            f"{person.display_name} left at {clock(spans[-1].left_at)}: their return must be later "
            "than that."
        )
    if attendance is None:
        attendance = Attendance.objects.create(
            meeting=ctx.meeting, person=person, status=status, substitute_for=substitute_for
        )
    elif (attendance.status, attendance.substitute_for_id) != (
        status,
        getattr(substitute_for, "pk", None),
    ):
        if spans and attendance.status != status:
            refuse(
                f"{person.display_name} was here as “{attendance.get_status_display()}”: they "
                "return the same way (change it in the editor if it was recorded wrongly)."
            )
        attendance.status, attendance.substitute_for = status, substitute_for
        attendance.save()
    if substitute_for is not None and _attendance(ctx, substitute_for) is None:
        Attendance.objects.create(
            meeting=ctx.meeting, person=substitute_for, status=Attendance.Status.APOLOGIES
        )
    span = AttendanceSpan.objects.create(attendance=attendance, arrived_at=ctx.at)
    ctx.result.update(person=person.pk, span=span.pk)
    ctx.about(ctx.current_item())
    _quorum_watch(ctx, before)
    verb = "returned" if spans else "arrived"
    extra = f", as substitute for {substitute_for.display_name}" if substitute_for else ""
    return f"{person.display_name} {verb} at {clock(ctx.at)}{extra}."


def do_leave(ctx):
    person = ctx.person(what="who left")
    attendance = _attendance(ctx, person)
    span = attendance.spans.filter(left_at__isnull=True).first() if attendance else None
    if span is None:
        refuse(f"{person.display_name} is not in the meeting now: record their arrival first.")
    if ctx.at <= span.arrived_at:
        refuse(f"{person.display_name} arrived at {clock(span.arrived_at)}: they leave after that.")
    before = ctx.roster.is_quorate(ctx.at)
    span.left_at = ctx.at
    span.save()
    ctx.result.update(person=person.pk, span=span.pk)
    ctx.about(ctx.current_item())
    _quorum_watch(ctx, before)
    return f"{person.display_name} left at {clock(ctx.at)}."


def do_apologies(ctx):
    person = ctx.person(what="who sent apologies")
    attendance = _attendance(ctx, person)
    if attendance is not None and attendance.spans.exists():
        refuse(f"{person.display_name} has been in the meeting: record their departure instead.")
    if attendance is None:
        Attendance.objects.create(
            meeting=ctx.meeting, person=person, status=Attendance.Status.APOLOGIES
        )
    else:
        attendance.status, attendance.substitute_for = Attendance.Status.APOLOGIES, None
        attendance.save()
    ctx.result["person"] = person.pk
    ctx.reload()
    return f"Apologies from {person.display_name}."


def do_end_meeting(ctx):
    meeting = ctx.meeting
    if ctx.at <= meeting.start:
        refuse(f"The meeting started at {clock(meeting.start)}: it closes after that.")
    spans = list(AttendanceSpan.objects.filter(attendance__meeting=meeting, left_at__isnull=True))
    for span in spans:
        if span.arrived_at >= ctx.at:
            refuse(f"{span.attendance.person} arrived after {clock(ctx.at)}: check the time.")
    # One write for everyone still in the room (the lock is asked once, for all of them).
    AttendanceSpan.objects.filter(pk__in=[span.pk for span in spans]).update(left_at=ctx.at)
    running = ctx.current_item()
    for item in ctx.items:
        if item.started_at is not None and item.ended_at is None:
            item.ended_at = max(ctx.at, item.started_at)
            item.save(update_fields=TIMES)
            ctx.touched.add(item.pk)
    came = set(Attendance.objects.filter(meeting=meeting).values_list("person_id", flat=True))
    absent = [
        Attendance(meeting=meeting, person_id=pk, status=Attendance.Status.ABSENT)
        for pk in ctx.roster.voting_seats
        if pk not in came
    ]
    Attendance.objects.bulk_create(absent)
    meeting.end = ctx.at
    meeting.save(update_fields=["end", "version", "updated_at"])
    ctx.reload()
    last = running or next((i for i in reversed(ctx.items) if i.started_at), None)
    ctx.about(last)
    return f"The meeting closed at {clock(ctx.at)}."
