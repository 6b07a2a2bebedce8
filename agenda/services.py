"""The publishing workflow of a meeting. Admin actions, views and loaders call these
functions; nothing else changes publication state.

States: agenda draft -> agenda published -> (supplement published) -> meeting held ->
minutes draft -> draft minutes published -> minutes approved (locked). Cancel or postpone
any time before the meeting. Every step checks the user's permission and the meeting's
state, and writes a `Transition` row (who, when, from, to, why).
"""

from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from agenda import deadlines
from agenda.models import (
    AgendaItem,
    Document,
    Erratum,
    Meeting,
    Recommendation,
    Resolution,
    Transition,
)
from agenda.pdf.publish import AGENDA_KINDS, MINUTES_KINDS, generate_meeting_pdfs
from agenda.pdf_safety import inspect_pdf, strip_metadata
from agenda.scanning.release import release_problems, release_warnings
from agenda.search.indexing import refresh_search_for_meeting
from minutes_site.audit import log_event

PUBLISH_PERMISSION = "agenda.publish_meeting"
EDIT_PERMISSION = "agenda.change_meeting"
# Saves made by these functions carry this change reason, so they never count as an
# "edit" for the four-eyes rule.
WORKFLOW_REASON = "workflow"


def _require(user, permission, doing):
    if user is None or not user.has_perm(permission):
        who = "a democratic services manager" if permission == PUBLISH_PERMISSION else "a clerk"
        raise PermissionDenied(f"Only {who} can {doing}. Ask a colleague who has that role.")


def _state(meeting):
    return f"{meeting.status}/{meeting.agenda_status}/{meeting.minutes_status}"


def _workflow_save(obj, **kwargs):
    obj._change_reason = WORKFLOW_REASON
    obj.save(**kwargs)


def _log(meeting, kind, user, before, *, now, reason="", checks=()):
    # The security audit log gets the event too (same names as the transition kinds).
    audit_name = {Transition.Kind.DRAFT_MINUTES_PUBLISHED: "minutes_published"}.get(kind, kind)
    log_event(
        str(audit_name),
        user=user,
        meeting=meeting.slug,
        meeting_id=meeting.pk,
        approved=kind == Transition.Kind.MINUTES_APPROVED,
    )
    return Transition.objects.create(
        meeting=meeting,
        kind=kind,
        from_state=before,
        to_state=_state(meeting),
        user=user if getattr(user, "pk", None) else None,
        at=now,
        reason=reason,
        checks="\n".join(checks),
    )


def _locked(meeting):
    return Meeting.objects.select_for_update().select_related("committee").get(pk=meeting.pk)


# ---------------------------------------------------------------------------- post-publish


def _after_publish(meeting, what, *, now):
    """Steps that follow any publication (`what` is "agenda", "supplement", "minutes" or
    "notice"). Other parts of Minutebook hook in here, one call each (e.g. the search
    index). Runs inside the publishing transaction, so a failure leaves nothing half done.
    """
    kinds = {"agenda": AGENDA_KINDS, "supplement": AGENDA_KINDS, "minutes": MINUTES_KINDS}
    if what in kinds:
        # Printed agenda/pack or minutes, rendered once now and served from storage; the
        # admin shows `pdf_generation.problem_messages` as warnings.
        meeting.pdf_generation = generate_meeting_pdfs(meeting, kinds[what], now=now)
    # Whatever became public (or was called off) is searchable at once, and nothing else.
    refresh_search_for_meeting(meeting)


# ------------------------------------------------------------------------------ four eyes


def last_editor(meeting):
    """The user who last changed the meeting or anything on its agenda or minutes, as the
    history records it (workflow saves excluded); None if unknown."""
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
        row = (
            history.exclude(history_change_reason=WORKFLOW_REASON)
            .filter(history_user__isnull=False)
            .order_by("-history_date")
            .select_related("history_user")
            .first()
        )
        if row and (latest is None or row.history_date > latest.history_date):
            latest = row
    return latest.history_user if latest else None


def _four_eyes_problem(meeting, user):
    if not getattr(settings, "FOUR_EYES_RELEASE", True):
        return None
    editor = last_editor(meeting)
    if editor is not None and editor.pk == user.pk:
        return (
            "You made the last change to this meeting, so a second person must release it "
            "(four-eyes rule). Ask another democratic services manager to publish."
        )
    return None


# --------------------------------------------------------------------------------- checks


