"""What the public may see, changed after publication: an item withdrawn from the published
agenda, a published item or document made exempt (or public again).

Each is one logged step whose reason is a public notice (shown on the meeting page), with
the effects of a publication of "all": the public PDFs (agenda frontsheet, reports pack,
minutes) re-rendered without the content, search entries refreshed, caches purged. The
record lock (agenda.models.locks) refuses these fields to anything but these steps.
"""

from django.core.exceptions import ValidationError

from agenda.models import AgendaItem, Document
from agenda.publishing.base import Step
from agenda.publishing.log import workflow_save
from agenda.publishing.roles import PUBLISH_PERMISSION, require


def _item_name(item):
    return f"Item {item.number or item.position} “{item.plain_title}”"


class ItemStep(Step):
    """A step on one item of the meeting (params: `item`)."""

    offered_in_admin = False

    def __init__(self, meeting, actor, **params):
        super().__init__(meeting, actor, **params)
        self.item = params.get("item")

    def prepare(self):
        item = self.params.get("item")
        self.item = (
            AgendaItem.objects.select_for_update().filter(pk=getattr(item, "pk", None)).first()
        )

    def refuse(self):
        item = self.item
        if item is None or item.meeting_id != self.meeting.pk:
            raise ValidationError("Choose an item of this meeting.")
        if item.published_at is None:
            raise ValidationError(
                "%(item)s is not published yet: edit it directly instead.",
                params={"item": _item_name(item)},
                code="wrong_state",
            )


class WithdrawItem(ItemStep):
    """An item on a published agenda is never deleted: it is withdrawn, keeps its number
    and shows "Withdrawn: <note>" instead of its content on the pages and printed copies."""

    name = "withdraw_item"
    title = "Withdraw the item from the agenda"
    doing = "withdraw items from a published agenda"
    opens = ("agendaitem.withdrawn_at", "agendaitem.withdrawal_note")

    def refuse(self):
        super().refuse()
        if self.meeting.minutes_locked:
            raise ValidationError(
                "The minutes of %(meeting)s were approved as a correct record: nothing can "
                "be withdrawn from them. Record an erratum instead.",
                params={"meeting": self.meeting},
                code="wrong_state",
            )
        if self.item.is_withdrawn:
            raise ValidationError(
                "%(item)s is already withdrawn.", params={"item": _item_name(self.item)}
            )
        if not (self.params.get("note") or "").strip():
            raise ValidationError(
                "Write the public note saying why the item is withdrawn (it is shown with "
                "the item's number and title)."
            )

    def apply(self):
        item = self.item
        item.withdrawn_at = self.now
        item.withdrawal_note = self.params["note"].strip()
        workflow_save(item)
        self.reason = f"{_item_name(item)} was withdrawn: {item.withdrawal_note}"
        self.created = item


class ExemptItem(ItemStep):
    """A published item made exempt (params: `paragraph`, `reason`: the public interest
    test), or with `exempt=False` made public again (a manager's decision)."""

    name = "exempt_item"
    title = "Make the published item exempt"
    doing = "make a published item exempt"
    opens = (
        "agendaitem.is_exempt",
        "agendaitem.exempt_paragraph",
        "agendaitem.public_interest_reason",
    )

    @property
    def exempt(self):
        return self.params.get("exempt", True)

    def check(self):
        lines = super().check()
        if not self.exempt:
            require(self.actor, PUBLISH_PERMISSION, "make exempt content public")
        return lines

    def refuse(self):
        super().refuse()
        item = self.item
        if item.is_exempt == self.exempt:
            state = "exempt" if item.is_exempt else "public"
            raise ValidationError(
                "%(item)s is already %(state)s.",
                params={"item": _item_name(item), "state": state},
            )
        if self.exempt and not self.params.get("paragraph"):
            raise ValidationError("Choose the Schedule 12A paragraph the item is exempt under.")

    def apply(self):
        item = self.item
        item.is_exempt = self.exempt
        if self.exempt:
            item.exempt_paragraph = self.params["paragraph"]
            item.public_interest_reason = self.params.get("reason", item.public_interest_reason)
            self.reason = (
                f"{_item_name(item)} was made exempt (Schedule 12A paragraph "
                f"{item.exempt_paragraph}): its content is no longer published."
            )
        else:
            self.reason = f"{_item_name(item)} is no longer exempt: its content is published."
        workflow_save(item)
        self.created = item


class ExemptDocument(Step):
    """A published document made exempt (withdrawn from publication), or with
    `exempt=False` published again. Params: `document`."""

    name = "exempt_document"
    title = "Make the published document exempt"
    doing = "make a published document exempt"
    offered_in_admin = False
    opens = ("document.is_exempt",)

    def __init__(self, meeting, actor, **params):
        super().__init__(meeting, actor, **params)
        self.document = params.get("document")

    @property
    def exempt(self):
        return self.params.get("exempt", True)

    def prepare(self):
        document = self.params.get("document")
        self.document = (
            Document.objects.select_for_update()
            .filter(pk=getattr(document, "pk", None))
            .order_by("pk")
            .first()
        )

    def check(self):
        lines = super().check()
        if not self.exempt:
            require(self.actor, PUBLISH_PERMISSION, "publish an exempt document")
        return lines

    def refuse(self):
        document = self.document
        if document is None or document.meeting_id != self.meeting.pk:
            raise ValidationError("Choose a document of this meeting.")
        if document.is_generated:
            raise ValidationError(
                "Printed copies are made by Minutebook from what is public: change the item "
                "instead."
            )
        if document.published_at is None:
            raise ValidationError("The document is not published yet: edit it directly instead.")
        if document.is_exempt == self.exempt:
            raise ValidationError(
                "The document is already %(state)s.",
                params={"state": "exempt" if document.is_exempt else "public"},
            )

    def apply(self):
        document = self.document
        document.is_exempt = self.exempt
        workflow_save(document)
        where = f"on item {document.item.number}" if document.item_id else "of this meeting"
        # The title of an exempt document is not public: the notice does not repeat it.
        self.reason = (
            f"A document {where} was withdrawn from publication (exempt)."
            if self.exempt
            else f"A document {where} was published again: “{document.title}”."
        )
        self.created = document
