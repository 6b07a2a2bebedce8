"""Steps that change what residents may already rely on, each with a public notice:
moving a meeting to a new date, and renumbering a published agenda's items."""

from django.core.exceptions import ValidationError

from agenda.models import Erratum, FormerSlug, Meeting, Notice
from agenda.models.meetings import DATE_RANGE_MESSAGE, date_in_range, safe_localtime
from agenda.models.numbering import numbers_in_order, write_order
from agenda.publishing.base import Step
from agenda.publishing.log import WORKFLOW_REASON
from agenda.publishing.roles import is_person


def when(moment):
    """A date and time as notices print it: "Thursday 5 March 2026 at 19:00"."""
    local = safe_localtime(moment)
    return f"{local:%A} {local.day} {local:%B %Y} at {local:%H:%M}"


class NoticeMixin:
    needs_notice = True

    def notice_text(self):
        return (self.params.get("notice") or "").strip()

    def record_notice(self, kind, summary):
        text = self.notice_text()
        self.created = Notice.objects.create(
            meeting=self.meeting,
            kind=kind,
            summary=summary,
            text=text,
            recorded_by=self.actor if is_person(self.actor) else None,
            published_at=self.now,
        )
        self.reason = f"{summary} {text}".strip()
        return self.created


class MoveMeeting(NoticeMixin, Step):
    """A meeting moves to a new date or time. A meeting the public can see gets a notice on
    its page, its printed PDFs say the new date, and its address (which carries the date)
    changes: the old one redirects to the new one."""

    name = "move_meeting"
    title = "Move to a new date"
    doing = "move a published meeting"
    explain = (
        "The meeting's date changes everywhere: its page shows your notice of the change, "
        "its printed agenda and minutes are printed again with the new date, and its web "
        "address takes the new date (the old address redirects)."
    )
    offered_in_admin = False  # the editor moves a meeting by changing its date

    def new_times(self):
        start = self.params.get("start")
        end = self.params.get("end", "keep")
        if end == "keep":
            end = self.meeting.end and start and start + (self.meeting.end - self.meeting.start)
        return start, end

    def refuse(self):
        start, end = self.new_times()
        if start is None:
            raise ValidationError("Give the meeting's new date and time.")
        for moment in (start, end):
            if not date_in_range(moment):
                raise ValidationError(
                    "%(rule)s; the new date is in the year %(year)04d.",
                    params={"rule": DATE_RANGE_MESSAGE, "year": moment.year},
                    code="date_out_of_range",
                )
        if end is not None and end <= start:
            raise ValidationError("The meeting must end after it starts.")
        if start == self.meeting.start and end == self.meeting.end:
            raise ValidationError("The meeting is already at that date and time.")
        if self.is_public() and not self.notice_text():
            raise ValidationError(
                "Write the public notice that tells residents the meeting has moved."
            )

    def is_public(self):
        return Meeting.objects.public().filter(pk=self.meeting.pk).exists()

    def apply(self):
        meeting = self.meeting
        start, end = self.new_times()
        summary = f"This meeting has moved from {when(meeting.start)} to {when(start)}."
        if self.is_public():
            self.record_notice(Notice.Kind.MOVED, summary)
        else:
            self.reason = summary
        if meeting.minutes_locked:
            # Approved minutes change only by a recorded, public erratum.
            Erratum.objects.create(
                meeting=meeting,
                text=f"The date of the meeting is corrected: {summary}",
                recorded_by=self.actor if is_person(self.actor) else None,
                published_at=self.now,
            )
        old_slug = meeting.slug
        meeting.start, meeting.end = start, end
        meeting.slug = ""
        meeting.slug = meeting._make_slug()
        if meeting.slug != old_slug:
            FormerSlug.objects.filter(slug=meeting.slug, meeting=meeting).delete()
            FormerSlug.objects.update_or_create(
                slug=old_slug, defaults={"meeting": meeting, "retired_at": self.now}
            )

    def effects_what(self):
        return "all"


class RenumberItems(NoticeMixin, Step):
    """A published agenda's items take new numbers (after a move, a withdrawal, a
    supplement), with a public notice of which number became which."""

    name = "renumber_items"
    title = "Renumber the agenda items"
    doing = "renumber a published agenda"
    explain = (
        "The items are numbered again in their agenda order (sub-numbers such as 5.1 stay "
        "under their item); the meeting page shows your notice of the change and the "
        "printed agenda is printed again."
    )

    def ordered_items(self):
        items = {item.pk: item for item in self.meeting.items.all()}
        order = self.params.get("order")
        if order is None:
            return sorted(items.values(), key=lambda item: item.position)
        order = [int(pk) for pk in order]
        if sorted(order) != sorted(items):
            raise ValidationError("The new order must list every item of the agenda once.")
        return [items[pk] for pk in order]

    def refuse(self):
        if not self.meeting.agenda_is_public:
            raise ValidationError(
                "The agenda is not published yet: change the items' order and numbers in the "
                "editor; no notice is needed.",
                code="wrong_state",
            )
        if self.meeting.minutes_locked:
            raise ValidationError(
                "The minutes of %(meeting)s are approved: their numbering is the record.",
                params={"meeting": self.meeting},
                code="locked",
            )
        if not self.notice_text():
            raise ValidationError("Write the public notice that explains the new numbering.")

    def validate(self):
        items = self.ordered_items()
        numbers = numbers_in_order([item.number for item in items])
        if [(item.position, item.number) for item in items] == list(enumerate(numbers, start=1)):
            raise ValidationError("The items are already numbered in their agenda order.")

    def apply(self):
        changed = write_order(self.ordered_items(), reason=WORKFLOW_REASON)
        moves = "; ".join(f"item {old} is now item {new}" for _item, old, new in changed)
        summary = (
            f"The agenda items were renumbered: {moves}."
            if moves
            else ("The agenda items were put in a new order.")
        )
        self.record_notice(Notice.Kind.RENUMBERED, summary)