@dataclass
class Check:
    """One line of the pre-release checklist; `problems` empty means it passed."""

    label: str
    problems: list = field(default_factory=list)
    blocking: bool = True

    @property
    def ok(self):
        return not self.problems


def _public_documents(meeting, *, minutes):
    documents = Document.objects.filter(meeting=meeting, is_exempt=False).filter(
        Q(item__isnull=True) | Q(item__is_exempt=False)
    )
    if not minutes:
        documents = documents.exclude(kind__in=[Document.Kind.MINUTES, Document.Kind.DECISIONS])
    return documents.select_related("item")


def _read(document):
    document.file.open("rb")
    try:
        return document.file.read()
    finally:
        document.file.close()


def publication_checks(meeting, user, what, *, now=None):
    """The checklist a manager sees before releasing `what` ("agenda", "supplement",
    "minutes"). Blocking problems stop the release."""
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
    for document in _public_documents(meeting, minutes=what == "minutes"):
        if what == "supplement" and document.published_at is not None:
            continue
        try:
            data = _read(document)
        except OSError:
            pdfs.problems.append(f"“{document.title}”: the file is missing from storage.")
            continue
        inspection = inspect_pdf(data)
        for problem in inspection.problems:
            pdfs.problems.append(f"“{document.title}”: {problem}")
    checks.append(pdfs)
    checks.extend(hidden_content_checks(meeting, what))
    if what in ("agenda", "supplement") and user is not None:
        late = Check("Published within the clear-days deadline", blocking=False)
        if deadlines.is_late(meeting, now):
            late.problems.append(deadlines.deadline_summary(meeting, now))
        checks.append(late)
    if user is not None:
        four_eyes = Check("Released by someone other than its last editor (four-eyes)")
        problem = _four_eyes_problem(meeting, user)
        if problem:
            four_eyes.problems.append(problem)
        checks.append(four_eyes)
    return checks


def hidden_content_checks(meeting, what):
    """The hidden-content scanner's lines of the checklist (agenda.scanning.release):
    leaks without a manager's recorded override block; warnings are listed."""
    unreleased = list(
        _public_documents(meeting, minutes=what == "minutes").filter(published_at__isnull=True)
    )
    hidden = Check("Public documents hide nothing (or a manager recorded why they may)")
    hidden.problems = release_problems(unreleased)
    notes = Check("Hidden-content warnings on public documents", blocking=False)
    notes.problems = release_warnings(unreleased)
    return [hidden, notes]


def _enforce_checks(checks):
    problems = [p for check in checks if check.blocking for p in check.problems]
    if problems:
        raise ValidationError(["Not published, because:", *problems])
    return [f"OK: {check.label}" for check in checks if check.ok]


def _release_documents(meeting, now, *, minutes, only_unpublished_items=False):
    """Publish public documents: metadata stripped from the copy the public downloads."""
    for document in _public_documents(meeting, minutes=minutes).filter(published_at__isnull=True):
        data = _read(document)
        if inspect_pdf(data).ok:
            cleaned = strip_metadata(data, title=document.title)
            if cleaned != data:
                document.file.save(f"{document.slug}.pdf", ContentFile(cleaned), save=False)
        document.published_at = now
        _workflow_save(document)


def _urgency_needed(meeting, now, urgency_reason):
    if deadlines.is_late(meeting, now) and not urgency_reason.strip():
        deadline = timezone.localtime(deadlines.agenda_deadline(meeting))
        raise ValidationError(
            "The agenda deadline (end of %(deadline)s, five clear working days before the "
            "meeting) has passed. Publishing late is allowed only with the special "
            "circumstances of urgency recorded: give a reason.",
            params={"deadline": f"{deadline:%A %-d %B %Y}"},
            code="late",
        )


def _refuse_called_off(meeting):
    if meeting.is_called_off:
        raise ValidationError(
            "%(meeting)s is %(status)s; its agenda and minutes cannot be published.",
            params={"meeting": meeting, "status": meeting.get_status_display().lower()},
        )


# ------------------------------------------------------------------------------ the agenda


