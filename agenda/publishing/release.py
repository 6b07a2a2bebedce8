"""Putting items and documents out: what a publication marks as published, and how.

The checklist (checks.py) has already refused anything unsafe, so each public PDF is
parsed once more only to remove its metadata for the public copy.
"""

from django.core.files.base import ContentFile

from agenda.publishing.checks import public_documents, read_file
from agenda.publishing.log import workflow_save
from agenda.publishing.pdf_safety import looks_like_pdf, strip_metadata


def release_items(meeting, now, *, supplement=False, urgency_reason=""):
    """Mark the meeting's unpublished items as published at `now`; returns them."""
    items = list(meeting.items.filter(published_at__isnull=True))
    for item in items:
        item.published_at = now
        if supplement:
            item.is_supplement = True
            if urgency_reason and not item.urgency_reason.strip():
                item.is_urgent = True
                item.urgency_reason = urgency_reason
        workflow_save(item)
    return items


def release_documents(meeting, now, *, minutes):
    """Publish public documents not yet published: metadata stripped from the copy the
    public downloads. Returns the documents released."""
    released = []
    for document in public_documents(meeting, minutes=minutes).filter(published_at__isnull=True):
        data = read_file(document)
        if looks_like_pdf(data):
            cleaned = strip_metadata(data, title=document.title)
            if cleaned != data:
                document.file.save(f"{document.slug}.pdf", ContentFile(cleaned), save=False)
        document.published_at = now
        workflow_save(document)
        released.append(document)
    return released
