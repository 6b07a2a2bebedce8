"""Build one demo meeting's agenda items in the shape of the sample item."""

import datetime
import string

from django.utils import timezone
from django.utils.text import slugify

from agenda.demo import business
from agenda.demo.upsert import upsert, upsert_document
from agenda.models import (
    Action,
    AgendaItem,
    Document,
    ForwardPlanEntry,
    Recommendation,
    Resolution,
    Topic,
)
from agenda.printing.simple_pdf import make_pdf
from committees.dates import day_date
from committees.richtext import html_to_text


def _p(*paragraphs):
    return "".join(f"<p>{text}</p>" for text in paragraphs)


def _a(noun):
    return f"{'an' if noun[:1] in 'aeiou' else 'a'} {noun}"


def _add_months(day, months):
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return datetime.date(year, month, min(day.day, 28))


class ItemBuilder:
    """Adds items to one meeting in order; each call takes the next position."""

    def __init__(self, meeting, slot, org, anchor):
        self.meeting, self.slot, self.org, self.anchor = meeting, slot, org, anchor
        self.committee = meeting.committee
        self.position = 0
        self.letters = iter(string.ascii_uppercase)
        self.business_items = []

    def _item(self, slot_key, **values):
        self.position += 1
        values.setdefault("number", str(self.position))
        return upsert(
            AgendaItem,
            {"external_id": f"{self.slot.external_id}:{slot_key}"},
            meeting=self.meeting,
            position=self.position,
            **values,
        )

    def _rows(self, model, item, texts, outcome=None):
        rows = []
        locked = model is Resolution and item.meeting.minutes_locked
        for position, text in enumerate(texts, start=1):
            if locked:
                # Approved minutes are the record (agenda.models.items): a re-run keeps them.
                existing = Resolution.objects.filter(item=item, position=position).first()
                if existing is not None:
                    rows.append(existing)
                    continue
            extra = {}
            if model is Resolution:
                extra["outcome"] = (outcome if position == 1 else None) or (
                    Resolution.Outcome.NOTED
                    if " noted" in text and text.startswith(("That the report", "That it be"))
                    else Resolution.Outcome.CARRIED
                )
            rows.append(upsert(model, {"item": item, "position": position}, text=_p(text), **extra))
        return rows

    def standard_items(self, apologies, declarations, substitute=None):
        minutes = self.slot.is_past
        previous = self.slot.previous
        while previous and previous.is_cancelled:
            previous = previous.previous
        names = " and ".join(person.display_name for person in apologies)
        said = f"Apologies were received from {names}." if names else "There were no apologies."
        if substitute and apologies:
            said += f" {substitute.display_name} attended as substitute for {apologies[0]}."
        self._item(
            "apologies",
            kind=AgendaItem.Kind.APOLOGIES,
            title="Apologies for absence",
            agenda_text=_p("To receive apologies for absence and notice of substitutes."),
            minutes_text=_p(said) if minutes else "",
        )
        first_business = 4 if previous else 3
        declared = [
            f"{d.person.display_name} declared {_a(d.get_kind_display().lower())} in item "
            f"{first_business + d.business_index}: {d.description[:1].lower()}"
            f"{d.description[1:].rstrip('.')}"
            + (", and left the room for that item." if d.left_room else ".")
            for d in declarations
        ]
        self._item(
            "declarations",
            kind=AgendaItem.Kind.DECLARATIONS,
            title="Declarations of interest",
            agenda_text=_p(
                "Members are asked to declare any disclosable pecuniary, other registrable "
                "or non-registrable interests in the business on this agenda."
            ),
            minutes_text=(_p(*declared) or _p("No interests were declared.")) if minutes else "",
        )
        if previous is None:
            return
        from agenda.models import Meeting

        earlier = Meeting.objects.get(external_id=previous.external_id)
        when = day_date(previous.start)  # the planned day, even before that meeting moves
        item = self._item(
            "previous_minutes",
            kind=AgendaItem.Kind.PREVIOUS_MINUTES,
            title="Minutes of the previous meeting",
            previous_minutes_of=earlier,
            agenda_text=_p(f"To approve the minutes of the meeting held on {when}."),
            minutes_text=_p("The minutes were agreed without amendment.") if minutes else "",
        )
        self._rows(Recommendation, item, [f"That the minutes of {when} be approved."])
        if minutes:
            self._rows(
                Resolution, item, [f"That the minutes of {when} be signed as a correct record."]
            )

    def business(self, slot_key, entry, fmt, *, wards=(), exempt=False, outcome=None):
        doc = next(self.letters)
        fmt = {**fmt, "doc": doc, "committee": self.committee.name}
        title = entry.title.format(**fmt)
        contact = self.org.officers[entry.contact.format(**fmt)]
        past = self.slot.is_past
        topic = upsert(Topic, {"name": entry.topic}) if entry.topic else None
        opening = f"{entry.submitter} will submit a report (Document “{doc}”) which "
        item = self._item(
            slot_key,
            title=title,
            agenda_text=_p(opening + entry.about.format(**fmt) + "."),
            report_reference=f"Document “{doc}”",
            contact_officer=contact,
            scrutiny_area=self.org.scrutiny[entry.scrutiny] if entry.scrutiny else None,
            topic=topic,
            is_key_decision=entry.key_decision,
            is_exempt=exempt,
            exempt_paragraph=business.EXEMPT_PARAGRAPH if exempt else None,
            public_interest_reason=business.EXEMPT_PUBLIC_INTEREST if exempt else "",
            minutes_text=_p(
                f"{entry.submitter} presented a report (Document “{doc}”) which "
                + entry.about.format(**fmt) + ".",
                *[text.format(**fmt) for text in entry.minutes],
            ) if past else "",
            action_owner=entry.action if past else "",
        )  # fmt: skip
        item.wards_affected.set(wards)
        self._rows(Recommendation, item, [t.format(**fmt) for t in entry.recommendations])
        if past:
            resolutions = self._rows(
                Resolution, item, [t.format(**fmt) for t in entry.resolutions], outcome
            )
            self._action(item, entry, resolutions)
        self._documents(item, entry, doc, fmt, exempt)
        if entry.key_decision:
            self._forward_plan(item, contact)
        self.business_items.append(item)
        return item

    def _forward_plan(self, item, contact):
        """A key decision was on the forward plan six weeks ahead, as the law asks."""
        start = self.meeting.start
        upsert(
            ForwardPlanEntry,
            {"item": item},
            title=item.title,
            summary=f"{self.committee.name} to decide on {item.title.lower()}.",
            decision_maker=self.committee.name,
            committee=self.committee,
            expected_date=timezone.localtime(start).date(),
            documents=f"Report ({item.report_reference})",
            contact=contact,
            # In UTC: an aware local time would keep its wall-clock hour across a clock change.
            published_at=start.astimezone(datetime.UTC) - datetime.timedelta(days=42),
        )

    def _action(self, item, entry, resolutions):
        meeting_day = timezone.localtime(self.slot.start).date()
        due = _add_months(meeting_day, entry.follow_up_months or 3)
        done = due < self.anchor
        target = resolutions[1] if entry.follow_up_months else resolutions[-1]
        upsert(
            Action,
            {"item": item, "resolution": target},
            owner=entry.action,
            description=html_to_text(target.text).removeprefix("That "),
            due_date=due,
            status=Action.Status.DONE if done else Action.Status.OPEN,
            completed_on=due if done else None,
        )

    def _documents(self, item, entry, doc, fmt, exempt):
        for n, title in enumerate(entry.documents, start=1):
            if n == 1:
                name = title.removeprefix("Report: ")
                title = f"Document “{doc}” – {name[:1].upper()}{name[1:]}"
            paragraphs = [
                f"{self.committee.name}, {day_date(self.slot.start)}.",
                html_to_text(item.agenda_text),
                *[f"({i}) {t.format(**fmt)}" for i, t in enumerate(entry.recommendations, 1)],
            ]
            pdf = make_pdf(title, paragraphs, pages=1 if n > 1 else 2)
            upsert_document(
                Document,
                {"external_id": f"{item.external_id}:doc{n}"},
                pdf,
                f"{slugify(title)[:80]}.pdf",
                meeting=self.meeting,
                item=item,
                title=title,
                kind=Document.Kind.REPORT if n == 1 else Document.Kind.APPENDIX,
                content_type="application/pdf",
                is_exempt=exempt,
                position=n,
            )

    def exclusion(self, exempt_number):
        item = self._item(
            "exclusion",
            kind=AgendaItem.Kind.EXCLUSION,
            title="Exclusion of the public",
            agenda_text=_p(
                f"The {self.committee.name} is asked to consider whether the public should be "
                f"excluded during item {exempt_number}, because it would be likely to disclose "
                f"exempt information of the kind described in paragraph "
                f"{business.EXEMPT_PARAGRAPH} of Schedule 12A to the Local Government Act "
                "1972, and the public interest in keeping it private outweighs the public "
                "interest in disclosure."
            ),
            minutes_text=_p("The public were excluded for the following item.")
            if self.slot.is_past
            else "",
        )
        if self.slot.is_past:
            self._rows(
                Resolution,
                item,
                [
                    f"That the public be excluded during item {exempt_number} on the grounds "
                    f"in paragraph {business.EXEMPT_PARAGRAPH} of Schedule 12A."
                ],
            )
