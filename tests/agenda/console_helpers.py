"""A committee and a meeting under way, for the console's tests: eight voting members (a
chair, a vice-chair and six others), a non-voting co-optee, an officer, and items with
recommendations. Actions are applied with `act(...)` at minutes after the start."""

import datetime
import itertools

from django.utils import timezone

from agenda.console import apply_event
from agenda.models import AgendaItem
from agenda.publishing.roles import SYSTEM
from committees.models import Membership
from tests.factories import (
    AgendaItemFactory,
    CommitteeFactory,
    MeetingFactory,
    MembershipFactory,
    OfficerFactory,
    PersonFactory,
    RecommendationFactory,
    publish,
)

NAMES = ["Ahmed", "Brown", "Clarke", "Davies", "Evans", "Fisher", "Green", "Hughes"]
_ids = itertools.count(1)


class Meeting:
    """The fixture: `.meeting`, `.members` by surname, `.coopted`, `.officer`, `.items`
    (numbered from 1), and `act(action, minute, **payload)`."""

    def __init__(self, items=5, published=True, actor=SYSTEM, quorum=None):
        self.committee = CommitteeFactory(name=f"Planning Committee {next(_ids)}", quorum=quorum)
        self.members = {}
        for index, name in enumerate(NAMES):
            role = {0: Membership.Role.CHAIR, 1: Membership.Role.VICE_CHAIR}.get(
                index, Membership.Role.MEMBER
            )
            person = PersonFactory(name=name)
            MembershipFactory(person=person, committee=self.committee, role=role)
            self.members[name] = person
        self.coopted = PersonFactory(name="Ivory", kind="other", title="Mrs")
        MembershipFactory(
            person=self.coopted,
            committee=self.committee,
            role=Membership.Role.CO_OPTED,
            is_voting=False,
        )
        self.substitute = PersonFactory(name="Jones")
        self.officer = OfficerFactory(name="Kaur")
        start = timezone.now().replace(second=0, microsecond=0) - datetime.timedelta(hours=4)
        self.meeting = MeetingFactory(committee=self.committee, start=start)
        self.items = {}
        for number in range(1, items + 1):
            item = AgendaItemFactory(
                meeting=self.meeting, title=f"Report number {number}", position=number
            )
            RecommendationFactory(item=item, position=1, text="<p>That the report be noted.</p>")
            RecommendationFactory(
                item=item, position=2, text="<p>That a further update be given in 12 months.</p>"
            )
            self.items[number] = item
        if published:
            publish(self.meeting)
        self.actor = actor

    def moment(self, minute):
        return self.meeting.start + datetime.timedelta(minutes=minute)

    def at(self, minute):
        return self.moment(minute).isoformat()

    def act(self, action, minute, client_id=None, actor=None, **payload):
        payload = {key: getattr(value, "pk", value) for key, value in payload.items()}
        payload["at"] = self.at(minute)
        return apply_event(
            self.meeting, client_id or f"t-{next(_ids)}", action, payload, actor or self.actor
        )

    def everyone_arrives(self, minute=0, *names):
        for name in names or NAMES:
            self.act("arrive", minute, person=self.members[name])

    def held(self):
        """The meeting as the console left it, recorded as held."""
        self.meeting.refresh_from_db()
        self.meeting.status = "held"
        self.meeting.save()

    def item(self, number):
        return AgendaItem.objects.get(pk=self.items[number].pk)
