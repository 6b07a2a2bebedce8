"""Who may vote, at a moment, on an item: the rules the console, the minutes and the tests
share.

A member may vote on an item when, at the moment of the vote, they are
- *a voting member*: holding a voting seat on the committee on the meeting's day, or present
  as a substitute for one; not an officer, not someone "in attendance", not a non-voting
  co-optee; and present in person (in England a member attending remotely is not present
  for the law: `REMOTE_MEMBERS_VOTE`);
- *in the room*: one of their attendance spans covers the moment (they arrived, and had not
  left, or had come back);
- *not out for an interest*: no declaration on that item that bars them (they left the room,
  or it is pecuniary and no dispensation was granted).

A voting member barred by a declaration is recorded as "did not vote", never "absent"; one
not in the room is "absent". The quorum counts the voting members in the room; for an item,
those barred by a declaration do not count.
"""

from dataclasses import dataclass, field

from django.utils import timezone

from agenda.models.console import AttendanceSpan
from agenda.models.participation import Attendance, Declaration
from committees.dates import clock
from committees.models import Membership

# LGA 1972: members attending by video are not "present" (Hertfordshire CC v SSHCLG,
# 2021). A council in a jurisdiction that allows remote voting would set this to True.
REMOTE_MEMBERS_VOTE = False

CAN_VOTE = "can_vote"
NOT_VOTING = "not_voting"  # barred by a declaration of interest on the item
ABSENT = "absent"  # a voting member not in the room
NO_VOTE = "no_vote"  # not a voting member (officer, in attendance, non-voting co-optee)


@dataclass
class Standing:
    """One person's standing for one vote: `state` (above) and the sentence explaining it."""

    person: object
    state: str
    reason: str = ""
    declaration: object = None


