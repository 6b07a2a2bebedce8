"""Steps that put an agenda out: the agenda itself and a supplement to it."""

from django.core.exceptions import ValidationError
from django.utils import timezone

from agenda.publishing import deadlines
from agenda.publishing.base import Step
from agenda.publishing.release import release_documents, release_items
from agenda.publishing.roles import is_person
from agenda.publishing.standard_items import REQUIRED_KINDS, add_standard_items
from committees.dates import day_date


def refuse_called_off(meeting):
    if meeting.is_called_off:
        raise ValidationError(
            "%(meeting)s is %(status)s; its agenda and minutes cannot be published.",
            params={"meeting": meeting, "status": meeting.get_status_display().lower()},
            code="wrong_state",
        )


class LateAgendaMixin:
    """After the clear-days deadline an agenda goes out only with the special
    circumstances of urgency recorded (a person's release; a replayed record is as it was)."""

    def urgency_reason(self):
        return (self.params.get("urgency_reason") or "").strip()

    def validate(self):
        if is_person(self.actor) and self.late and not self.urgency_reason():
            deadline = timezone.localtime(deadlines.agenda_deadline(self.meeting))
            raise ValidationError(
                "The agenda deadline (end of %(deadline)s, five clear working days before the "
                "meeting) has passed. Publishing late is allowed only with the special "
                "circumstances of urgency recorded: give a reason.",
                params={"deadline": day_date(deadline)},
                code="late",
            )


class PublishAgenda(LateAgendaMixin, Step):
    """The agenda, its items and their public documents go public; the standard items
    "Minutes of the previous meeting" and (with exempt items) "Exclusion of the public"
    are added first, in their place in the order of business, if the agenda lacks them."""

    name = "publish_agenda"
    title = "Publish the agenda"
    doing = "publish an agenda"
    explain = (
        "The agenda, its items and their public documents go on the website straight away. "
        "Exempt items show only their number, title and paragraph. Document metadata is "
        "removed from the public copies."
    )

    def refuse(self):
        if self.meeting.agenda_is_public:
            raise ValidationError(
                "The agenda of %(meeting)s is already published. Items added since are "
                "published with “Publish supplement”.",
                params={"meeting": self.meeting},
                code="wrong_state",
            )
        refuse_called_off(self.meeting)

    def prepare(self):
        if not self.meeting.agenda_is_public and not self.meeting.is_called_off:
            add_standard_items(self.meeting, REQUIRED_KINDS)

    def apply(self):
        self.meeting.agenda_published_at = self.now
        if self.late and is_person(self.actor):
            self.meeting.late_publication_reason = self.urgency_reason()
            self.reason = self.meeting.late_publication_reason
        release_items(self.meeting, self.now)
        release_documents(self.meeting, self.now, minutes=False)


class PublishSupplement(LateAgendaMixin, Step):
    """Items and documents added after the agenda went out, published as a supplement;
    after the deadline each new item carries the reason of urgency."""

    name = "publish_supplement"
    title = "Publish a supplement"
    doing = "publish a supplement"
    explain = (
        "Items and documents added since the agenda went out are published, marked as a supplement."
    )

    def refuse(self):
        if not self.meeting.agenda_is_public:
            raise ValidationError(
                "Publish the agenda first: a supplement adds to a published agenda.",
                code="wrong_state",
            )
        if self.meeting.status != self.meeting.Status.SCHEDULED:
            raise ValidationError(
                "%(meeting)s is no longer scheduled; a supplement cannot be published.",
                params={"meeting": self.meeting},
                code="wrong_state",
            )
        from agenda.publishing.checks import public_documents

        new_items = self.meeting.items.filter(published_at__isnull=True).exists()
        new_documents = (
            public_documents(self.meeting, minutes=False).filter(published_at__isnull=True).exists()
        )
        if not new_items and not new_documents:
            raise ValidationError("There is nothing new to publish as a supplement.")

    def apply(self):
        late = self.late and is_person(self.actor)
        reason = self.urgency_reason() if late else ""
        self.reason = reason
        release_items(self.meeting, self.now, supplement=True, urgency_reason=reason)
        release_documents(self.meeting, self.now, minutes=False)


class ReprintAgenda(Step):
    """A published agenda printed again with what was added to it without changing its
    business: accepted public questions and registered speakers."""

    name = "reprint_agenda"
    title = "Print the agenda again"
    doing = "print an agenda again"
    offered_in_admin = False

    def apply(self):
        self.reason = self.params.get("reason", "")
