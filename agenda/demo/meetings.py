"""Build the demo meetings: agenda, attendance, declarations, then publish as a manager."""

import contextlib
import datetime
import random
import zlib
from dataclasses import dataclass

from django.core.exceptions import ValidationError

from agenda import publishing
from agenda.demo import business, content
from agenda.demo.items import ItemBuilder
from agenda.demo.schedule import anchor_moment, plan_meetings
from agenda.demo.upsert import upsert
from agenda.models import Attendance, Declaration, Meeting, Resolution
from agenda.publishing import deadlines
from committees.models import Person

SEED = 2026
DAY = datetime.timedelta(days=1)
MOVED_NOTICE = "The council's calendar of meetings was rearranged."
CANCELLED_NOTICE = (
    "This meeting has been cancelled because there is no business for the Committee to "
    "consider. The next meeting will take place as scheduled."
)


@dataclass
class Interest:
    person: Person
    kind: str
    description: str
    left_room: bool
    business_index: int = 0

    def get_kind_display(self):
        return Declaration.Kind(self.kind).label


def _rng(slot):
    # Demo content, not security: a seeded generator keeps every run identical.
    return random.Random(SEED + zlib.crc32(slot.external_id.encode()))  # noqa: S311  # nosec B311


def _pool_key(key, kind):
    return key if key.startswith("scrutiny") else kind


def _attendance(slot, members, rng):
    """Most members present, one or two apologies; a substitute for one of them."""
    away = rng.sample(members[2:], k=rng.choice([0, 1, 1, 2])) if len(members) > 4 else []
    return [m for m in members if m not in away], away


def _interests(slot, present, rng):
    if not present or not slot.is_past:
        return []
    if slot.key == "planning" and slot.index % 2 == 1:
        return [
            Interest(
                rng.choice(present),
                Declaration.Kind.PECUNIARY,
                "Owns a house next to the application site.",
                True,
                0,
            )
        ]
    if rng.random() < 0.4:
        return [
            Interest(
                rng.choice(present),
                Declaration.Kind.OTHER_REGISTRABLE,
                "Trustee of a community group named in the report.",
                False,
                0,
            )
        ]
    return []  # fmt: skip


def _times(slot):
    return {"start": slot.start, "end": slot.start + datetime.timedelta(hours=2, minutes=30)}


def _exists(slot):
    return Meeting.objects.filter(external_id=slot.external_id).exists()


def build_meeting(slot, org, anchor):
    committee = org.committees[slot.key]
    rng = _rng(slot)
    # Status is not set here: held and cancelled come through the publishing steps, and
    # an existing meeting moves to its new day through `move` (a publishing step too).
    meeting = upsert(
        Meeting,
        {"external_id": slot.external_id},
        committee=committee,
        venue=committee.default_venue,
        contact_officer=committee.support_officer,
        is_listed=True,
        **({} if _exists(slot) else _times(slot)),
    )
    if slot.is_cancelled:
        return meeting
    members = org.members[slot.key]
    present, away = _attendance(slot, members, rng)
    interests = _interests(slot, present, rng)
    substitute = _substitute(slot, org, members, away)
    builder = ItemBuilder(meeting, slot, org, anchor)
    builder.standard_items(away if slot.is_past else [], interests, substitute)
    _business(builder, slot, committee, rng)
    if slot.is_past:
        _record_attendance(meeting, present, away, substitute, builder)
        for interest in interests:
            item = builder.business_items[interest.business_index]
            upsert(
                Declaration,
                {"meeting": meeting, "person": interest.person, "item": item},
                kind=interest.kind,
                description=interest.description,
                left_room=interest.left_room,
            )
    return meeting


def _business(builder, slot, committee, rng):
    row = content.COMMITTEES[[r[0] for r in content.COMMITTEES].index(slot.key)]
    if slot.key == "planning":
        for n in range(2):
            site, proposal, ward, outcome = business.PLANNING_SITES[
                (slot.index * 2 + n) % len(business.PLANNING_SITES)
            ]
            builder.business(
                f"b{n}",
                _planning(site, proposal, slot, n, outcome),
                {},
                wards=[builder.org.wards[ward]],
                outcome=PLANNING_OUTCOMES[outcome],
            )
        return
    area_key = slot.key.removeprefix("area_")
    fmt = {"area": area_key.capitalize(), "area_key": area_key}
    wards = [builder.org.wards[w] for w in content.AREAS.get(area_key, [])]
    pool = business.POOLS[_pool_key(slot.key, row[2])]
    entries = [pool[(slot.index * 2 + n) % len(pool)] for n in range(2)]
    if committee.kind == "area_committee" and slot.index == 0:
        entries = [business.EXPLOITATION, entries[0]]
    for n, entry in enumerate(entries):
        builder.business(f"b{n}", entry, fmt, wards=wards)
    if slot.key == "executive" and slot.index == 3:
        builder.exclusion(builder.position + 2)
        builder.business("exempt", business.EXEMPT, fmt, exempt=True)


PLANNING_OUTCOMES = {
    "approved": Resolution.Outcome.CARRIED,
    "refused": Resolution.Outcome.CARRIED,
    "deferred": Resolution.Outcome.DEFERRED,
}
PLANNING_DECISIONS = {
    "approved": "be granted planning permission subject to the conditions in the report",
    "refused": "be refused for the reasons given by members at the meeting",
    "deferred": "be deferred for a site visit",
}