@dataclass
class Roster:
    """Everyone who might vote at `meeting`, loaded once (a handful of queries), then
    asked about any moment and item. Built with `Roster.load(meeting)`."""

    meeting: object
    attendances: list
    voting_seats: dict  # person id -> Membership (voting seats on the meeting's day)
    declarations: list
    quorum: int
    spans: dict = field(default_factory=dict)  # attendance id -> [AttendanceSpan]

    @classmethod
    def load(cls, meeting):
        day = timezone.localtime(meeting.start).date()
        seats = {
            seat.person_id: seat
            for seat in Membership.objects.filter(committee_id=meeting.committee_id)
            .current(day)
            .voting()
            .select_related("person")
        }
        attendances = list(
            Attendance.objects.filter(meeting=meeting).select_related("person", "substitute_for")
        )
        spans = {}
        for span in AttendanceSpan.objects.filter(attendance__meeting=meeting).order_by(
            "arrived_at"
        ):
            spans.setdefault(span.attendance_id, []).append(span)
        declarations = list(
            Declaration.objects.filter(meeting=meeting).select_related("person", "item")
        )
        return cls(
            meeting=meeting,
            attendances=attendances,
            voting_seats=seats,
            declarations=declarations,
            quorum=meeting.committee.quorum_for(len(seats)),
            spans=spans,
        )

    # ------------------------------------------------------------------ single facts

    def attendance_of(self, person_id):
        for attendance in self.attendances:
            if attendance.person_id == person_id:
                return attendance
        return None

    def is_present(self, attendance, moment):
        """In the room at `moment` (by the spans; someone can leave and return)."""
        if attendance is None or attendance.status not in Attendance.PRESENT_STATES:
            return False
        return any(span.covers(moment) for span in self.spans.get(attendance.pk, ()))

    def has_vote(self, attendance):
        """A voting member at this meeting (whether or not in the room now)."""
        if attendance is None or attendance.person.kind == attendance.person.Kind.OFFICER:
            return False
        if attendance.status == Attendance.Status.SUBSTITUTE:
            return True
        if attendance.status == Attendance.Status.PRESENT_VIRTUALLY:
            return REMOTE_MEMBERS_VOTE and attendance.person_id in self.voting_seats
        if attendance.status == Attendance.Status.IN_ATTENDANCE:
            return False
        return attendance.person_id in self.voting_seats

    def barring_declaration(self, person_id, item):
        if item is None:
            return None
        for declaration in self.declarations:
            if (
                declaration.person_id == person_id
                and declaration.item_id == item.pk
                and declaration.bars_voting
            ):
                return declaration
        return None

    # ------------------------------------------------------------------ standings

    def members(self):
        """Everyone with a vote at this meeting: each voting seat (whether they came or
        not) and each substitute, in name order."""
        people = {seat.person_id: seat.person for seat in self.voting_seats.values()}
        for attendance in self.attendances:
            if self.has_vote(attendance):
                people[attendance.person_id] = attendance.person
        return sorted(people.values(), key=lambda person: person.name)

    def standing(self, person, moment, item=None):
        """Whether `person` may vote at `moment` on `item`, and if not, why not."""
        attendance = self.attendance_of(person.pk)
        name = person.display_name
        # A member who has not come (yet) still holds their seat.
        voting = person.pk in self.voting_seats if attendance is None else self.has_vote(attendance)
        if not voting:
            reason = f"{name} is not a voting member of {self.meeting.committee.name}"
            if attendance is not None and attendance.status == Attendance.Status.IN_ATTENDANCE:
                reason = f"{name} is in attendance, not a voting member"
            elif attendance is not None and attendance.status == (
                Attendance.Status.PRESENT_VIRTUALLY
            ):
                reason = f"{name} is attending remotely, and so cannot vote"
            return Standing(person, NO_VOTE, reason + ".")
        declaration = self.barring_declaration(person.pk, item)
        if declaration is not None:
            what = declaration.get_kind_display().lower()
            left = " and left the room" if declaration.left_room else ""
            return Standing(
                person,
                NOT_VOTING,
                f"{name} declared a {what} on item {item.number}{left}, and so did not vote.",
                declaration,
            )
        if not self.is_present(attendance, moment):
            return Standing(person, ABSENT, f"{name} was not in the meeting at {clock(moment)}.")
        return Standing(person, CAN_VOTE)

    def standings(self, moment, item=None):
        return [self.standing(person, moment, item) for person in self.members()]

    def eligible(self, moment, item=None):
        """The people who may vote at `moment` on `item`, in name order."""
        return [s.person for s in self.standings(moment, item) if s.state == CAN_VOTE]

    # ------------------------------------------------------------------ quorum

    def present_voting(self, moment):
        """Voting members in the room at `moment` (for the meeting's quorum)."""
        return [
            attendance.person
            for attendance in self.attendances
            if self.has_vote(attendance) and self.is_present(attendance, moment)
        ]

    def is_quorate(self, moment, item=None):
        count = len(self.eligible(moment, item)) if item else len(self.present_voting(moment))
        return count >= self.quorum

    def quorum_changes(self, items=()):
        """Each moment the meeting became quorate or stopped being so, as dicts with
        `at`, `quorate`, `present`, `needed` and `item` (the item being taken then, if
        any). The first entry is when it first became quorate."""
        moments = sorted(
            {span.arrived_at for spans in self.spans.values() for span in spans}
            | {
                span.left_at
                for spans in self.spans.values()
                for span in spans
                if span.left_at is not None
            }
        )
        changes, quorate = [], False
        for moment in moments:
            present = len(self.present_voting(moment))
            now_quorate = present >= self.quorum
            if now_quorate != quorate and (changes or now_quorate):
                changes.append(
                    {
                        "at": moment,
                        "quorate": now_quorate,
                        "present": present,
                        "needed": self.quorum,
                        "item": item_at(items, moment),
                    }
                )
            quorate = now_quorate
        if self.meeting.end is not None:
            # Everyone leaving when the meeting closes is not a loss of quorum.
            changes = [
                change for change in changes if change["quorate"] or change["at"] < self.meeting.end
            ]
        return changes

    def chair(self, moment, item=None):
        """Who presides: the committee's chair if they may vote now, else the vice-chair,
        else None (the meeting chooses someone: name them in the casting vote)."""
        for role in (Membership.Role.CHAIR, Membership.Role.VICE_CHAIR):
            for seat in self.voting_seats.values():
                if seat.role == role and self.standing(seat.person, moment, item).state == (
                    CAN_VOTE
                ):
                    return seat.person
        return None


def item_at(items, moment):
    """The item being taken at `moment` (started and not yet ended), or None."""
    current = None
    for item in items:
        started = item.started_at is not None and item.started_at <= moment
        if started and (item.ended_at is None or item.ended_at > moment):
            current = item
    return current
