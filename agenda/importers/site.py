"""A whole saved ModernGov site in one go: a folder as a crawler (wget, HTTrack, a browser's
"save page") leaves it, with committee, meeting, item, issue and decision pages and the
PDFs they link to.

Each page's old address comes from its canonical link or its file name ("mgAi.aspx@ID=9100
.html" is mgAi.aspx?ID=9100), and is kept so old links redirect. Pages are imported in an
order where what they refer to exists first (committees, meetings, issues, decisions). An
item's own page (mgAi) is merged into its meeting's list entry, so one item is saved once,
from its fullest copy. PDFs a page links to are attached to their Document records. Each
page is atomic on its own; a dry run rolls the whole folder back."""

import contextlib
import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urljoin, urlparse

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction

from agenda.importers.load import PARSERS, import_source, parse_source
from agenda.importers.meeting_rules import same_person
from agenda.importers.page import (
    COMMITTEE,
    DECISION,
    DECISIONS,
    ISSUE,
    ITEM,
    MEETING,
    PAGE_KINDS,
    page_name,
)
from agenda.importers.pdf_text import parse_pdf
from agenda.importers.records import SourceError
from agenda.importers.report import FileReport
from agenda.models import Document
from agenda.publishing.uploads import check_bytes

ORDER = [COMMITTEE, MEETING, ISSUE, ITEM, DECISION, DECISIONS]
PAGE_SUFFIXES = {".html", ".htm", ".xml", ".txt"}


@dataclass
class SavedPage:
    path: Path
    url: str
    kind: str


@dataclass
class SiteReport:
    """What a folder import did: one report per page, the PDFs attached, files skipped."""

    files: list[FileReport] = field(default_factory=list)
    attached: int = 0
    attached_unchanged: int = 0
    skipped: list[str] = field(default_factory=list)
    dry_run: bool = False

    @property
    def failed(self):
        return [report for report in self.files if not report.ok]


def address_of(path, folder, base_url):
    """The page's old address from its place in the folder: "mgAi.aspx@ID=9100.html" in
    folder "democracy.example.gov.uk" is https://democracy.example.gov.uk/mgAi.aspx?ID=9100."""
    relative = path.relative_to(folder).as_posix()
    if ".aspx" in relative:
        stem, _, rest = relative.partition(".aspx")
        rest = rest.replace("@", "?", 1) if "?" not in rest else rest
        for suffix in (".html", ".htm"):
            rest = rest.removesuffix(suffix)
        relative = f"{stem}.aspx{rest}"
    return urljoin(base_url, relative) if base_url else relative


def default_base(folder):
    """A folder named like a host ("democracy.example.gov.uk") gives the site's address."""
    name = Path(folder).name
    return f"https://{name}/" if "." in name and " " not in name else ""


def saved_pages(folder, base_url):
    pages, skipped = [], []
    for path in sorted(p for p in Path(folder).rglob("*") if p.is_file()):
        suffix = path.suffix.lower()
        is_page = suffix in PAGE_SUFFIXES or (".aspx" in path.name and suffix != ".pdf")
        if not is_page:
            continue
        url = address_of(path, folder, base_url)
        kind = PAGE_KINDS.get(page_name(url))
        if kind is None:
            skipped.append(f"{path.relative_to(folder)}: not a page Minutebook imports")
            continue
        pages.append(SavedPage(path, url, kind))
    pages.sort(key=lambda page: (ORDER.index(page.kind), str(page.path)))
    return pages, skipped


def import_site(folder, *, base_url=None, dry_run=False, progress=None, now=None):
    """Import every page of a saved site folder, then attach the PDFs they link to."""
    folder = Path(folder).resolve()
    base_url = base_url if base_url is not None else default_base(folder)
    pages, skipped = saved_pages(folder, base_url)
    report = SiteReport(skipped=skipped, dry_run=dry_run)
    # A dry run reads the folder inside one transaction rolled back at the end, so later
    # pages still find what earlier ones would create; a real run commits page by page.
    with transaction.atomic() if dry_run else contextlib.nullcontext():
        parsed = _parse_all(pages, folder, report)
        _attendance_from_printed_minutes(parsed, folder, base_url)
        total = len(parsed) + 1
        for done, (page, source) in enumerate(parsed, start=1):
            if progress:
                progress(done, total, str(page.path.relative_to(folder)))
            name = str(page.path.relative_to(folder))
            file_report = import_source(name, lambda s=source: s, now=now)
            file_report.dry_run = dry_run
            report.files.append(file_report)
        if progress:
            progress(total, total, "attaching PDFs")
        _attach_pdfs(folder, base_url, report, dry_run=dry_run)
        if dry_run:
            transaction.set_rollback(True)
    return report


