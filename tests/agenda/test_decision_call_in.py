"""Decision notices and call-in: the window in clear working days (bank holidays and
closure days do not count), the notice published through its step with a printed copy,
the 28-day rule for key decisions, urgency, and a call-in that puts the decision on the
scrutiny committee's next agenda."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from agenda import publishing
from agenda.models import Decision, Document, ForwardPlanEntry, Meeting, Resolution
from agenda.publishing import deadlines
from committees.dates import long_date
from committees.models import Committee
from tests import factories as f
from tests.agenda.pdf_helpers import flat, text_of

pytestmark = pytest.mark.django_db
DAY = datetime.timedelta(days=1)
D = datetime.date


@pytest.mark.parametrize(
    ("published", "days", "closures", "until", "effective"),
    [
        # An ordinary week: Tuesday to the next Monday are the five clear days.
        (D(2025, 3, 3), 5, (), D(2025, 3, 10), D(2025, 3, 11)),
        # Published on a Friday: the weekend does not count.
        (D(2025, 3, 7), 5, (), D(2025, 3, 14), D(2025, 3, 17)),
        # Published on a Saturday (an officer's notice): the window starts on Monday.
        (D(2025, 3, 8), 5, (), D(2025, 3, 14), D(2025, 3, 17)),
        # Easter: Good Friday (18 April) and Easter Monday (21 April) are bank holidays.
        (D(2025, 4, 17), 5, (), D(2025, 4, 28), D(2025, 4, 29)),
        # Christmas Day and Boxing Day; effective on the 31st.
        (D(2025, 12, 19), 5, (), D(2025, 12, 30), D(2025, 12, 31)),
        # Across Christmas and New Year's Day (a Thursday): 24, 29, 30, 31 December and
        # 2 January; effective the Monday after.
        (D(2025, 12, 23), 5, (), D(2026, 1, 2), D(2026, 1, 5)),
        # The early May bank holiday (5 May 2025) and a three-day constitution.
        (D(2025, 5, 2), 3, (), D(2025, 5, 8), D(2025, 5, 9)),
        # An office closure day the council recorded does not count either.
        (D(2025, 3, 3), 5, (D(2025, 3, 5),), D(2025, 3, 11), D(2025, 3, 12)),
        # The window ends on a Friday: effective on the Monday after.
        (D(2025, 3, 10), 4, (), D(2025, 3, 14), D(2025, 3, 17)),
    ],
)
def test_the_call_in_window(published, days, closures, until, effective):
    last = deadlines.call_in_until(published, days, frozenset(closures))
    assert last == until
    assert deadlines.effective_after_call_in(last, frozenset(closures)) == effective


@pytest.fixture
def cabinet():
    return f.CommitteeFactory(name="Cabinet", kind=Committee.Kind.EXECUTIVE)


def held_meeting(committee, *, days_ago=1, key=False, exempt=False):
    meeting = f.MeetingFactory(committee=committee, start=timezone.now() - days_ago * DAY)
    item = f.AgendaItemFactory(
        meeting=meeting,
        title="Waste collection contract",
        is_key_decision=key,
        is_exempt=exempt,
        exempt_paragraph=3 if exempt else None,
        public_interest_reason="Commercial terms." if exempt else "",
    )
    f.ResolutionFactory(
        item=item, position=1, text="<p>That the contract be awarded.</p>", outcome="carried"
    )
    f.ResolutionFactory(item=item, position=2, text="<p>Noted the risks.</p>", outcome="noted")
    f.publish(meeting)
    Meeting.objects.filter(pk=meeting.pk).update(status=Meeting.Status.HELD)
    meeting.refresh_from_db()
    return meeting


def test_publishing_the_notice_makes_decisions_with_a_call_in_window(cabinet, manager, client):
    meeting = held_meeting(cabinet)
    result = publishing.run("publish_decisions", meeting, manager)

    decision = Decision.objects.get()  # the "noted" resolution decides nothing
    today = timezone.localdate()
    assert decision.resolution == Resolution.objects.get(position=1)
    assert decision.publication_date == today
    assert decision.call_in == Decision.CallIn.SUBJECT
    assert decision.call_in_until == deadlines.call_in_until(today, 5)
    assert decision.effective_from == deadlines.effective_after_call_in(decision.call_in_until)
    assert decision.call_in_state() == "open"
    assert result.transition.kind == "decisions_published"

    meeting_page = client.get(meeting.get_absolute_url()).content.decode()
    assert reverse("agenda:meeting_decisions", args=[meeting.slug]) in meeting_page
    page = client.get(reverse("agenda:meeting_decisions", args=[meeting.slug])).content.decode()
    assert "Can be called in until the end of" in page
    assert f"{long_date(decision.call_in_until)}" in page
    printed = Document.objects.get(meeting=meeting, kind=Document.Kind.DECISIONS)
    assert printed.is_generated and printed.published_at
    pdf = client.get(reverse("agenda:meeting_decisions_pdf", args=[meeting.slug]))
    text = flat(text_of(b"".join(pdf.streaming_content)))
    assert "Decision notice" in text
    assert "That the contract be awarded." in text
    assert "Can be called in until" in text


def test_the_setting_changes_the_window(cabinet, manager, settings):
    settings.CALL_IN_WORKING_DAYS = 2
    publishing.run("publish_decisions", held_meeting(cabinet), manager)
    today = timezone.localdate()
    assert Decision.objects.get().call_in_until == deadlines.add_working_days(today, 2)


def test_a_committee_decision_is_not_subject_to_call_in(manager):
    planning = f.CommitteeFactory(name="Planning", kind=Committee.Kind.REGULATORY)
    meeting = held_meeting(planning)
    publishing.run("publish_decisions", meeting, manager)
    decision = Decision.objects.get()
    assert decision.call_in == Decision.CallIn.NOT_SUBJECT
    assert decision.call_in_until is None
    assert decision.effective_from == timezone.localtime(meeting.start).date()
    assert decision.call_in_state() == "effective"


def test_an_urgent_decision_is_recorded_with_its_reason(cabinet, manager, client):
    meeting = held_meeting(cabinet)
    resolution = Resolution.objects.get(position=1)
    publishing.run(
        "publish_decisions",
        meeting,
        manager,
        urgent={resolution.pk: "the contractor stops collecting on Monday."},
    )
    decision = Decision.objects.get()
    assert decision.is_urgent and decision.call_in == Decision.CallIn.NOT_SUBJECT
    assert decision.effective_from == timezone.localdate()
    page = client.get(decision.get_absolute_url()).content.decode()
    assert "not subject to call-in, because the contractor stops collecting" in page


def test_urgency_needs_its_reason():
    decision = f.DecisionFactory(is_urgent=False)
    decision.is_urgent = True
    with pytest.raises(ValidationError, match="reason it could not wait"):
        decision.full_clean()


def test_a_clerk_cannot_publish_the_notice(cabinet, clerk):
    with pytest.raises(Exception, match="Only a democratic services manager"):
        publishing.run("publish_decisions", held_meeting(cabinet), clerk)


# ----------------------------------------------------------- 28 days' notice


def plan_entry(meeting, *, days_before, notice="forward_plan", reason=""):
    return ForwardPlanEntry.objects.create(
        title="Waste collection contract",
        decision_maker="Cabinet",
        committee=meeting.committee,
        expected_date=timezone.localdate(meeting.start),
        published_at=meeting.start - days_before * DAY,
        notice=notice,
        notice_reason=reason,
        item=meeting.items.get(),
    )


@pytest.mark.parametrize(
    ("days_before", "notice", "reason", "allowed"),
    [
        (None, None, "", False),  # not on the forward plan at all
        (35, "forward_plan", "", True),
        (29, "forward_plan", "", True),
        (28, "forward_plan", "", False),
        (10, "general_exception", "The tender closed late; scrutiny chair told.", True),
        (2, "special_urgency", "The contractor went into administration.", True),
    ],
)
def test_a_key_decision_without_28_days_notice_needs_a_recorded_exception(
    cabinet, manager, days_before, notice, reason, allowed
):
    meeting = held_meeting(cabinet, key=True)
    if days_before is not None:
        entry = plan_entry(meeting, days_before=days_before, notice=notice, reason=reason)
    if allowed:
        publishing.run("publish_decisions", meeting, manager)
        decision = Decision.objects.get()
        assert decision.is_key_decision and decision.forward_plan_entry == entry
    else:
        with pytest.raises(ValidationError, match="is a key decision, but"):
            publishing.run("publish_decisions", meeting, manager)
        assert not Decision.objects.filter(published_at__isnull=False).exists()


def test_an_officer_key_decision_needs_notice_too(manager):
    decision = f.DecisionFactory(is_key_decision=True, published_at=None)
    with pytest.raises(ValidationError, match="not on the forward plan"):
        publishing.publish_recorded_decision(decision, manager)
    entry = ForwardPlanEntry.objects.create(
        title="Closure",
        decision_maker="Director of Place",
        expected_date=decision.decided_on,
        published_at=timezone.now() - DAY,
        notice="general_exception",
        notice_reason="Emergency repairs.",
    )
    Decision.objects.filter(pk=decision.pk).update(forward_plan_entry=entry)
    published = publishing.publish_recorded_decision(decision, manager)
    assert published.published_at and published.call_in == Decision.CallIn.SUBJECT


# ------------------------------------------------------------------- call-in


@pytest.fixture
def scrutiny_meeting():
    scrutiny = f.CommitteeFactory(name="Overview and Scrutiny", kind=Committee.Kind.SCRUTINY)
    f.MeetingFactory(committee=scrutiny, start=timezone.now() + 30 * DAY)
    return f.MeetingFactory(committee=scrutiny, start=timezone.now() + 10 * DAY)


def test_a_called_in_decision_goes_on_the_scrutiny_agenda(
    cabinet, manager, clerk, scrutiny_meeting, client
):
    publishing.run("publish_decisions", held_meeting(cabinet), manager)
    decision = Decision.objects.get()

    result = publishing.call_in(
        decision, clerk, by="Cllr Ahmed and Cllr Brown", reason="The costs were not shown."
    )

    item = result.created
    assert item.meeting == scrutiny_meeting  # the next one, not the one after
    assert item.title == f"Call-in: {decision.title}"
    assert "called in by Cllr Ahmed and Cllr Brown" in item.agenda_text
    decision.refresh_from_db()
    assert decision.call_in_state() == "called_in"
    assert decision.status == Decision.Status.CALLED_IN
    assert decision.effective_from is None and decision.scrutiny_item == item
    assert result.transition.kind == "called_in"
    page = client.get(decision.get_absolute_url()).content.decode()
    assert "Called in on" in page and "The costs were not shown." in page
    # The item goes public with the scrutiny committee's agenda, like any other.
    assert item.published_at is None


def test_call_in_refusals(cabinet, manager, clerk, scrutiny_meeting):
    publishing.run("publish_decisions", held_meeting(cabinet), manager)
    decision = Decision.objects.get()
    with pytest.raises(ValidationError, match="who called the decision in"):
        publishing.call_in(decision, clerk, by="", reason="")
    later = timezone.now() + 20 * DAY  # the window has closed
    with pytest.raises(ValidationError, match="call-in period has ended"):
        publishing.step(
            "call_in_decision", scrutiny_meeting, clerk, now=later,
            decision=decision, by="Cllr Ahmed", reason="Costs.",
        ).check()  # fmt: skip
    committee = f.DecisionFactory(kind=Decision.Kind.COMMITTEE, committee=f.CommitteeFactory())
    with pytest.raises(ValidationError, match="not an executive decision"):
        publishing.call_in(committee, clerk, by="Cllr Ahmed", reason="Costs.")
    not_scrutiny = f.MeetingFactory(start=timezone.now() + 5 * DAY)
    with pytest.raises(ValidationError, match="is not one"):
        publishing.step(
            "call_in_decision", not_scrutiny, clerk, decision=decision, by="A", reason="B"
        ).check()


def test_no_scrutiny_meeting_is_a_sentence(cabinet, manager, clerk):
    publishing.run("publish_decisions", held_meeting(cabinet), manager)
    with pytest.raises(ValidationError, match="schedule one, then record the call-in"):
        publishing.call_in(Decision.objects.get(), clerk, by="Cllr Ahmed", reason="Costs.")


def test_an_exempt_decision_prints_and_shows_its_title_and_paragraph_only(cabinet, manager, client):
    meeting = held_meeting(cabinet, exempt=True)
    Resolution.objects.filter(position=1).update(text="<p>zq7SECRETx price agreed.</p>")
    f.DeclarationFactory(item=meeting.items.get(), has_dispensation=True)
    publishing.run("publish_decisions", meeting, manager)
    decision = Decision.objects.get()
    assert decision.is_exempt and decision.exempt_paragraph == 3
    pages = [
        client.get(reverse("agenda:meeting_decisions", args=[meeting.slug])).content,
        client.get(decision.get_absolute_url()).content,
        client.get(reverse("agenda:decision_register")).content,
    ]
    pdf = client.get(reverse("agenda:meeting_decisions_pdf", args=[meeting.slug]))
    printed = flat(text_of(b"".join(pdf.streaming_content)))
    for body in [*(page.decode() for page in pages), printed]:
        assert "Waste collection contract" in body
        assert "Schedule 12A paragraph 3" in body
        assert "zq7SECRETx" not in body
        assert "registrable" not in body  # the conflicts declared stay private too


def test_making_an_item_exempt_reprints_the_decision_notice(cabinet, manager, clerk, client):
    meeting = held_meeting(cabinet)
    publishing.run("publish_decisions", meeting, manager)
    item = meeting.items.get()
    publishing.run(
        "exempt_item", meeting, clerk, item=item, paragraph=3, reason="Commercial terms."
    )
    pdf = client.get(reverse("agenda:meeting_decisions_pdf", args=[meeting.slug]))
    text = flat(text_of(b"".join(pdf.streaming_content)))
    assert "Schedule 12A paragraph 3" in text
    assert "That the contract be awarded." not in text
