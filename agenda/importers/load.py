"""Save parsed ModernGov records into the models: atomic per file, idempotent by source id.

Each file gets a FileReport saying what was created, updated, left unchanged or skipped
(and why). Nothing from a file that fails is saved. Content that was public at the source
is published as it was there by `publish_as_at_source`, which goes
through the publishing door as `publishing.SYSTEM`, step `record_as_at_source`)."""

import datetime
import hashlib
import logging
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import DatabaseError, transaction
from django.utils import timezone
from django.utils.html import escape
from simple_history.utils import bulk_create_with_history

from agenda import publishing
from agenda.importers.html import parse_html
from agenda.importers.records import SourceError
from agenda.importers.text import parse_text
from agenda.importers.xml import parse_xml
from agenda.models import (
    Action,
    AgendaItem,
    Attendance,
    Document,
    Meeting,
    Recommendation,
    Resolution,
)
from agenda.models.items import EXEMPT_PARAGRAPH_NUMBERS
from agenda.models.locks import RecordLocked
from agenda.models.meetings import (
    DATE_RANGE_MESSAGE,
    EARLIEST_YEAR,
    LATEST_YEAR,
    meeting_default_start,
)
from committees.models import Committee, Person, ScrutinyArea, Venue
from committees.richtext import sanitise_html

logger = logging.getLogger(__name__)

PARSERS = {".txt": parse_text, ".html": parse_html, ".htm": parse_html, ".xml": parse_xml}
# Used when a restricted item's source gives no Schedule 12A paragraph: the database needs
# one, so the import says 1 and flags the item for the clerk to correct.
FALLBACK_EXEMPT_PARAGRAPH = 1
MEETING_STATUS_WORDS = {
    "cancel": Meeting.Status.CANCELLED,
    "postpone": Meeting.Status.POSTPONED,
    "adjourn": Meeting.Status.ADJOURNED,
    "held": Meeting.Status.HELD,
}
ATTENDANCE_WORDS = [
    ("substitute", Attendance.Status.SUBSTITUTE),
    ("virtual", Attendance.Status.PRESENT_VIRTUALLY),
    ("remote", Attendance.Status.PRESENT_VIRTUALLY),
    ("in attendance", Attendance.Status.IN_ATTENDANCE),
    ("apolog", Attendance.Status.APOLOGIES),
    ("absent", Attendance.Status.ABSENT),
    ("present", Attendance.Status.PRESENT),
]


@dataclass
class FileReport:
    """What happened to one file."""

    name: str
    source: str = ""
    error: str = ""
    created: Counter = field(default_factory=Counter)
    updated: Counter = field(default_factory=Counter)
    unchanged: Counter = field(default_factory=Counter)
    notes: list[str] = field(default_factory=list)
    items: int = 0

    @property
    def ok(self):
        return not self.error

    def lines(self):
        if self.error:
            return [f"{self.name}: FAILED, nothing saved. {self.error}"]
        lines = [f"{self.name}: imported ({self.source})."]
        for verb, counter in (
            ("created", self.created),
            ("updated", self.updated),
            ("skipped, unchanged", self.unchanged),
        ):
            if counter:
                lines.append(f"  {verb}: " + ", ".join(f"{n} {k}" for k, n in counter.items()))
        lines.extend(f"  {note}" for note in self.notes)
        return lines


def _plural(kind, n):
    return kind if n == 1 else {"person": "people"}.get(kind, kind + "s")


def parse_source(name, data):
    suffix = Path(name).suffix.lower()
    parser = PARSERS.get(suffix)
    if parser is None:
        raise SourceError(f"Unsupported file type {suffix or '(none)'}: use .html, .xml or .txt.")
    return parser(data)


