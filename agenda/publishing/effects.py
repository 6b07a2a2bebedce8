"""What follows every publication, in one place: printed PDFs, the search index, caches.

Each step calls `after_publish` once, inside its transaction, so a failure leaves nothing
half done; the workflow log and the audit event are written by the step itself (log.py).
Anything new that must follow a publication hooks in here, one call each.
"""

from dataclasses import dataclass, field

from agenda.caching.invalidation import meeting_changed
from agenda.models import Document
from agenda.notices.compose import after_publication as write_notices
from agenda.printing.publish import (
    AGENDA_KINDS,
    DECISIONS_KINDS,
    MINUTES_KINDS,
    generate_meeting_pdfs,
)
from agenda.publishing.public_files import meetings_changed
from agenda.search.indexing import refresh_search_for_meeting

# What a step makes public, and which printed documents say it.
PRINTED = {
    "agenda": AGENDA_KINDS,
    "supplement": AGENDA_KINDS,
    "minutes": MINUTES_KINDS,
    "decisions": DECISIONS_KINDS,
    "all": (*AGENDA_KINDS, *MINUTES_KINDS, *DECISIONS_KINDS),
}


@dataclass
class Outputs:
    """What `after_publish` produced: printed documents and anything to tell the clerk."""

    documents: list = field(default_factory=list)
    problem_messages: list = field(default_factory=list)
    emails: list = field(default_factory=list)


def printed_kinds(meeting, what):
    """The printed documents `what` needs; "all" keeps to what the meeting has public."""
    if what == "all":
        kinds = list(AGENDA_KINDS) if meeting.agenda_is_public else []
        kinds += list(MINUTES_KINDS) if meeting.minutes_are_public else []
        # A decision notice once printed is reprinted too (an item made exempt leaves it);
        # an imported meeting keeps the printed decisions it came with.
        printed = Document.objects.filter(
            meeting=meeting, item=None, kind__in=DECISIONS_KINDS, is_generated=True
        )
        return kinds + (list(DECISIONS_KINDS) if printed.exists() else [])
    return list(PRINTED.get(what, ()))


def after_publish(meeting, what, *, now, progress=None, change=""):
    """Effects of a publication. `what`: "agenda", "supplement", "minutes", "decisions"
    (the decision notice), "all" (a change
    that alters every printed copy: a date moved, an item made exempt) or "notice".
    `progress(label, done, total)` hears about each printed document as it is rendered."""
    outputs = Outputs()
    kinds = printed_kinds(meeting, what)
    if kinds:
        generation = generate_meeting_pdfs(meeting, kinds, now=now, progress=progress)
        outputs.documents = generation.documents
        outputs.problem_messages = list(generation.problem_messages)
    # Whatever became public (or was called off, or hidden) is searchable at once, and
    # nothing else.
    refresh_search_for_meeting(meeting)
    # With files in a bucket: public copies of exactly the public documents, once this
    # transaction commits (agenda/publishing/public_files.py).
    meetings_changed([meeting.pk])
    # Members are summoned and told of changes; subscribers hear of what went public. The
    # messages are written now and sent by the worker once this transaction commits.
    outputs.emails = write_notices(meeting, what, now=now, change=change)
    # Cached public pages that show the meeting (and the site's lists, feeds, search) are
    # retired when this commits, including what was written without a model signal.
    meeting_changed(meeting)
    return outputs
