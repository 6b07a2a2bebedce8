"""Save parsed ModernGov records into the models: atomic per file, idempotent by source id.

Each file gets a FileReport saying what was created, updated, left unchanged or skipped
(and why). Nothing from a file that fails is saved. Content that was public at the source
is published as it was there by `publish_as_at_source`, which goes
through the publishing door as `publishing.SYSTEM`, step `record_as_at_source`)."""

import datetime
import logging
from collections import Counter
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import DatabaseError, transaction
from django.utils import timezone

from agenda import publishing
from agenda.importers.html import parse_html
from agenda.importers.load_decisions import DecisionLoader
from agenda.importers.load_items import ItemsLoader
from agenda.importers.load_motions import MotionLoader
from agenda.importers.load_people import PeopleLoader
from agenda.importers.load_review import ReviewLoader
from agenda.importers.pdf_text import parse_pdf
from agenda.importers.records import SourceError
from agenda.importers.report import FileReport, _plural
from agenda.importers.text import parse_text
from agenda.importers.xml import parse_xml
from agenda.models import (
    Action,
    AgendaItem,
    Document,
    Meeting,
    Recommendation,
    Resolution,
)
from agenda.models.locks import RecordLocked
from agenda.models.meetings import (
    DATE_RANGE_MESSAGE,
    EARLIEST_YEAR,
    LATEST_YEAR,
    meeting_default_start,
)
from agenda.publishing.background import refresh_search_later
from agenda.search.indexing import refreshes_collected
from committees.models import Committee, Venue

logger = logging.getLogger(__name__)

PARSERS = {
    ".txt": parse_text,
    ".html": parse_html,
    ".htm": parse_html,
    ".xml": parse_xml,
    ".pdf": parse_pdf,
}
MEETING_STATUS_WORDS = {
    "cancel": Meeting.Status.CANCELLED,
    "postpone": Meeting.Status.POSTPONED,
    "adjourn": Meeting.Status.ADJOURNED,
    "held": Meeting.Status.HELD,
}
__all__ = ["PARSERS", "FileReport", "import_file", "import_paths", "import_source"]


def parse_source(name, data, *, url=""):
    suffix = Path(name).suffix.lower()
    parser = PARSERS.get(suffix)
    if parser is None:
        raise SourceError(
            f"Unsupported file type {suffix or '(none)'}: use .html, .xml, .txt or a printed "
            "minutes .pdf."
        )
    return parser(data, url=url) if url else parser(data)


def import_file(name, data, *, committee=None, date=None, now=None, pdfs=False, dry_run=False):
    """Import one file's bytes. Never raises: failures are in the returned report.
    With `pdfs`, meetings this file changed get their printed PDFs (agenda frontsheet,
    reports pack, printed minutes) rendered as on publication. With `dry_run`, everything
    is read and checked inside a transaction that is rolled back: the report says what
    would happen and nothing is saved."""
    return import_source(
        name,
        lambda: parse_source(name, data),
        committee=committee,
        date=date,
        now=now,
        pdfs=pdfs and not dry_run,
        dry_run=dry_run,
    )


def import_source(name, parse, *, committee=None, date=None, now=None, pdfs=False, dry_run=False):
    """Load what `parse()` returns, atomically, with the same report as `import_file`."""
    report = FileReport(name=name, dry_run=dry_run)
    try:
        source = parse()
        report.source = source.kind
        with transaction.atomic():
            # Each meeting is re-indexed once, by the worker, not at every step and save.
            with refreshes_collected() as changed_meetings:
                _Loader(report, committee, date, now or timezone.now(), pdfs).load(source)
            if dry_run:
                transaction.set_rollback(True)
            else:
                refresh_search_later(changed_meetings)
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
        report.item_reports.clear()
        report.uncertain = 0
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


class _Loader(ItemsLoader, MotionLoader, PeopleLoader, DecisionLoader, ReviewLoader):
    def __init__(self, report, committee, date, now, pdfs=False):
        self.pdfs = pdfs
        self.report = report
        self.committee_name = (committee or "").strip()
        self.date = date
        self.now = now
        self.people = {}
        self.areas = {}
        # New rows waiting for one insert per model (bulk writes), by id() and by model.
        self.waiting = {}
        self.new_rows = {}

    def _save_new(self, *models):
        """Insert the waiting new rows of `models`, one insert (and one history insert)
        each, through the model's own `bulk_add` (the lock and what save() fills in)."""
        for model in models:
            rows = self.new_rows.pop(model, [])
            for row in rows:
                del self.waiting[id(row)]
            model.objects.bulk_add(rows)

    # -- bookkeeping -------------------------------------------------------------------
    def _sync(self, kind, instance, values, created=False, *, later=False):
        """Set `values` on `instance`; save only if something changed. Counts the outcome.
        `later`: a new row waits for its model's one insert (`_save_new`)."""
        changed = [key for key, value in values.items() if getattr(instance, key) != value]
        for key in changed:
            setattr(instance, key, values[key])
        if id(instance) in self.waiting:  # met twice in one file: still to be inserted
            self.report.updated[kind] += 1 if changed else 0
            self.report.unchanged[kind] += 0 if changed else 1
            return instance
        if later and (created or instance.pk is None):
            self.waiting[id(instance)] = instance
            self.new_rows.setdefault(type(instance), []).append(instance)
            self.report.created[kind] += 1
            return instance
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
            committee = self._committee(parsed.name, parsed.external_id)
            self._committee_details(committee, parsed)
            self._address("committee", parsed.external_id, parsed.source_url, committee=committee)
        for parsed in source.meetings:
            self._meeting(parsed)
        for parsed in source.decisions:
            self._decision(parsed)
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
        if parsed.contacts and (officer := self._contact(parsed.contacts[0])):
            values["contact_officer_id"] = officer.pk
        meeting = self._sync(
            "meeting", meeting or Meeting(committee=committee), values, meeting is None
        )
        self._prefetch(meeting, committee, day, parsed.items)
        # Bulk writes: the new items in one insert, then everything under them in one
        # insert per model (recommendations, resolutions, actions, documents).
        loaded = [
            (parsed_item, self._item(meeting, committee, day, parsed_item))
            for parsed_item in parsed.items
        ]
        self._save_new(AgendaItem)
        documents = []
        for parsed_item, item in loaded:
            self._item_parts(item, parsed_item)
            documents.extend(self._documents(meeting, item, parsed_item.documents))
        documents.extend(self._documents(meeting, None, parsed.documents))
        self._save_new(Recommendation, Resolution, Action, Document)
        self.known_names = set()  # the prefetched contacts are this meeting's items' only
        item_ids = [item.pk for _parsed, item in loaded]
        document_ids = [document.pk for document in documents]
        for attendee in parsed.attendees:
            self._attendance(meeting, attendee)
        self._meeting_record(meeting, committee, parsed, loaded)
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