def import_file(name, data, *, committee=None, date=None, now=None, pdfs=False):
    """Import one file's bytes. Never raises: failures are in the returned report.
    With `pdfs`, meetings this file changed get their printed PDFs (agenda frontsheet,
    reports pack, printed minutes) rendered as on publication."""
    report = FileReport(name=name)
    try:
        source = parse_source(name, data)
        report.source = source.kind
        with transaction.atomic():
            _Loader(report, committee, date, now or timezone.now(), pdfs).load(source)
    except SourceError as error:
        report.error = str(error)
    except RecordLocked as error:
        # The source differs from minutes approved here: the record holds (an erratum is
        # the only correction), so nothing from this file is saved.
        report.error = "Not imported: " + " ".join(error.messages)
    except (DatabaseError, ValidationError, ValueError, OverflowError) as error:
        report.error = f"The content could not be saved ({error})."
    except Exception as error:  # a clerk gets a message, never a 500
        logger.exception("Unexpected failure importing %s", name)
        report.error = f"Unexpected problem reading this file ({type(error).__name__})."
    if report.error:
        report.created.clear()
        report.updated.clear()
        report.unchanged.clear()
        report.notes.clear()
    return report


def collect_paths(paths):
    """Files named, and the importable files inside folders named (sorted)."""
    found = []
    for path in map(Path, paths):
        if path.is_dir():
            found.extend(
                p for p in sorted(path.rglob("*")) if p.is_file() and p.suffix.lower() in PARSERS
            )
        else:
            found.append(path)
    return found


def import_paths(paths, **options):
    reports = []
    for path in collect_paths(paths):
        try:
            data = path.read_bytes()
        except OSError as error:
            reports.append(FileReport(name=str(path), error=f"Cannot read the file ({error})."))
            continue
        reports.append(import_file(str(path), data, **options))
    return reports


def _paragraphs(lines):
    return sanitise_html("".join(f"<p>{escape(line)}</p>" for line in lines))


def _straight(name):
    return name.replace("’", "'").replace("‘", "'").strip()


def publish_as_at_source(
    meeting, *, items, documents, minutes, minutes_draft, now, changed=False, **params
):
    """Publish what the source had public, through the publishing door (one logged step,
    the same effects as the editor's: search index, printed PDFs when `printed`). Returns
    the step's result, or None when the source changes nothing already published."""
    step = publishing.step(
        "record_as_at_source",
        meeting,
        publishing.SYSTEM,
        now=now,
        items=items,
        documents=documents,
        minutes=minutes,
        minutes_draft=minutes_draft,
        **params,
    )
    return step.execute() if changed or step.would_change() else None


