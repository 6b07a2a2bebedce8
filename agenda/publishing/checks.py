"""The pre-release checklist, and the document rule that upload and release share.

A manager sees the checklist on the confirmation page before a step; its blocking lines
stop the step. The same `public_file_problems` refuses at upload a file that would block
release later, so a clerk learns at once.
"""

from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Q
from django.utils import timezone

from agenda.models import AgendaItem, Document, ForwardPlanEntry, Recommendation, Resolution
from agenda.models.meetings import Meeting
from agenda.models.sign_off import SignOffStage, missing_stages, needs_sign_off
from agenda.publishing import deadlines
from agenda.publishing.log import WORKFLOW_REASON
from agenda.publishing.pdf_safety import inspect_pdf, looks_like_pdf
from agenda.publishing.roles import is_person
from agenda.scanning.release import release_review

FOUR_EYES_LABEL = "Released by someone other than its last editor (four-eyes)"
# History fields that change on every save without being an edit of the record.
BOOKKEEPING_FIELDS = ["version", "updated_at"]


@dataclass
class Check:
    """One line of the pre-release checklist; `problems` empty means it passed."""

    label: str
    problems: list = field(default_factory=list)
    blocking: bool = True

    @property
    def ok(self):
        return not self.problems


# ---------------------------------------------------------------------------- documents


def public_file_problems(data, title):
    """Why a file could not be published as a public document (empty: it can be)."""
    if not looks_like_pdf(data):
        return [
            f"“{title}”: The file is not a PDF. Public documents are published as PDFs: "
            "save it as a PDF and upload that, or mark the document exempt."
        ]
    return [f"“{title}”: {problem}" for problem in inspect_pdf(data).problems]


def read_file(document):
    document.file.open("rb")
    try:
        return document.file.read()
    finally:
        document.file.close()


def public_documents(meeting, *, minutes):
    """The documents of `meeting` that go public with its agenda (and minutes)."""
    documents = Document.objects.filter(meeting=meeting, is_exempt=False).filter(
        Q(item__isnull=True) | Q(item__is_exempt=False)
    )
    if not minutes:
        documents = documents.exclude(kind__in=[Document.Kind.MINUTES, Document.Kind.DECISIONS])
    return documents.select_related("item")


# ------------------------------------------------------------------------------ four eyes


def _substantive(row):
    """Whether a history row changed the record: an add, a delete, or a change of some
    field other than the bookkeeping ones (a save that changes nothing is no edit)."""
    if row.history_type != "~":
        return True
    previous = row.prev_record
    if previous is None:
        return True
    return bool(row.diff_against(previous, excluded_fields=BOOKKEEPING_FIELDS).changes)


def _latest_substantive(history):
    rows = (
        history.exclude(history_change_reason=WORKFLOW_REASON)
        .filter(history_user__isnull=False)
        .order_by("-history_date")
        .select_related("history_user")
    )
    for row in rows.iterator(chunk_size=20):
        if _substantive(row):
            return row
    return None


def last_editor(meeting):
    """The user who last changed the meeting or anything on its agenda or minutes, as the
    history records it (workflow saves and saves that changed nothing excluded)."""
    items = AgendaItem.objects.filter(meeting=meeting).values("pk")
    candidates = [
        Meeting.history.filter(id=meeting.pk),
        AgendaItem.history.filter(meeting_id=meeting.pk),
        Recommendation.history.filter(item_id__in=items),
        Resolution.history.filter(item_id__in=items),
        # Generated PDFs are re-rendered by publishing itself: not an editor's change.
        Document.history.filter(meeting_id=meeting.pk, is_generated=False),
    ]
    latest = None
    for history in candidates:
        row = _latest_substantive(history)
        if row and (latest is None or row.history_date > latest.history_date):
            latest = row
    return latest.history_user if latest else None


def four_eyes_problem(meeting, actor):
    if not getattr(settings, "FOUR_EYES_RELEASE", True) or not is_person(actor):
        return None
    editor = last_editor(meeting)
    if editor is not None and editor.pk == actor.pk:
        return (
            "You made the last change to this meeting, so a second person must release it "
            "(four-eyes rule). Ask another democratic services manager to publish."
        )
    return None


