"""A councillor's record, built from tables: meetings over two municipal years with their
attendance and times in the room, motions and votes. The tests read the same tables to
count the figures for themselves (`MEETINGS`, `VOTES`, `MOTIONS`, `DECLARATIONS`).

Cllr Ahmed is the member whose record is read. Among the rows, some must never count: a
meeting whose minutes are not published, a meeting of a committee hidden from the site, and
an exempt item (whose motion, vote and declared interest carry `SECRET`).
"""

import datetime
from dataclasses import dataclass

from django.utils import timezone

from agenda.models import Attendance, AttendanceSpan, Motion, Vote, VoteEvent
from committees.models import Membership
from tests import factories as f

SECRET = "qx9SECRETvote27"
Status = Attendance.Status


@dataclass(frozen=True)
class MeetingRow:
    key: str
    committee: str
    day: datetime.date
    status: str  # Cllr Ahmed's attendance
    spans: tuple = ()  # (arrived, left) in minutes after the start; left None: still there
    minutes_public: bool = True
    closes: bool = True  # the meeting's close (end) recorded; it runs 18:00 to 20:00


LENGTH = 120  # minutes

MEETINGS = [
    MeetingRow("june", "planning", datetime.date(2024, 6, 10), Status.PRESENT, ((0, 120),)),
    MeetingRow(
        "november", "planning", datetime.date(2024, 11, 4), Status.PRESENT, ((30, 60), (90, None))
    ),
    MeetingRow("december", "planning", datetime.date(2024, 12, 2), Status.SUBSTITUTE, ((-10, 60),)),
    MeetingRow(
        "january", "planning", datetime.date(2025, 1, 20), Status.PRESENT, ((0, 60),), closes=False
    ),
    MeetingRow("march", "licensing", datetime.date(2025, 3, 3), Status.APOLOGIES),
    MeetingRow("june25", "licensing", datetime.date(2025, 6, 16), Status.PRESENT_VIRTUALLY),
    MeetingRow("september", "planning", datetime.date(2025, 9, 8), Status.ABSENT),
    MeetingRow("october", "planning", datetime.date(2025, 10, 6), Status.IN_ATTENDANCE),
    # Never counted: the minutes are not out; the committee is hidden from the site.
    MeetingRow("draft", "planning", datetime.date(2025, 7, 7), Status.PRESENT, ((0, 120),), False),
    MeetingRow("hidden", "panel", datetime.date(2025, 1, 13), Status.PRESENT, ((0, 60),)),
]


@dataclass(frozen=True)
class ItemRow:
    meeting: str
    title: str
    exempt: bool = False


ITEMS = {
    "library": ItemRow("june", "Library opening hours"),
    "buses": ItemRow("november", "Bus lanes on the High Street"),
    "parking": ItemRow("november", "Car park charges"),
    "depot": ItemRow("november", "Lease of the depot", exempt=True),
    "parks": ItemRow("december", "Parks strategy"),
    "draft": ItemRow("draft", "Allotment rents"),
    "hidden": ItemRow("hidden", "Panel business"),
}


@dataclass(frozen=True)
class MotionRow:
    key: str
    item: str
    mover: str
    seconder: str | None
    kind: str = Motion.Kind.SUBSTANTIVE
    parent: str | None = None
    text: str = "(1) That the recommendations be approved."


MOTIONS = [
    MotionRow("library", "library", "Ahmed", "Brown"),
    MotionRow("buses", "buses", "Brown", "Ahmed"),
    MotionRow("parking", "parking", "Clarke", "Brown"),
    MotionRow("depot", "depot", "Ahmed", "Clarke", text=f"(1) {SECRET} sell the depot."),
    MotionRow("parks", "parks", "Clarke", "Brown"),
    MotionRow(
        "parks-amendment",
        "parks",
        "Ahmed",
        "Brown",
        kind=Motion.Kind.AMENDMENT,
        parent="parks",
        text="(1) That the strategy be approved with a new play area.",
    ),
    MotionRow("draft", "draft", "Ahmed", "Brown", text=f"(1) {SECRET} draft motion."),
    MotionRow("hidden", "hidden", "Brown", "Ahmed", text=f"(1) {SECRET} hidden motion."),
]


@dataclass(frozen=True)
class VoteEventRow:
    motion: str
    method: str
    result: str
    votes: dict  # surname -> option (Popolo's): the named votes
    counts: tuple | None = None  # (for, against, abstentions); None: counted from `votes`
    casting: tuple | None = None  # (option, surname)


RECORDED, HANDS, NO_DISSENT = (
    VoteEvent.Method.RECORDED,
    VoteEvent.Method.SHOW_OF_HANDS,
    VoteEvent.Method.WITHOUT_DISSENT,
)
VOTES = [
    VoteEventRow("library", RECORDED, "carried", {"Ahmed": "yes", "Brown": "yes", "Clarke": "no"}),
    VoteEventRow(
        "buses", RECORDED, "carried", {"Ahmed": "abstain", "Brown": "yes", "Clarke": "yes"}
    ),
    VoteEventRow("parking", HANDS, "carried", {"Ahmed": "not_voting"}, counts=(2, 0, 0)),
    VoteEventRow("depot", RECORDED, "carried", {"Ahmed": "no", "Brown": "yes", "Clarke": "yes"}),
    VoteEventRow(
        "parks-amendment",
        RECORDED,
        "carried",
        {"Ahmed": "yes", "Clarke": "no"},
        casting=("for", "Clarke"),
    ),
    VoteEventRow("parks", NO_DISSENT, "carried", {}),
    VoteEventRow("draft", RECORDED, "carried", {"Ahmed": "yes", "Brown": "yes"}),
    VoteEventRow("hidden", RECORDED, "lost", {"Ahmed": "no", "Brown": "no"}),
]