class _Loader:
    def __init__(self, report, committee, date, now, pdfs=False):
        self.pdfs = pdfs
        self.report = report
        self.committee_name = (committee or "").strip()
        self.date = date
        self.now = now
        self.people = {}
        self.areas = {}

    # -- bookkeeping -------------------------------------------------------------------
    def _sync(self, kind, instance, values, created=False):
        """Set `values` on `instance`; save only if something changed. Counts the outcome."""
        changed = [key for key, value in values.items() if getattr(instance, key) != value]
        for key in changed:
            setattr(instance, key, values[key])
        if created or instance.pk is None:
            instance.save()
            self.report.created[kind] += 1
        elif changed:
            instance.save()
            self.report.updated[kind] += 1
        else:
            self.report.unchanged[kind] += 1
        return instance

    def note(self, text):
        self.report.notes.append(text)

    # -- entry point -------------------------------------------------------------------
    def load(self, source):
        for parsed in source.committees:
            self._committee(parsed.name, parsed.external_id)
        for parsed in source.meetings:
            self._meeting(parsed)
        for attr in ("created", "updated", "unchanged"):
            counter = getattr(self.report, attr)
            setattr(
                self.report,
                attr,
                Counter({_plural(k, n): n for k, n in counter.items()}),
            )

    def _committee(self, name, external_id=""):
        name = name[:200]
        ext = f"mg-committee-{external_id}"[:100] if external_id else ""
        committee = (ext and Committee.objects.filter(external_id=ext).first()) or (
            Committee.objects.filter(name__iexact=name).first()
        )
        if committee is None:
            return self._sync("committee", Committee(name=name, external_id=ext), {}, True)
        values = {"external_id": ext} if ext and not committee.external_id else {}
        if committee.external_id == ext and ext and committee.name != name:
            values["name"] = name
        return self._sync("committee", committee, values)

    def _changes(self):
        return sum(self.report.created.values()) + sum(self.report.updated.values())

    def _meeting(self, parsed):
        changes_before = self._changes()
        name = parsed.committee or self.committee_name
        day = parsed.date or self.date
        if not name or not day:
            missing = " and ".join(
                what for what, have in (("committee", name), ("date", day)) if not have
            )
            raise SourceError(
                f"This file does not say which meeting it belongs to (no {missing}). "
                "Import it again giving the committee and the meeting date (--committee NAME "
                "--date YYYY-MM-DD, or the Committee and Date fields of the upload page)."
            )
        if isinstance(day, datetime.datetime):
            day = day.date()
        if not EARLIEST_YEAR <= day.year <= LATEST_YEAR:
            raise SourceError(
                f"This file dates its meeting {day.day} {day:%B} {day.year:04d}: "
                f"{DATE_RANGE_MESSAGE}. Check the date in the source, or import it again "
                "giving the right one (--date YYYY-MM-DD, or the Date field of the upload page)."
            )
        committee = self._committee(name, parsed.committee_external_id)
        ext = f"mg-meeting-{parsed.external_id}"[:100] if parsed.external_id else ""
        meeting = (ext and Meeting.objects.filter(external_id=ext).first()) or (
            Meeting.objects.filter(committee=committee, start__date=day).order_by("pk").first()
        )
        start = meeting_default_start(committee, day)
        if parsed.time:
            start = timezone.make_aware(
                datetime.datetime.combine(day, parsed.time), timezone.get_default_timezone()
            )
        values = {}
        if meeting is None or parsed.time:
            values["start"] = start
        if ext and (meeting is None or not meeting.external_id):
            values["external_id"] = ext
        if parsed.venue:
            venue, made = Venue.objects.get_or_create(name=parsed.venue[:200])
            if made:
                self.report.created["venue"] += 1
            values["venue_id"] = venue.pk
        status = next(
            (s for word, s in MEETING_STATUS_WORDS.items() if word in parsed.status.lower()),
            None,
        )
        if status and not parsed.items:
            # Only listed (a notice of the date): no publication step to carry the status.
            values["status"] = status
        if not parsed.items:
            values["is_listed"] = True
        meeting = self._sync(
            "meeting", meeting or Meeting(committee=committee), values, meeting is None
        )
        item_ids, document_ids = [], []
        self._prefetch(meeting, committee, day, parsed.items)
        for parsed_item in parsed.items:
            item = self._item(meeting, committee, day, parsed_item)
            item_ids.append(item.pk)
            document_ids.extend(self._documents(meeting, item, parsed_item.documents))
        for attendee in parsed.attendees:
            self._attendance(meeting, attendee)
        if parsed.items:
            has_minutes = any(i.minutes_paragraphs or i.resolutions for i in parsed.items)
            result = publish_as_at_source(
                meeting,
                items=item_ids,
                documents=document_ids,
                minutes=has_minutes,
                minutes_draft=parsed.minutes_draft,
                now=self.now,
                status=status,
                printed=self.pdfs,
                changed=self._changes() > changes_before,
            )
            self.report.items += len(item_ids)
            if result is not None and self.pdfs:
                printed = result.outputs.documents
                self.note("printed: " + ", ".join(d.title.split(",")[0] for d in printed))
                self.report.notes.extend(f"check: {message}" for message in result.messages)

    @staticmethod
    def _item_ext(committee, day, parsed):
        if parsed.external_id:
            return f"mg-{parsed.external_id}"[:100]
        key = f"{committee.name.lower()}|{day.isoformat()}|{parsed.title.lower()}"
        return "mg-text-" + hashlib.sha256(key.encode()).hexdigest()[:32]

    @staticmethod
    def _document_ext(item_ext, link):
        if link.external_id:
            return f"mg-{link.external_id}"[:100]
        key = f"{item_ext}|{link.url or link.title}"
        return "mg-link-" + hashlib.sha256(key.encode()).hexdigest()[:32]

    def _prefetch(self, meeting, committee, day, parsed_items):
        """Load what this meeting's items already have in a few queries, not per item."""
        exts = {self._item_ext(committee, day, parsed): parsed for parsed in parsed_items}
        self.items = {
            item.external_id: item
            for item in AgendaItem.objects.filter(external_id__in=exts).select_related("meeting")
        }
        self.rows = {Recommendation: {}, Resolution: {}}
        for model, rows in self.rows.items():
            for row in model.objects.filter(item__in=self.items.values()):
                rows.setdefault(row.item_id, {})[row.position] = row
        self.actions = set(
            Action.objects.filter(item__in=self.items.values()).values_list("item_id", "owner")
        )
        doc_exts = [
            self._document_ext(ext, link)
            for ext, parsed in exts.items()
            for link in parsed.documents
        ]
        self.documents = {
            d.external_id: d for d in Document.objects.filter(external_id__in=doc_exts)
        }
        self.next_position = meeting.next_item_position()

    def _item(self, meeting, committee, day, parsed):
        ext = self._item_ext(committee, day, parsed)
        item = self.items.get(ext)
        if item is not None and item.meeting_id != meeting.pk:
            raise SourceError(
                f"Item “{parsed.title[:80]}” was imported before into another meeting "
                f"({item.meeting}); it is not moved."
            )
        values = {
            "title": parsed.title[:300],
            "agenda_text": _paragraphs(parsed.agenda_paragraphs),
            "report_reference": parsed.report_reference[:100],
            "minutes_text": _paragraphs(parsed.minutes_paragraphs),
            "action_owner": parsed.action_owner[:200],
            "scrutiny_area_id": getattr(self._scrutiny_area(parsed.scrutiny_area), "pk", None),
            "contact_officer_id": getattr(self._contact(parsed.contact), "pk", None),
            "is_exempt": parsed.is_restricted,
            "exempt_paragraph": None,
        }
        if parsed.number:
            values["number"] = parsed.number[:12]
        if parsed.is_restricted:
            paragraph = parsed.restricted_paragraph
            if paragraph not in EXEMPT_PARAGRAPH_NUMBERS:
                paragraph = FALLBACK_EXEMPT_PARAGRAPH
                self.note(
                    f"check: item “{parsed.title[:80]}” is restricted but the source gives no "
                    f"valid Schedule 12A paragraph; set to {paragraph} as a placeholder."
                )
            values["exempt_paragraph"] = paragraph
        if item is None:
            item = AgendaItem(meeting=meeting, external_id=ext, position=self.next_position)
            self.next_position += 1
        item = self._sync("agenda item", item, values, item.pk is None)
        self.items[ext] = item
        self._rows(item, Recommendation, "recommendation", parsed.recommendations)
        self._rows(item, Resolution, "resolution", parsed.resolutions)
        if parsed.action_owner:
            owner = parsed.action_owner[:200]
            if (item.pk, owner) in self.actions:
                self.report.unchanged["action"] += 1
            else:
                Action.objects.create(item=item, owner=owner)
                self.actions.add((item.pk, owner))
                self.report.created["action"] += 1
        return item

    def _rows(self, item, model, kind, entries):
        existing = self.rows[model].pop(item.pk, {})
        kept, fresh = {}, []
        for position, entry in enumerate(entries, start=1):
            values = {
                "label": entry.label[:12],
                "text": sanitise_html(f"<p>{escape(entry.text)}</p>"),
            }
            row = existing.pop(position, None)
            if row is None:
                fresh.append(model(item=item, position=position, **values))
                kept[position] = fresh[-1]
            else:
                kept[position] = self._sync(kind, row, values)
        if fresh:
            # One insert per list (and one for its history) rather than one per row.
            bulk_create_with_history(fresh, model)
            self.report.created[kind] += len(fresh)
        self.rows[model][item.pk] = kept  # the same item twice in one file updates, too
        if existing:
            model.objects.filter(pk__in=[row.pk for row in existing.values()]).delete()
            self.note(f"removed {len(existing)} {kind}(s) no longer in the source")

    def _scrutiny_area(self, name):
        name = _straight(name)[:120]
        if not name:
            return None
        if name.lower() in self.areas:
            return self.areas[name.lower()]
        area = ScrutinyArea.objects.filter(name__iexact=name).first()
        if area is None:
            area = ScrutinyArea.objects.create(name=name)
            self.report.created["scrutiny area"] += 1
        self.areas[name.lower()] = area
        return area

    def _contact(self, contact):
        if contact is None or not contact.name:
            return None
        if contact.as_printed in self.people:
            return self.people[contact.as_printed]
        name = contact.name[:150]
        # A person we already know by a longer name ("Mary Ann Smith") wins over the guess.
        words = contact.as_printed.split()
        candidates = [" ".join(words[:n]) for n in range(min(len(words), 5), 1, -1)] or [name]
        person = None
        for candidate in candidates:
            person = Person.objects.filter(name__iexact=candidate[:150]).order_by("kind", "pk")
            person = person.first()
            if person is not None:
                break
        if person is None:
            person = Person.objects.create(
                kind=Person.Kind.OFFICER,
                name=name,
                job_title=contact.job_title[:200],
                phone=contact.phone[:40],
            )
            self.report.created["person"] += 1
        self.people[contact.as_printed] = person
        return person

    def _documents(self, meeting, item, links):
        ids = []
        for position, link in enumerate(links, start=1):
            ext = self._document_ext(item.external_id, link)
            url = link.url if link.url.startswith(("http://", "https://")) else ""
            document = self.documents.get(ext)
            values = {
                "title": link.title[:300],
                "source_url": url[:500],
                "position": position,
                "is_exempt": item.is_exempt,
                "item_id": item.pk,
            }
            new = document is None
            document = document or Document(meeting=meeting, external_id=ext)
            self.documents[ext] = self._sync("document", document, values, new)
            ids.append(document.pk)
        return ids

    def _attendance(self, meeting, attendee):
        word = attendee.attendance.lower()
        status = next((s for key, s in ATTENDANCE_WORDS if key in word), None)
        if status is None:
            self.note(
                f"skipped: attendance of {attendee.name[:80]} "
                f"(“{attendee.attendance or 'not recorded'}” is not an attendance record)"
            )
            return
        person = self._attendee(attendee)
        record = Attendance.objects.filter(meeting=meeting, person=person).first()
        values = {"status": status, "note": attendee.role[:200]}
        self._sync(
            "attendance",
            record or Attendance(meeting=meeting, person=person),
            values,
            record is None,
        )

    def _attendee(self, attendee):
        ext = f"mg-member-{attendee.external_id}"[:100] if attendee.external_id else ""
        name = attendee.name
        for prefix in ("Councillor ", "Cllr "):
            if name.startswith(prefix):
                name = name[len(prefix) :]
        name = name.strip()[:150] or attendee.name[:150]
        person = (ext and Person.objects.filter(external_id=ext).first()) or (
            Person.objects.filter(name__iexact=name).order_by("kind", "pk").first()
        )
        if person is None:
            is_officer = "officer" in attendee.role.lower()
            person = Person.objects.create(
                name=name,
                external_id=ext,
                kind=Person.Kind.OFFICER if is_officer else Person.Kind.COUNCILLOR,
                title="" if is_officer else "Cllr",
            )
            self.report.created["person"] += 1
        elif ext and not person.external_id:
            person.external_id = ext
            person.save(update_fields=["external_id"])
        return person
