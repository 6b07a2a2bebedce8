"""Render once, serve many times: store the meeting's printed PDFs as generated Documents.

Called by agenda.publishing.effects when the agenda or minutes are published (and republished).
Public requests only ever stream these stored files."""

import datetime
from dataclasses import dataclass, field

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from agenda.models import Document
from agenda.printing.content import PrintSource
from agenda.printing.decisions import render_decisions
from agenda.printing.documents import render_frontsheet, render_minutes
from agenda.printing.pack import build_pack
from committees.dates import long_date

Kind = Document.Kind
AGENDA_KINDS = (Kind.AGENDA_FRONTSHEET, Kind.AGENDA_PACK)
MINUTES_KINDS = (Kind.MINUTES,)
DECISIONS_KINDS = (Kind.DECISIONS,)

TITLES = {
    Kind.AGENDA_FRONTSHEET: "Agenda frontsheet",
    Kind.AGENDA_PACK: "Public reports pack",
    Kind.MINUTES: "Printed minutes",
    Kind.DECISIONS: "Printed decisions",
}
FILE_STEMS = {
    Kind.AGENDA_FRONTSHEET: "agenda",
    Kind.AGENDA_PACK: "reports-pack",
    Kind.MINUTES: "minutes",
    Kind.DECISIONS: "decisions",
}


@dataclass
class GenerationResult:
    """What was stored, and any reports that could not go into the pack (for the clerk)."""

    documents: list = field(default_factory=list)
    problems: list = field(default_factory=list)  # (document title, what is wrong)

    @property
    def problem_messages(self):
        return [
            f"“{title}” could not be included in the reports pack: {why}."
            for title, why in self.problems
        ]


def pack_title(meeting):
    return f"Public reports pack: {meeting.committee.name}, {long_date(meeting.start)}"


def render_kind(meeting, kind, *, preview=False):
    """Render one printed document. Returns (pdf bytes, problems)."""
    source = PrintSource(meeting, preview=preview)
    if kind == Kind.AGENDA_FRONTSHEET:
        return render_frontsheet(source).content, []
    if kind == Kind.AGENDA_PACK:
        result = build_pack(source, title=pack_title(meeting))
        return result.content, result.problems
    if kind == Kind.MINUTES:
        return render_minutes(source).content, []
    if kind == Kind.DECISIONS:
        return render_decisions(meeting).content, []
    raise ValueError(f"No printed form for {kind}")


def download_name(meeting, kind):
    return f"{meeting.slug}-{FILE_STEMS[kind]}.pdf"


@transaction.atomic
def generate_meeting_pdfs(meeting, kinds, *, now=None, progress=None):
    """Render `kinds` from the meeting's public data and store each as the meeting's one
    generated Document of that kind, replacing an earlier version. `progress(label, done,
    total)`, if given, is told before each document is rendered."""
    now = now or timezone.now()
    result = GenerationResult()
    for number, kind in enumerate(kinds, start=1):
        if progress is not None:
            progress(f"rendering {TITLES[kind].lower()}", number, len(kinds))
        content, problems = render_kind(meeting, kind)
        result.problems.extend(problems)
        result.documents.append(_store(meeting, kind, content, now))
    return result


def _store(meeting, kind, content, now):
    document = (
        Document.objects.select_for_update()
        .filter(meeting=meeting, item=None, kind=kind, is_generated=True)
        .order_by("pk")  # the default ordering joins items, which FOR UPDATE refuses
        .first()
    ) or Document(meeting=meeting, kind=kind, is_generated=True)
    old_name = document.file.name if document.pk and document.file else ""
    document.title = f"{TITLES[kind]}, {meeting.committee.name}, {long_date(meeting.start)}"
    document.original_filename = download_name(meeting, kind)
    document.content_type = "application/pdf"
    # Published a moment in the past, so public() (published_at <= now) sees it at once.
    document.published_at = now - datetime.timedelta(microseconds=1)
    document.is_exempt = False
    document.file = ContentFile(content, name=document.original_filename)
    document.save()
    if old_name:
        storage = document.file.storage
        transaction.on_commit(lambda: storage.delete(old_name))
    return document