DECLARATIONS = [
    # (item, kind, description)
    ("parking", "pecuniary", "Holds a season ticket for the car park."),
    ("depot", "other_registrable", f"{SECRET} interest in the buyer."),
    ("draft", "non_registrable", f"{SECRET} draft declaration."),
]


def at(day, minutes):
    zone = timezone.get_default_timezone()
    return datetime.datetime.combine(day, datetime.time(18, 0), tzinfo=zone) + (
        datetime.timedelta(minutes=minutes)
    )


class Record:
    """The built fixture: `.person` (Cllr Ahmed), `.people` by surname, `.committees`,
    `.meetings`, `.items` and `.motions` by key."""

    def __init__(self):
        self.committees = {
            "planning": f.CommitteeFactory(name="Planning Committee"),
            "licensing": f.CommitteeFactory(name="Licensing Committee"),
            "panel": f.CommitteeFactory(name="Members' Panel", is_public=False),
        }
        self.people = {name: f.PersonFactory(name=name) for name in ("Ahmed", "Brown", "Clarke")}
        self.person = self.people["Ahmed"]
        planning, licensing = self.committees["planning"], self.committees["licensing"]
        f.MembershipFactory(person=self.person, committee=planning, role=Membership.Role.CHAIR)
        f.MembershipFactory(
            person=self.person,
            committee=licensing,
            start_date=datetime.date(2024, 5, 1),
            end_date=datetime.date(2025, 4, 30),
        )
        f.MembershipFactory(person=self.person, committee=self.committees["panel"])
        for name in ("Brown", "Clarke"):
            f.MembershipFactory(person=self.people[name], committee=planning)
        self.meetings = {}
        for row in MEETINGS:
            meeting = f.MeetingFactory(
                committee=self.committees[row.committee],
                start=at(row.day, 0),
                end=at(row.day, LENGTH) if row.closes else None,
            )
            self.meetings[row.key] = meeting
            attendance = f.AttendanceFactory(meeting=meeting, person=self.person, status=row.status)
            for arrived, left in row.spans:
                AttendanceSpan.objects.create(
                    attendance=attendance,
                    arrived_at=at(row.day, arrived),
                    left_at=at(row.day, left) if left is not None else None,
                )
            for name in ("Brown", "Clarke"):
                f.AttendanceFactory(meeting=meeting, person=self.people[name])
        self.items = {}
        for key, row in ITEMS.items():
            exempt = {"is_exempt": True, "exempt_paragraph": 3, "public_interest_reason": "Terms."}
            self.items[key] = f.AgendaItemFactory(
                meeting=self.meetings[row.meeting],
                title=row.title,
                **(exempt if row.exempt else {}),
            )
        self.motions = {}
        for row in MOTIONS:
            item = self.items[row.item]
            day = timezone.localtime(item.meeting.start).date()
            self.motions[row.key] = Motion.objects.create(
                item=item,
                position=item.motions.count() + 1,
                kind=row.kind,
                parent=self.motions.get(row.parent),
                text=row.text,
                proposed_text=row.text,
                mover=self.people[row.mover],
                seconder=self.people[row.seconder] if row.seconder else None,
                outcome=Motion.Outcome.CARRIED,
                proposed_at=at(day, 20),
                decided_at=at(day, 30),
            )
        for row in VOTES:
            self.add_vote_event(row)
        for item_key, kind, description in DECLARATIONS:
            f.DeclarationFactory(
                item=self.items[item_key], person=self.person, kind=kind, description=description
            )
        for key, meeting in self.meetings.items():
            row = next(r for r in MEETINGS if r.key == key)
            f.publish(meeting, minutes=row.minutes_public)

    def add_vote_event(self, row):
        motion = self.motions[row.motion]
        day = timezone.localtime(motion.item.meeting.start).date()
        if row.counts is not None:
            votes_for, against, abstentions = row.counts
        elif row.method == NO_DISSENT:
            votes_for = against = abstentions = None
        else:
            options = list(row.votes.values())
            votes_for, against = options.count("yes"), options.count("no")
            abstentions = options.count("abstain")
        casting_option, casting_by = row.casting or ("", None)
        event = VoteEvent.objects.create(
            motion=motion,
            method=row.method,
            votes_for=votes_for,
            votes_against=against,
            abstentions=abstentions,
            eligible=3,
            casting_vote=casting_option,
            casting_by=self.people[casting_by] if casting_by else None,
            result=row.result,
            at=at(day, 30),
        )
        for name, option in row.votes.items():
            Vote.objects.create(
                vote_event=event,
                person=self.people[name],
                option=option,
                reason="declared a pecuniary interest" if option == "not_voting" else "",
            )
        return event


# ------------------------------------------------------------------ what should count


def meeting_row(key):
    return next(row for row in MEETINGS if row.key == key)


def counts(row):
    """Whether a meeting's record is public: its minutes are, and so is its committee."""
    return row.minutes_public and row.committee != "panel"


def item_counts(item_key):
    item = ITEMS[item_key]
    return counts(meeting_row(item.meeting)) and not item.exempt