@transaction.atomic
def agenda_publish(*, meeting, user, urgency_reason="", now=None):
    """Publish a meeting's agenda: the meeting, its items and their public documents.

    Refused if already published, if the meeting is called off, if the checks fail, if
    the deadline has passed without a reason of urgency, or (four-eyes) if `user` made
    the last change. A meeting that is not the committee's first gets the standard item
    "Minutes of the previous meeting" if it lacks one."""
    _require(user, PUBLISH_PERMISSION, "publish an agenda")
    now = now or timezone.now()
    meeting = _locked(meeting)
    if meeting.agenda_is_public:
        raise ValidationError(
            "The agenda of %(meeting)s is already published. Items added since are "
            "published with “Publish supplement”.",
            params={"meeting": meeting},
            code="wrong_state",
        )
    _refuse_called_off(meeting)
    add_standard_items(meeting=meeting, user=user)
    passed = _enforce_checks(publication_checks(meeting, user, "agenda", now=now))
    _urgency_needed(meeting, now, urgency_reason)
    before = _state(meeting)
    meeting.agenda_status = Meeting.AgendaStatus.PUBLISHED
    meeting.agenda_published_at = now
    if deadlines.is_late(meeting, now):
        meeting.late_publication_reason = urgency_reason.strip()
    _workflow_save(meeting)
    for item in meeting.items.filter(published_at__isnull=True):
        item.published_at = now
        _workflow_save(item)
    _release_documents(meeting, now, minutes=False)
    _log(
        meeting,
        Transition.Kind.AGENDA_PUBLISHED,
        user,
        before,
        now=now,
        reason=meeting.late_publication_reason,
        checks=passed,
    )
    _after_publish(meeting, "agenda", now=now)
    return meeting


@transaction.atomic
def supplement_publish(*, meeting, user, urgency_reason="", now=None):
    """Publish items (and documents) added after the agenda went out, as a supplement.
    After the deadline each new item needs the reason of urgency, stored on the item."""
    _require(user, PUBLISH_PERMISSION, "publish a supplement")
    now = now or timezone.now()
    meeting = _locked(meeting)
    if not meeting.agenda_is_public:
        raise ValidationError(
            "Publish the agenda first: a supplement adds to a published agenda.",
            code="wrong_state",
        )
    if meeting.status != Meeting.Status.SCHEDULED:
        raise ValidationError(
            "%(meeting)s is no longer scheduled; a supplement cannot be published.",
            params={"meeting": meeting},
            code="wrong_state",
        )
    new_items = list(meeting.items.filter(published_at__isnull=True))
    new_documents = _public_documents(meeting, minutes=False).filter(published_at__isnull=True)
    if not new_items and not new_documents.exists():
        raise ValidationError("There is nothing new to publish as a supplement.")
    passed = _enforce_checks(publication_checks(meeting, user, "supplement", now=now))
    late = deadlines.is_late(meeting, now)
    if late:
        _urgency_needed(meeting, now, urgency_reason)
    before = _state(meeting)
    for item in new_items:
        item.is_supplement = True
        item.published_at = now
        if late and not item.urgency_reason.strip():
            item.is_urgent = True
            item.urgency_reason = urgency_reason.strip()
        _workflow_save(item)
    _release_documents(meeting, now, minutes=False)
    meeting.agenda_status = Meeting.AgendaStatus.SUPPLEMENT_PUBLISHED
    _workflow_save(meeting)
    _log(
        meeting,
        Transition.Kind.SUPPLEMENT_PUBLISHED,
        user,
        before,
        now=now,
        reason=urgency_reason.strip() if late else "",
        checks=passed,
    )
    _after_publish(meeting, "supplement", now=now)
    return meeting


def previous_meeting(meeting):
    """The same committee's meeting before this one that was (or will be) held."""
    return (
        Meeting.objects.filter(committee=meeting.committee, start__lt=meeting.start)
        .exclude(status__in=Meeting.CALLED_OFF_STATES)
        .order_by("-start")
        .first()
    )


@transaction.atomic
def add_standard_items(*, meeting, user):
    """Give the agenda the standard item "Minutes of the previous meeting", linked to the
    committee's previous meeting, unless it has one (or there is no previous meeting).
    Returns the item created, or None."""
    _require(user, EDIT_PERMISSION, "change an agenda")
    prior = previous_meeting(meeting)
    if prior is None or meeting.items.filter(kind=AgendaItem.Kind.PREVIOUS_MINUTES).exists():
        return None
    local = timezone.localtime(prior.start)
    item = AgendaItem(
        meeting=meeting,
        position=meeting.next_item_position(),
        kind=AgendaItem.Kind.PREVIOUS_MINUTES,
        title="Minutes of the previous meeting",
        agenda_text=(
            f"<p>To approve as a correct record the minutes of the meeting held on "
            f"{local:%-d %B %Y}.</p>"
        ),
        previous_minutes_of=prior,
    )
    _workflow_save(item)
    return item


# ------------------------------------------------------------------------ before the meeting