def _parse_all(pages, folder, report):
    """(page, ParsedSource) in import order, item pages merged into their meetings."""
    parsed, item_pages = [], {}
    for page in pages:
        name = str(page.path.relative_to(folder))
        try:
            source = parse_source(_parser_name(page.path), page.path.read_bytes(), url=page.url)
        except SourceError as error:
            report.files.append(FileReport(name=name, error=str(error)))
            continue
        except OSError as error:
            report.files.append(FileReport(name=name, error=f"Cannot read the file ({error})."))
            continue
        if page.kind == ITEM and source.meetings and source.meetings[0].items:
            item_pages[source.meetings[0].items[0].external_id or name] = (page, source)
        parsed.append((page, source))
    merged = set()
    for page, source in parsed:
        if page.kind != MEETING:
            continue  # issue pages only lend their topic (below)
        for meeting in source.meetings:
            for index, item in enumerate(meeting.items):
                if item.external_id and item.external_id in item_pages:
                    own_page, own = item_pages[item.external_id]
                    meeting.items[index] = merge_item(item, own.meetings[0].items[0])
                    merged.add(own_page.path)
    for page in sorted(merged):
        report.skipped.append(f"{page.relative_to(folder)}: merged into its meeting's page")
    kept = [(page, source) for page, source in parsed if page.path not in merged]
    _issues_as_topics(kept)
    return kept


def _issues_as_topics(parsed):
    """An issue page names items its meetings' pages already hold: they take the issue as
    their topic, and the issue page adds only the items no meeting page has."""
    listed = {}
    for page, source in parsed:
        if page.kind in (MEETING, ITEM):
            for meeting in source.meetings:
                for item in meeting.items:
                    listed[item.external_id or _key(meeting, item)] = item
    for page, source in parsed:
        if page.kind != ISSUE:
            continue
        for meeting in source.meetings:
            rest = []
            for item in meeting.items:
                known = listed.get(item.external_id) or listed.get(_key(meeting, item))
                if known is None:
                    rest.append(item)
                    continue
                known.topic, known.topic_external_id = item.topic, item.topic_external_id
                known.report.recognise(f"followed as the issue “{item.topic[:60]}”")
            meeting.items = rest
        source.meetings = [m for m in source.meetings if m.items]
        if not source.meetings:
            source.meetings = []


def _attendance_from_printed_minutes(parsed, folder, base_url):
    """A meeting page seldom lists who came; its printed minutes do ("Present: …")."""
    for page, source in parsed:
        if page.kind != MEETING:
            continue
        for meeting in source.meetings:
            printed = [d for d in meeting.documents if "minutes" in d.title.lower()]
            path = next((p for d in printed if (p := _local_file(folder, base_url, d.url))), None)
            if path is None:
                continue
            try:
                minutes = parse_pdf(path.read_bytes())
            except (SourceError, OSError):
                continue
            for attendee in (a for m in minutes.meetings for a in m.attendees):
                if not any(same_person(attendee.name, a.name) for a in meeting.attendees):
                    meeting.attendees.append(attendee)


def _key(meeting, item):
    return (meeting.committee.lower(), meeting.date, item.title.lower())


def _parser_name(path):
    """Saved pages may have no .html suffix ("mgAi.aspx?ID=1"): read them as HTML."""
    return path.name if path.suffix.lower() in PARSERS else f"{path.name}.html"


def merge_item(listed, own):
    """The item's own page has its fullest text; the meeting page knows its number, its
    place in private business and the declarations made on it elsewhere."""
    own.number = listed.number or own.number
    own.kind = listed.kind or own.kind
    own.after_private_heading = listed.after_private_heading
    if listed.is_restricted:
        own.is_restricted = True
        own.restricted_paragraph = own.restricted_paragraph or listed.restricted_paragraph
    own.documents = own.documents or listed.documents
    for text in listed.report.recognised:
        own.report.recognise(text)
    for text in listed.report.guessed:
        if "no title" not in text:
            own.report.guess(text)
    own.report.recognise("merged with the item's own page")
    return own


def _local_file(folder, base_url, url):
    """The saved copy of a linked file, if the crawl kept it."""
    parsed = urlparse(url)
    if base_url and not url.startswith(base_url):
        return None
    relative = unquote(parsed.path.lstrip("/"))
    base_path = unquote(urlparse(base_url).path.lstrip("/")) if base_url else ""
    relative = relative.removeprefix(base_path)
    candidates = [relative]
    if parsed.query:
        candidates = [f"{relative}?{parsed.query}", f"{relative}@{parsed.query}", relative]
    for candidate in [*candidates, *(f"{c}.pdf" for c in candidates)]:
        path = (folder / candidate).resolve()
        if path.is_file() and path.is_relative_to(folder):
            return path
    return None


def _attach_pdfs(folder, base_url, report, *, dry_run):
    documents = Document.objects.filter(is_generated=False).exclude(source_url="")
    for document in documents.select_related("meeting"):
        path = _local_file(folder, base_url, document.source_url)
        if path is None:
            continue
        data = path.read_bytes()
        if document.sha256 == hashlib.sha256(data).hexdigest():
            report.attached_unchanged += 1
            continue
        try:
            checked = check_bytes(data, path.name)
        except ValidationError as error:
            report.skipped.append(f"{path.relative_to(folder)}: not attached ({error.messages[0]})")
            continue
        report.attached += 1
        if dry_run:
            continue
        document.content_type = checked.content_type
        document.original_filename = checked.filename
        document.file.save(checked.filename, ContentFile(data), save=False)
        document.save()
