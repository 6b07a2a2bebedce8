"""Save parsed ModernGov records into the models: atomic per file, idempotent by source id.

Each file gets a FileReport saying what was created, updated, left unchanged or skipped
(and why). Nothing from a file that fails is saved. Content that was public at the source
is published as it was there by `publish_as_at_source` (a system action, so no user and
no permission check, unlike `agenda.services`)."""

import datetime
import logging
from collections import Counter
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import DatabaseError, transaction
from django.utils import timezone

from agenda.importers.html import parse_html
from agenda.importers.load_decisions import DecisionLoader
from agenda.importers.load_items import ItemsLoader
from agenda.importers.load_people import PeopleLoader
from agenda.importers.load_review import ReviewLoader
from agenda.importers.pdf_text import parse_pdf
from agenda.importers.records import SourceError
from agenda.importers.report import FileReport, _plural
from agenda.importers.text import parse_text
from agenda.importers.xml import parse_xml
from agenda.models import AgendaItem, Document, Meeting
from agenda.models.meetings import meeting_default_start
from agenda.pdf.publish import AGENDA_KINDS, MINUTES_KINDS, generate_meeting_pdfs
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
            _Loader(report, committee, date, now or timezone.now(), pdfs).load(source)
            if dry_run:
                transaction.set_rollback(True)
    except SourceError as error:
        report.error = str(error)
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


def publish_as_at_source(meeting, *, items, documents, minutes, minutes_draft, now):
    """Publish what the source had public: the agenda, its items and documents, and the
    minutes (approved unless the source marked them draft). Returns changed field names."""
    changed = []
    if not meeting.agenda_is_public:
        meeting.agenda_status = Meeting.AgendaStatus.PUBLISHED
        changed.append("agenda_status")
    if meeting.agenda_published_at is None:
        meeting.agenda_published_at = now
        changed.append("agenda_published_at")
    if minutes:
        approved = Meeting.MinutesStatus.APPROVED
        target = Meeting.MinutesStatus.DRAFT_PUBLISHED if minutes_draft else approved
        if meeting.minutes_status != target and meeting.minutes_status != approved:
            meeting.minutes_status = target
            changed.append("minutes_status")
        if meeting.minutes_published_at is None:
            meeting.minutes_published_at = now
            changed.append("minutes_published_at")
        if meeting.minutes_status == approved and meeting.minutes_approved_at is None:
            meeting.minutes_approved_at = now
            changed.append("minutes_approved_at")
    if changed:
        meeting.save()
    AgendaItem.objects.filter(pk__in=items, published_at__isnull=True).update(published_at=now)
    Document.objects.filter(pk__in=documents, published_at__isnull=True, is_exempt=False).update(
        published_at=now
    )
    return changed


class _Loader(ItemsLoader, PeopleLoader, DecisionLoader, ReviewLoader):
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
        if status:
            values["status"] = status
        if not parsed.items:
            values["is_listed"] = True
        if parsed.contacts and (officer := self._contact(parsed.contacts[0])):
            values["contact_officer_id"] = officer.pk
        meeting = self._sync(
            "meeting", meeting or Meeting(committee=committee), values, meeting is None
        )
        item_ids, document_ids, loaded = [], [], []
        self._prefetch(meeting, committee, day, parsed.items)
        for parsed_item in parsed.items:
            item = self._item(meeting, committee, day, parsed_item)
            item_ids.append(item.pk)
            loaded.append((parsed_item, item))
            document_ids.extend(self._documents(meeting, item, parsed_item.documents))
        document_ids.extend(self._documents(meeting, None, parsed.documents))
        for attendee in parsed.attendees:
            self._attendance(meeting, attendee)
        self._meeting_record(meeting, committee, parsed, loaded)
        if parsed.items:
            has_minutes = any(i.minutes_paragraphs or i.resolutions for i in parsed.items)
            publish_as_at_source(
                meeting,
                items=item_ids,
                documents=document_ids,
                minutes=has_minutes,
                minutes_draft=parsed.minutes_draft,
                now=self.now,
            )
            self.report.items += len(item_ids)
            if self.pdfs:
                self._printed_pdfs(meeting, changed=self._changes() > changes_before)

    def _printed_pdfs(self, meeting, *, changed):
        """Render the printed PDFs as publication would; only when this file changed the
        meeting (or they are missing), so re-importing the same file stays a no-op."""
        kinds = [*AGENDA_KINDS, *(MINUTES_KINDS if meeting.minutes_are_public else [])]
        have = set(
            meeting.documents.filter(is_generated=True, kind__in=kinds).values_list(
                "kind", flat=True
            )
        )
        if not changed and have == set(kinds):
            return
        try:
            result = generate_meeting_pdfs(meeting, kinds, now=self.now)
        except Exception as error:  # printed copies can be regenerated; the import stands
            logger.exception("Printed PDFs failed for meeting %s", meeting.pk)
            self.note(f"printed PDFs not generated ({type(error).__name__}): publish again later")
            return
        self.note("printed: " + ", ".join(doc.title.split(",")[0] for doc in result.documents))
        self.report.notes.extend(f"check: {message}" for message in result.problem_messages)
