"""What a printed document may contain, read through the public QuerySets.

A published PDF is built only from `.public()` / `.open_content()` rows. A preview is built
before anything is public, so it reads the meeting's own rows but applies the same rules
(exempt items: number, title and paragraph only; exempt and non-PDF documents left out), so
the clerk sees what the public will get.
"""

from dataclasses import dataclass

from django.conf import settings
from django.db.models import Prefetch
from django.utils import timezone

from agenda.models import (
    AgendaItem,
    Attendance,
    Declaration,
    Document,
    MinuteNumber,
    PublicContribution,
    Resolution,
)
from agenda.models.votes import minuted_motions

PACK_KINDS = (Document.Kind.REPORT, Document.Kind.APPENDIX, Document.Kind.SUPPLEMENT)
PDF_TYPE = "application/pdf"
ROLE_ORDER = ("chair", "vice_chair", "member", "co_opted", "substitute")


@dataclass
class PrintedItem:
    """One agenda item as printed: `open` is False for an exempt item, whose content is absent."""

    number: str
    title: str
    open: bool
    exempt_paragraph: int | None = None
    item: AgendaItem | None = None
    withdrawal_note: str = ""
    minute_number: int | None = None  # the council-wide running number, if used

    @property
    def withdrawn(self):
        return bool(self.withdrawal_note)

    @property
    def exempt(self):
        return self.exempt_paragraph is not None and not self.withdrawn

    @property
    def exempt_line(self):
        return f"Not for publication – Schedule 12A paragraph {self.exempt_paragraph}"


class PrintSource:
    """Rows for one meeting's printed documents; `preview` relaxes only the publication state."""

    def __init__(self, meeting, *, preview=False):
        self.meeting = meeting
        self.preview = preview

    def _items(self):
        if self.preview:
            return AgendaItem.objects.filter(meeting=self.meeting)
        return AgendaItem.objects.public().filter(meeting=self.meeting)

    def _open_items(self):
        if self.preview:
            return AgendaItem.objects.filter(
                meeting=self.meeting, is_exempt=False, withdrawn_at__isnull=True
            )
        return AgendaItem.objects.open_content().filter(meeting=self.meeting)

    def contributions(self):
        """Accepted public questions and speakers, printed on the agenda."""
        rows = PublicContribution.objects.filter(
            meeting=self.meeting, status=PublicContribution.Status.ACCEPTED
        )
        if not self.preview:
            rows = rows.public()
        return list(rows.select_related("item").order_by("submitted_at", "pk"))

    def items(self, *, with_minutes=False):
        """Every printable item in agenda order; content only on open ones."""
        titles = list(
            self._items()
            .order_by("position")
            .values("pk", "number", "title", "is_exempt", "withdrawal_note")
        )
        related = ["recommendations"]
        if with_minutes:
            related += [
                Prefetch(
                    "resolutions",
                    queryset=Resolution.objects.order_by("position").select_related(
                        "motion__vote_event"
                    ),
                ),
                "actions",
            ]
        open_items = {
            item.pk: item
            for item in self._open_items()
            .select_related("contact_officer", "scrutiny_area")
            .prefetch_related(*related)
        }
        exempt_paragraphs = dict(
            self._items().filter(is_exempt=True).values_list("pk", "exempt_paragraph")
        )
        minute_numbers = (
            dict(
                MinuteNumber.objects.filter(item__meeting=self.meeting).values_list(
                    "item_id", "number"
                )
            )
            if with_minutes
            else {}
        )
        if with_minutes:
            # What the console recorded behind the resolutions: amended wording, named votes.
            rows = [row for item in open_items.values() for row in item.resolutions.all()]
            motions = minuted_motions(rows)
            for item in open_items.values():
                ids = {row.motion_id for row in item.resolutions.all()}
                item.minuted_motions = [motion for motion in motions if motion.pk in ids]
        printed = []
        for row in titles:
            item = open_items.get(row["pk"])
            printed.append(
                PrintedItem(
                    number=row["number"],
                    title=row["title"],
                    open=item is not None,
                    exempt_paragraph=exempt_paragraphs.get(row["pk"]),
                    item=item,
                    withdrawal_note=row["withdrawal_note"],
                    minute_number=minute_numbers.get(row["pk"]),
                )
            )
        return printed

    def attendance(self):
        rows = Attendance.objects.filter(meeting=self.meeting)
        if not self.preview:
            rows = Attendance.objects.public().filter(meeting=self.meeting)
        rows = (
            rows.select_related("person", "substitute_for")
            .prefetch_related("spans")
            .order_by("person__name")
        )
        groups = {"present": [], "apologies": [], "in_attendance": []}
        for row in rows:
            if row.status in Attendance.PRESENT_STATES:
                groups["present"].append(row)
            elif row.status == Attendance.Status.APOLOGIES:
                groups["apologies"].append(row)
            elif row.status == Attendance.Status.IN_ATTENDANCE:
                groups["in_attendance"].append(row)
        return groups

    def declarations(self):
        rows = Declaration.objects.filter(meeting=self.meeting)
        if not self.preview:
            rows = Declaration.objects.public().filter(meeting=self.meeting)
        return list(rows.select_related("person", "item").order_by("item__position", "pk"))

    def pack_documents(self):
        """Report PDFs for the pack, in agenda order then document order."""
        rows = Document.objects.filter(meeting=self.meeting, is_exempt=False)
        if not self.preview:
            rows = Document.objects.public().filter(meeting=self.meeting)
        return list(
            rows.filter(item__in=self._open_items(), kind__in=PACK_KINDS, content_type=PDF_TYPE)
            .select_related("item")
            .order_by("item__position", "position", "pk")
        )

    def memberships(self):
        """Members on the meeting day, chair and vice-chair first, as frontsheets print them."""
        on = timezone.localtime(self.meeting.start).date()
        rows = self.meeting.committee.current_memberships(on).filter(person__is_public=True)
        rank = {role: n for n, role in enumerate(ROLE_ORDER)}
        return sorted(rows, key=lambda row: (rank.get(row.role, len(rank)), row.person.name))

    def base_context(self, *, title):
        meeting = self.meeting
        return {
            "meeting": meeting,
            "committee": meeting.committee,
            "council": settings.COUNCIL,
            "doc_title": title,
            "preview": self.preview,
            "start": timezone.localtime(meeting.start),
            "generated": timezone.localtime(),
        }