# --------------------------------------------------------------------------- the checklist


def publication_checks(meeting, actor, what, *, now=None, late=None):
    """The checklist before releasing `what` ("agenda", "supplement", "minutes").
    `late`: whether the agenda deadline has passed, if the caller already knows."""
    now = now or timezone.now()
    checks = []
    items = list(meeting.items.all())
    if what == "supplement":
        items = [item for item in items if item.published_at is None]
    exempt = Check("Exempt (Part B) items give a Schedule 12A paragraph and a reason")
    for item in items:
        if item.is_exempt and not (item.exempt_paragraph and item.public_interest_reason.strip()):
            exempt.problems.append(
                f"Item {item.number}: “{item.plain_title}” is exempt but has no paragraph "
                "or no public interest reason."
            )
    checks.append(exempt)
    pdfs = Check("Public documents are real PDFs without JavaScript or attached files")
    for document in public_documents(meeting, minutes=what == "minutes"):
        if what == "supplement" and document.published_at is not None:
            continue
        try:
            data = read_file(document)
        except OSError:
            pdfs.problems.append(f"“{document.title}”: the file is missing from storage.")
            continue
        pdfs.problems.extend(public_file_problems(data, document.title))
    checks.append(pdfs)
    checks.extend(hidden_content_checks(meeting, what))
    if what in ("agenda", "supplement"):
        checks.append(key_decision_check(items, meeting))
    if getattr(settings, "REPORT_SIGN_OFF", False) and what in ("agenda", "supplement"):
        checks.append(sign_off_check(meeting, what))
    if what in ("agenda", "supplement") and is_person(actor):
        deadline = Check("Published within the clear-days deadline", blocking=False)
        if deadlines.is_late(meeting, now) if late is None else late:
            deadline.problems.append(deadlines.deadline_summary(meeting, now))
        checks.append(deadline)
    if is_person(actor):
        four_eyes = Check(FOUR_EYES_LABEL)
        problem = four_eyes_problem(meeting, actor)
        if problem:
            four_eyes.problems.append(problem)
        checks.append(four_eyes)
    return checks


def hidden_content_checks(meeting, what):
    """The hidden-content scanner's lines (agenda.scanning.release): leaks without a
    manager's recorded override block; warnings are listed."""
    unreleased = list(
        public_documents(meeting, minutes=what == "minutes").filter(published_at__isnull=True)
    )
    hidden = Check("Public documents hide nothing (or a manager recorded why they may)")
    notes = Check("Hidden-content warnings on public documents", blocking=False)
    hidden.problems, notes.problems = release_review(unreleased)
    return [hidden, notes]


def blocking_problems(checks):
    return [problem for check in checks if check.blocking for problem in check.problems]


def passed_labels(checks):
    return [f"OK: {check.label}" for check in checks if check.ok]


def sign_off_check(meeting, what):
    """Reports signed off at every stage, or released by a manager with a reason."""
    check = Check(
        "Reports are signed off (author, service head, finance, legal, democratic services)"
    )
    documents = public_documents(meeting, minutes=False).prefetch_related("sign_offs")
    for document in documents:
        if what == "supplement" and document.published_at is not None:
            continue
        if not needs_sign_off(document):
            continue
        missing = missing_stages(document)
        if missing:
            names = ", ".join(str(SignOffStage(stage).label).lower() for stage in missing)
            check.problems.append(
                f"“{document.title}” is not signed off: {names} still to come. Sign it off on "
                "its document page, or a manager can release it with a recorded reason."
            )
    return check


def key_decision_check(items, meeting):
    """Key decisions were on the forward plan 28 clear days ahead, or have an exception."""
    days = getattr(settings, "KEY_DECISION_NOTICE_DAYS", 28)
    check = Check(f"Key decisions gave {days} clear days' notice on the forward plan")
    for item in items:
        if not item.is_key_decision:
            continue
        entry = ForwardPlanEntry.objects.filter(item=item).first()
        problem = (
            "it has no forward plan entry" if entry is None else entry.notice_problem(meeting, days)
        )
        if problem:
            check.problems.append(
                f"Item {item.number}: “{item.plain_title}” is a key decision, but {problem}."
            )
    return check
