"""factory_boy factories for every model. `published_meeting()` builds a public one."""

import datetime

import factory
from django.core.files.base import ContentFile
from django.utils import timezone

from agenda import models as agenda
from agenda.printing.simple_pdf import make_pdf
from committees import models as org


class PartyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = org.Party
        django_get_or_create = ["name"]

    name = factory.Sequence(lambda n: f"Party {n}")
    short_name = factory.Sequence(lambda n: f"P{n}")


class WardFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = org.Ward
        django_get_or_create = ["name"]

    name = factory.Sequence(lambda n: f"Ward {n}")


class ScrutinyAreaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = org.ScrutinyArea
        django_get_or_create = ["name"]

    name = factory.Sequence(lambda n: f"Scrutiny area {n}")


class VenueFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = org.Venue
        django_get_or_create = ["name"]

    name = factory.Sequence(lambda n: f"Committee Room {n}, Town Hall")
    address = "Town Hall, Market Street"


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = org.Person

    kind = org.Person.Kind.COUNCILLOR
    title = "Cllr"
    name = factory.Sequence(lambda n: f"Person Number{n}")
    party = factory.SubFactory(PartyFactory)
    ward = factory.SubFactory(WardFactory)


class OfficerFactory(PersonFactory):
    kind = org.Person.Kind.OFFICER
    title = ""
    party = None
    ward = None
    job_title = "Democratic Services Officer"
    phone = "01632 960123"
    email = factory.Sequence(lambda n: f"officer{n}@example.org")


class CommitteeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = org.Committee

    name = factory.Sequence(lambda n: f"Committee {n}")
    kind = org.Committee.Kind.COMMITTEE
    purpose = "<p>Looks after things.</p>"
    default_venue = factory.SubFactory(VenueFactory)


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = org.Membership

    person = factory.SubFactory(PersonFactory)
    committee = factory.SubFactory(CommitteeFactory)
    role = org.Membership.Role.MEMBER
    start_date = datetime.date(2020, 5, 1)


class MeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = agenda.Meeting

    committee = factory.SubFactory(CommitteeFactory)
    start = factory.Sequence(
        lambda n: timezone.now().replace(microsecond=0, second=0) + datetime.timedelta(days=n + 1)
    )
    venue = factory.SelfAttribute("committee.default_venue")


class TopicFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = agenda.Topic
        django_get_or_create = ["name"]

    name = factory.Sequence(lambda n: f"Topic {n}")


class AgendaItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = agenda.AgendaItem

    meeting = factory.SubFactory(MeetingFactory)
    position = factory.LazyAttribute(lambda o: o.meeting.next_item_position())
    title = factory.Sequence(lambda n: f"Item of business {n}")
    agenda_text = "<p>The Director will submit a report.</p>"


class RecommendationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = agenda.Recommendation

    item = factory.SubFactory(AgendaItemFactory)
    position = factory.Sequence(lambda n: n + 1)
    text = "That the report be noted."


class ResolutionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = agenda.Resolution

    item = factory.SubFactory(AgendaItemFactory)
    position = factory.Sequence(lambda n: n + 1)
    text = "That the report be noted."


class ActionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = agenda.Action

    item = factory.SubFactory(AgendaItemFactory)
    owner = "Chief Executive"
    description = "Report back in 12 months."


class DocumentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = agenda.Document

    item = factory.SubFactory(AgendaItemFactory)
    meeting = factory.SelfAttribute("item.meeting")
    title = factory.Sequence(lambda n: f"Report {n}")
    kind = agenda.Document.Kind.REPORT
    file = factory.LazyAttribute(
        lambda o: ContentFile(make_pdf(o.title, ["A short report."]), name="report.pdf")
    )
    content_type = "application/pdf"


class AttendanceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = agenda.Attendance

    meeting = factory.SubFactory(MeetingFactory)
    person = factory.SubFactory(PersonFactory)
    status = agenda.Attendance.Status.PRESENT


class DeclarationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = agenda.Declaration

    item = factory.SubFactory(AgendaItemFactory)
    meeting = factory.SelfAttribute("item.meeting")
    person = factory.SubFactory(PersonFactory)
    kind = agenda.Declaration.Kind.OTHER_REGISTRABLE
    description = "Member of a local charity named in the report."


class DecisionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = agenda.Decision

    title = factory.Sequence(lambda n: f"Decision number {n}")
    kind = agenda.Decision.Kind.OFFICER
    decision_maker = "Director of Place"
    text = "<p>To close the road for two nights.</p>"
    reasons = "<p>The works cannot be done safely with traffic passing.</p>"
    decided_on = datetime.date(2024, 2, 12)
    published_at = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(minutes=1))


def publish(meeting, *, minutes=False, approved=False, when=None):
    """Mark a meeting's agenda (and optionally minutes) public, as the workflow would."""
    when = when or timezone.now() - datetime.timedelta(minutes=1)
    meeting.agenda_status = agenda.Meeting.AgendaStatus.PUBLISHED
    meeting.agenda_published_at = when
    if minutes:
        meeting.minutes_status = (
            agenda.Meeting.MinutesStatus.APPROVED
            if approved
            else agenda.Meeting.MinutesStatus.DRAFT_PUBLISHED
        )
        meeting.minutes_published_at = when
    # Items and documents first: once the minutes are approved the record is locked.
    meeting.items.update(published_at=when)
    meeting.documents.update(published_at=when)
    meeting.save()
    return meeting


def user_in_group(username, group_name):
    """A staff user in one of the editor's groups ("Clerk", "Democratic services manager")."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    user = get_user_model().objects.create_user(username, f"{username}@example.org", "x")
    user.is_staff = True
    user.save()
    user.groups.add(Group.objects.get(name=group_name))
    return user


class ClosureDayFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = agenda.ClosureDay
        django_get_or_create = ["date"]

    date = factory.Sequence(lambda n: datetime.date(2026, 12, 29) + datetime.timedelta(days=n))
    reason = "Offices closed between Christmas and New Year"


class ErratumFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = agenda.Erratum

    meeting = factory.SubFactory(MeetingFactory)
    text = "Minute 5: the vote was 7 for and 2 against."


class TransitionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = agenda.Transition

    meeting = factory.SubFactory(MeetingFactory)
    kind = agenda.Transition.Kind.AGENDA_PUBLISHED
    from_state = "scheduled/draft/none"
    to_state = "scheduled/published/none"


class OutgoingEmailFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = agenda.OutgoingEmail

    key = factory.Sequence(lambda n: f"test:{n}")
    kind = agenda.OutgoingEmail.Kind.SUMMONS
    to = factory.Sequence(lambda n: f"member{n}@example.org")
    subject = "The agenda is published"
    body_text = "The agenda is published."


class SubscriptionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = agenda.Subscription

    email = factory.Sequence(lambda n: f"resident{n}@example.org")
    committee = factory.SubFactory(CommitteeFactory)


class PublicContributionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = agenda.PublicContribution

    meeting = factory.SubFactory(MeetingFactory)
    kind = agenda.PublicContribution.Kind.QUESTION
    name = "Ada Resident"
    email = "ada@example.org"
    text = "Will the path be lit at night?"


class RegisteredInterestFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "committees.RegisteredInterest"

    person = factory.SubFactory(PersonFactory)
    category = "land"
    description = "Home in the ward"


class ForwardPlanEntryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = agenda.ForwardPlanEntry

    title = "New waste collection contract"
    decision_maker = "Cabinet"
    expected_date = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(60))


class ScanOverrideFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = agenda.ScanOverride

    document = factory.SubFactory(DocumentFactory)
    sha256 = factory.SelfAttribute("document.sha256")
    reason = "The covered text is the council's own address."
    user = factory.LazyFunction(lambda: user_in_group("overrider", "Democratic services manager"))
    transition = factory.SubFactory(
        TransitionFactory,
        meeting=factory.SelfAttribute("..document.meeting"),
        kind=agenda.Transition.Kind.SCAN_OVERRIDE,
    )


class StatementWordingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = agenda.StatementWording
        django_get_or_create = ["id"]

    id = 1
    other_problems = "Webcasts before May 2024 have no captions."


class ImportReviewFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = agenda.ImportReview

    item = factory.SubFactory(AgendaItemFactory)
    source_name = "item-page.html"


class SourceAddressFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = agenda.SourceAddress

    page = "mgcommitteedetails"
    key = factory.Sequence(lambda n: f"id:{n}")
    committee = factory.SubFactory(CommitteeFactory)


class AgendaTemplateItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = agenda.AgendaTemplateItem

    committee = factory.SubFactory(CommitteeFactory)
    kind = agenda.AgendaTemplateItem.Kind.APOLOGIES
    position = 1