def _call_off(meeting, user, notice, now, status, kind, verb):
    _require(user, PUBLISH_PERMISSION, f"{verb} a meeting")
    now = now or timezone.now()
    meeting = _locked(meeting)
    if meeting.status != Meeting.Status.SCHEDULED or meeting.start <= now:
        raise ValidationError(
            "Only a scheduled meeting that has not yet started can be %(verb)s; "
            "%(meeting)s is %(status)s.",
            params={
                "verb": "cancelled" if verb == "cancel" else "postponed",
                "meeting": meeting,
                "status": (
                    meeting.get_status_display().lower()
                    if meeting.status != Meeting.Status.SCHEDULED
                    else "already under way or over"
                ),
            },
            code="wrong_state",
        )
    if not notice.strip():
        raise ValidationError("Write the public notice that tells residents what happened.")
    before = _state(meeting)
    meeting.status = status
    meeting.status_notice = notice.strip()
    meeting.is_listed = True
    _workflow_save(meeting)
    _log(meeting, kind, user, before, now=now, reason=meeting.status_notice)
    _after_publish(meeting, "notice", now=now)
    return meeting


@transaction.atomic
def meeting_cancel(*, meeting, user, notice, now=None):
    """Cancel a meeting before it starts, with a public notice (shown even if the agenda
    was never published)."""
    return _call_off(
        meeting, user, notice, now, Meeting.Status.CANCELLED, Transition.Kind.CANCELLED, "cancel"
    )


@transaction.atomic
def meeting_postpone(*, meeting, user, notice, now=None):
    """Postpone a meeting before it starts, with a public notice."""
    return _call_off(
        meeting, user, notice, now, Meeting.Status.POSTPONED, Transition.Kind.POSTPONED, "postpone"
    )


# -------------------------------------------------------------------------------- minutes


@transaction.atomic
def meeting_held(*, meeting, user, now=None):
    """Record that the meeting took place, and open its minutes as a draft."""
    _require(user, EDIT_PERMISSION, "record a meeting as held")
    now = now or timezone.now()
    meeting = _locked(meeting)
    if meeting.status != Meeting.Status.SCHEDULED:
        raise ValidationError(
            "%(meeting)s is %(status)s, so it cannot be recorded as held.",
            params={"meeting": meeting, "status": meeting.get_status_display().lower()},
            code="wrong_state",
        )
    if meeting.start > now:
        raise ValidationError(
            "%(meeting)s has not started yet.", params={"meeting": meeting}, code="too_early"
        )
    if not meeting.agenda_is_public:
        raise ValidationError(
            "The agenda of %(meeting)s was never published; publish it (late, with a reason) "
            "before recording the meeting as held.",
            params={"meeting": meeting},
            code="wrong_state",
        )
    before = _state(meeting)
    meeting.status = Meeting.Status.HELD
    if meeting.minutes_status == Meeting.MinutesStatus.NONE:
        meeting.minutes_status = Meeting.MinutesStatus.DRAFT
    _workflow_save(meeting)
    _log(meeting, Transition.Kind.HELD, user, before, now=now)
    return meeting


@transaction.atomic
def minutes_publish(*, meeting, user, approved=False, approved_by_meeting=None, now=None):
    """Publish a held meeting's minutes as a draft (the normal step; approval then comes
    from the next meeting, see `approve_previous_minutes`).

    `approved=True` publishes minutes already approved elsewhere (e.g. loading a
    council's back catalogue), stamped with `approved_by_meeting` when known. A meeting
    whose start has passed but is still "scheduled" is recorded as held first."""
    _require(user, PUBLISH_PERMISSION, "publish minutes")
    now = now or timezone.now()
    meeting = _locked(meeting)
    if not meeting.agenda_is_public:
        raise ValidationError("Publish the agenda before the minutes.", code="wrong_state")
    if meeting.status == Meeting.Status.SCHEDULED and meeting.start <= now:
        meeting = meeting_held(meeting=meeting, user=user, now=now)
    if meeting.status not in (Meeting.Status.HELD, Meeting.Status.ADJOURNED):
        raise ValidationError(
            "%(meeting)s has not been held, so it has no minutes to publish.",
            params={"meeting": meeting},
            code="wrong_state",
        )
    allowed = [Meeting.MinutesStatus.NONE, Meeting.MinutesStatus.DRAFT]
    if approved:
        allowed.append(Meeting.MinutesStatus.DRAFT_PUBLISHED)
    if meeting.minutes_status not in allowed:
        raise ValidationError(
            "The minutes of %(meeting)s are already %(status)s.",
            params={"meeting": meeting, "status": meeting.get_minutes_status_display().lower()},
            code="wrong_state",
        )
    passed = _enforce_checks(publication_checks(meeting, user, "minutes", now=now))
    before = _state(meeting)
    meeting.minutes_published_at = meeting.minutes_published_at or now
    if approved:
        meeting.minutes_status = Meeting.MinutesStatus.APPROVED
        meeting.minutes_approved_at = now
        meeting.minutes_approved_by_meeting = approved_by_meeting
        kind = Transition.Kind.MINUTES_APPROVED
    else:
        meeting.minutes_status = Meeting.MinutesStatus.DRAFT_PUBLISHED
        kind = Transition.Kind.DRAFT_MINUTES_PUBLISHED
    _workflow_save(meeting)
    _release_documents(meeting, now, minutes=True)
    _log(meeting, kind, user, before, now=now, checks=passed)
    _after_publish(meeting, "minutes", now=now)
    return meeting


