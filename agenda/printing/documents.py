"""The frontsheet and the printed minutes: context from PrintSource, then one render."""

from django.utils import timezone

from agenda.printing import render


def _first_exempt(items):
    return next((entry for entry in items if not entry.open), None)


def _exempt_paragraphs(items):
    return sorted({entry.exempt_paragraph for entry in items if not entry.open})


def _document_title(source, kind):
    start = timezone.localtime(source.meeting.start)
    return f"{kind}: {source.meeting.committee.name}, {start:%-d %B %Y}"


def frontsheet_context(source, *, contents=None):
    items = source.items()
    return {
        **source.base_context(title=_document_title(source, "Agenda")),
        "items": items,
        "first_exempt": _first_exempt(items),
        "exempt_paragraphs": _exempt_paragraphs(items),
        "memberships": source.memberships(),
        "contributions": source.contributions(),
        "in_pack": contents is not None,
        "contents": contents or [],
    }


def render_frontsheet(source, *, contents=None):
    """The agenda frontsheet; with `contents`, the pack's first part (no own page footer)."""
    return render.render_pdf(
        "agenda/pdf/frontsheet.html", frontsheet_context(source, contents=contents)
    )


def render_minutes(source):
    meeting = source.meeting
    items = source.items(with_minutes=True)
    approved_at = meeting.minutes_approved_by_meeting
    context = {
        **source.base_context(title=_document_title(source, "Minutes")),
        "draft": meeting.minutes_are_draft,
        "items": items,
        "first_exempt": _first_exempt(items),
        "exempt_paragraphs": _exempt_paragraphs(items),
        "attendance": source.attendance(),
        "declarations": source.declarations(),
        "approved_at_meeting": approved_at,
        "approved_at_start": timezone.localtime(approved_at.start) if approved_at else None,
    }
    return render.render_pdf("agenda/pdf/minutes.html", context)