def _planning(site, proposal, slot, n, outcome):
    ref = f"{slot.start:%y}/{slot.index * 2 + n + 101:05d}/FUL"
    return business.Business(
        title=f"{site}: {proposal.lower()} ({ref})",
        submitter="The Planning Manager",
        contact="planning",
        scrutiny="Regeneration and Environment",
        about=f"assesses application {ref} for {proposal.lower()} at {site}",
        recommendations=(
            "That the application be decided as set out in the report.",
            "That the conditions in the report be imposed if permission is granted.",
            "That the Planning Manager be authorised to finalise the wording of conditions.",
        ),
        minutes=(
            "The Planning Manager described the site and the proposal, showed photographs "
            "and plans, and summarised the representations received.",
            "An objector and the applicant's agent each addressed the Panel for up to five "
            "minutes. Members asked about parking, drainage and the effect on neighbours.",
        ),
        resolutions=(
            f"That application {ref} {PLANNING_DECISIONS[outcome]}.",
            "That the conditions in the report be imposed.",
            "That the Planning Manager finalise the wording of the conditions.",
        ),
        action="Planning Manager",
        documents=(f"Planning report {ref}", f"Site plan {ref}"),
    )


def _substitute(slot, org, members, away):
    """Committees other than Council and the Executive may take a substitute member."""
    if not away or slot.key in ("council", "executive"):
        return None
    outsiders = [p for p in org.members["council"] if p not in members]
    return outsiders[(slot.index + len(away)) % len(outsiders)]


def _record_attendance(meeting, present, away, substitute, builder):
    rows = {m.pk: (m, Attendance.Status.PRESENT, None) for m in present}
    rows.update({m.pk: (m, Attendance.Status.APOLOGIES, None) for m in away})
    if substitute:
        rows[substitute.pk] = (substitute, Attendance.Status.SUBSTITUTE, away[0])
    officers = [meeting.contact_officer, *[i.contact_officer for i in builder.business_items]]
    for officer in officers:
        if officer and officer.pk not in rows:
            rows[officer.pk] = (officer, Attendance.Status.IN_ATTENDANCE, None)
    for person, status, substitute_for in rows.values():
        upsert(
            Attendance,
            {"meeting": meeting, "person": person},
            status=status,
            substitute_for=substitute_for,
        )


def publish(meeting, slot, user, anchor):
    """Publish through the product's services, only what is not yet published. The
    loader renders at once (background=False): each step builds on the one before, and
    `make run` starts the worker only after the demo is loaded."""
    now = anchor_moment(anchor)
    meeting.refresh_from_db()
    if (slot.is_past or slot.agenda_due) and not meeting.agenda_is_public:
        # On time: an hour before the clear-days deadline (agenda.publishing.deadlines).
        deadline = deadlines.agenda_deadline(meeting)
        when = min(deadline - datetime.timedelta(hours=1), now - datetime.timedelta(hours=1))
        publishing.run("publish_agenda", meeting, user, now=when, background=False)
        meeting.refresh_from_db()
    if not slot.is_past:
        return
    nxt = slot.following
    approved = nxt is not None and nxt.is_past and not nxt.is_cancelled
    unpublished = (Meeting.MinutesStatus.NONE, Meeting.MinutesStatus.DRAFT)
    # Older minutes go straight to approved: each publish renders the printed minutes, and
    # a draft step nobody sees would double the slowest part of the first load.
    if not approved and meeting.minutes_status in unpublished:
        when = min(slot.start + 5 * DAY, now - datetime.timedelta(minutes=1))
        publishing.run("publish_draft_minutes", meeting, user, now=when, background=False)
        meeting.refresh_from_db()
    if approved and meeting.minutes_status != Meeting.MinutesStatus.APPROVED:
        publishing.run(
            "publish_approved_minutes",
            meeting,
            user,
            now=nxt.start + datetime.timedelta(hours=2),
            approved_by_meeting=Meeting.objects.get(external_id=nxt.external_id),
            background=False,
        )
    if not approved:
        publish_decisions(meeting, slot, user, now)


def publish_decisions(meeting, slot, user, now):
    """The latest meeting of each committee has its decision notice out, two days after
    it, as the clerk would (older ones would only slow the first load)."""
    if meeting.decisions.filter(published_at__isnull=False).exists():
        return
    when = min(slot.start + 2 * DAY, now - datetime.timedelta(minutes=2))
    # Refused where nothing was decided (only noted) or a key decision lacks its notice.
    with contextlib.suppress(ValidationError):
        publishing.run("publish_decisions", meeting, user, now=when, background=False)


def cancel(meeting, slot, user, anchor):
    """Cancel through the publishing step, as a manager would have, a week before."""
    meeting.refresh_from_db()
    if meeting.status == Meeting.Status.SCHEDULED:
        when = min(slot.start - 7 * DAY, anchor_moment(anchor))
        publishing.run("cancel", meeting, user, notice=CANCELLED_NOTICE, now=when, background=False)


def move(meeting, slot, user, anchor):
    """A later load puts the meeting on another day: it moves as a clerk would move it,
    through the publishing step (notice, reprinted PDFs, new address, old one redirects)."""
    meeting.refresh_from_db()
    times = _times(slot)
    if (meeting.start, meeting.end) == (times["start"], times["end"]):
        return
    publishing.run(
        "move_meeting",
        meeting,
        user,
        now=anchor_moment(anchor),
        notice=MOVED_NOTICE,
        background=False,
        **times,
    )


def build_meetings(org, anchor, manager):
    slots = plan_meetings(content.COMMITTEES, anchor)
    meetings = [(build_meeting(slot, org, anchor), slot) for slot in slots]
    for meeting, slot in meetings:
        move(meeting, slot, manager, anchor)
        if slot.is_cancelled:
            cancel(meeting, slot, manager, anchor)
        else:
            publish(meeting, slot, manager, anchor)
    return [meeting for meeting, _slot in meetings]
