"""Standard items every agenda carries, offered rather than retyped, in the standard order
of business (agenda.models.numbering): apologies, declarations, minutes of the previous
meeting, public questions, the business, the resolution excluding the public, then the
exempt items.

Which ones a committee's agendas are offered, with what title and text, is its agenda
template (AgendaTemplateItem); a committee without one gets the council's standard set.
"""

from django.core.exceptions import ValidationError
from django.db import transaction

from agenda.models import AgendaItem, AgendaTemplateItem, Meeting
from agenda.models.locks import ADD_MESSAGE, RecordLocked
from agenda.models.numbering import OFFSET, business_rank, write_order
from agenda.publishing.log import WORKFLOW_REASON, workflow_save
from agenda.publishing.minutes_steps import long_date

K = AgendaItem.Kind
# What a clerk is offered, in the order they are taken. "Required" ones are added when the
# agenda is published if missing: approval of minutes and a private session depend on them.
STANDARD_KINDS = (K.APOLOGIES, K.DECLARATIONS, K.PREVIOUS_MINUTES, K.PUBLIC_QUESTIONS, K.EXCLUSION)
REQUIRED_KINDS = (K.PREVIOUS_MINUTES, K.EXCLUSION)
TITLES = {
    K.APOLOGIES: "Apologies for absence",
    K.DECLARATIONS: "Declarations of interest",
    K.PREVIOUS_MINUTES: "Minutes of the previous meeting",
    K.PUBLIC_QUESTIONS: "Public questions",
    K.EXCLUSION: "Exclusion of the public",
}


def template_of(committee):
    """The committee's standard items as {kind: (title, agenda text)}, in its order; the
    council's standard set (standard titles and wording) if it has no template."""
    rows = AgendaTemplateItem.objects.filter(committee=committee).order_by("position", "pk")
    template = {row.kind: (row.title.strip(), row.agenda_text) for row in rows}
    return template or dict.fromkeys(STANDARD_KINDS, ("", ""))


def previous_meeting(meeting):
    """The same committee's meeting before this one that was (or will be) held."""
    return meeting.previous_meeting()


def _agenda_text(kind, meeting, prior=None, exempt=()):
    if kind == K.APOLOGIES:
        return "<p>To receive apologies for absence and notice of substitute members.</p>"
    if kind == K.DECLARATIONS:
        return (
            "<p>Members are asked to declare any disclosable pecuniary, other registrable or "
            "non-registrable interests in the business on this agenda.</p>"
        )
    if kind == K.PREVIOUS_MINUTES:
        return (
            "<p>To approve as a correct record the minutes of the meeting held on "
            f"{long_date(prior.start)}.</p>"
        )
    if kind == K.PUBLIC_QUESTIONS:
        return (
            "<p>To answer questions from members of the public received by the deadline, "
            "and to hear those registered to speak.</p>"
        )
    numbers = ", ".join(item.number for item in exempt)
    paragraphs = ", ".join(sorted({str(item.exempt_paragraph) for item in exempt}))
    return (
        "<p>To consider passing the following resolution: That under section 100A(4) of the "
        "Local Government Act 1972 the public be excluded from the meeting for item(s) "
        f"{numbers} on the grounds that they involve the likely disclosure of exempt "
        f"information as defined in paragraph(s) {paragraphs} of Part 1 of Schedule 12A "
        "to the Act.</p>"
    )


def missing_standard_items(meeting, kinds=None):
    """The standard kinds this agenda lacks and could have (no previous-minutes item
    without a previous meeting; no exclusion without exempt items). `kinds`: those of the
    committee's template unless given."""
    if kinds is None:
        kinds = tuple(template_of(meeting.committee))
    items = list(meeting.items.all())
    have = {item.kind for item in items}
    missing = []
    for kind in kinds:
        if kind in have:
            continue
        if kind == K.PREVIOUS_MINUTES and meeting.previous_meeting() is None:
            continue
        if kind == K.EXCLUSION and not any(item.is_exempt for item in items):
            continue
        missing.append(kind)
    return missing


def _link_hand_added(items):
    """Items typed by hand as the standard ones are recognised and linked."""
    for item in items:
        before = (item.kind, item.previous_minutes_of_id)
        item.recognise_standard_item()
        if (item.kind, item.previous_minutes_of_id) != before:
            workflow_save(item)


def add_standard_items(meeting, kinds=None):
    """Give a draft agenda the standard items of `kinds` (those of the committee's
    template unless given) it lacks, each in its place in the order of business, with the
    template's title and text; existing items keep their order among themselves and all
    numbers follow the new positions. Returns the items created."""
    if meeting.minutes_locked:
        raise RecordLocked(ADD_MESSAGE, params={"meeting": meeting}, code="locked")
    if Meeting.objects.filter(pk=meeting.pk).with_public_agenda().exists():
        raise ValidationError(
            "The agenda of %(meeting)s is published: add further items as a supplement.",
            params={"meeting": meeting},
            code="wrong_state",
        )
    with transaction.atomic():
        items = list(meeting.items.order_by("position"))
        _link_hand_added(items)
        template = template_of(meeting.committee)
        missing = missing_standard_items(meeting, tuple(template) if kinds is None else kinds)
        if not missing:
            return []
        prior = meeting.previous_meeting()
        exempt = [item for item in items if item.is_exempt]
        created = []
        for n, kind in enumerate(missing, start=1):
            title, text = template.get(kind, ("", ""))
            item = AgendaItem(
                meeting=meeting,
                position=OFFSET * 2 + n,
                number=f"~new{n}",
                kind=kind,
                title=title or TITLES[kind],
                agenda_text=text or _agenda_text(kind, meeting, prior, exempt),
                previous_minutes_of=prior if kind == K.PREVIOUS_MINUTES else None,
            )
            item._standard_text = not text
            workflow_save(item)
            created.append(item)
            # Before the first item that comes later in the order of business.
            rank = business_rank(item)
            at = next((i for i, other in enumerate(items) if business_rank(other) > rank), None)
            items.insert(len(items) if at is None else at, item)
        write_order(items, reason=WORKFLOW_REASON)
        for item in created:
            if item.kind == K.EXCLUSION and item._standard_text:
                item.agenda_text = _agenda_text(K.EXCLUSION, meeting, exempt=exempt)
                workflow_save(item)
        return created