@transaction.atomic
def approve_previous_minutes(*, item, user, corrections="", now=None):
    """Record the committee's resolution on a "Minutes of the previous meeting" item and
    approve those minutes: stamped with this meeting, locked, printed copy regenerated.

    Corrections agreed at the meeting go into the resolution's text (the clerk makes
    them in the draft before approving); after approval only an erratum can correct."""
    _require(user, PUBLISH_PERMISSION, "approve minutes")
    now = now or timezone.now()
    item = AgendaItem.objects.select_related("meeting").get(pk=item.pk)
    if item.kind != AgendaItem.Kind.PREVIOUS_MINUTES or item.previous_minutes_of_id is None:
        raise ValidationError(
            "Only a “Minutes of the previous meeting” item linked to a meeting can approve minutes."
        )
    if item.meeting.status != Meeting.Status.HELD:
        raise ValidationError(
            "Minutes are approved by the committee at its meeting: record %(meeting)s as "
            "held first.",
            params={"meeting": item.meeting},
            code="wrong_state",
        )
    prior = _locked(item.previous_minutes_of)
    if prior.minutes_status != Meeting.MinutesStatus.DRAFT_PUBLISHED:
        raise ValidationError(
            "The minutes of %(prior)s are %(status)s; only published draft minutes can be "
            "approved.",
            params={"prior": prior, "status": prior.get_minutes_status_display().lower()},
            code="wrong_state",
        )
    local = timezone.localtime(prior.start)
    text = (
        f"<p>That the minutes of the meeting held on {local:%-d %B %Y} be approved as a "
        "correct record"
    )
    text += (
        f", subject to the following corrections: {corrections.strip()}</p>"
        if corrections.strip()
        else ".</p>"
    )
    resolution = item.resolutions.order_by("position").first()
    if resolution is None:
        resolution = Resolution(item=item, position=1, text=text)
    elif corrections.strip():
        resolution.text = text
    resolution.outcome = Resolution.Outcome.CARRIED
    _workflow_save(resolution)
    before = _state(prior)
    prior.minutes_status = Meeting.MinutesStatus.APPROVED
    prior.minutes_approved_at = now
    prior.minutes_approved_by_meeting = item.meeting
    _workflow_save(prior)
    _log(prior, Transition.Kind.MINUTES_APPROVED, user, before, now=now, reason=corrections)
    _after_publish(prior, "minutes", now=now)
    return prior


@transaction.atomic
def record_erratum(*, meeting, user, text, item=None, now=None):
    """Correct approved minutes the only permitted way: a dated, public erratum."""
    _require(user, PUBLISH_PERMISSION, "record an erratum")
    now = now or timezone.now()
    meeting = _locked(meeting)
    if not meeting.minutes_locked:
        raise ValidationError(
            "The minutes of %(meeting)s are not approved yet: correct the draft instead.",
            params={"meeting": meeting},
            code="wrong_state",
        )
    if item is not None and item.meeting_id != meeting.pk:
        raise ValidationError("That item belongs to another meeting.")
    if not text.strip():
        raise ValidationError("Write the correction.")
    erratum = Erratum.objects.create(
        meeting=meeting, item=item, text=text.strip(), recorded_by=user, published_at=now
    )
    _log(meeting, Transition.Kind.ERRATUM, user, _state(meeting), now=now, reason=erratum.text)
    _after_publish(meeting, "minutes", now=now)
    return erratum
