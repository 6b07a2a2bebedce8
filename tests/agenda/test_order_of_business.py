"""The standard order of business, unique item numbers, renumbering with a notice, and
council-wide running minute numbers."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from agenda import publishing
from agenda.models import AgendaItem, MinuteNumber, Notice, Transition
from agenda.models.numbering import numbers_in_order
from agenda.publishing.standard_items import add_standard_items, missing_standard_items
from tests.factories import AgendaItemFactory, MeetingFactory

K = AgendaItem.Kind
pytestmark = pytest.mark.django_db


@pytest.fixture
def quick_print(monkeypatch):
    """PDF rendering is covered by the printing tests; here a stand-in keeps steps fast
    while storing the generated documents as the product does."""
    from agenda.printing.simple_pdf import make_pdf

    def render_kind(meeting, kind, *, preview=False):
        from agenda.printing.content import PrintSource

        items = PrintSource(meeting).items(with_minutes=True)
        lines = [
            (f"Minute {i.minute_number}: " if i.minute_number else "") + f"{i.number}. {i.title}"
            for i in items
        ]
        return make_pdf(f"{kind} {meeting}", lines or ["No items."]), []

    monkeypatch.setattr("agenda.printing.publish.render_kind", render_kind)


def two_meetings():
    earlier = MeetingFactory(start=timezone.now() - datetime.timedelta(days=30))
    meeting = MeetingFactory(
        committee=earlier.committee, start=timezone.now() + datetime.timedelta(days=30)
    )
    return earlier, meeting


def layout(meeting):
    return [(i.position, i.number, i.kind, i.is_exempt) for i in meeting.items.order_by("position")]


def test_standard_items_go_in_the_order_of_business():
    earlier, meeting = two_meetings()
    AgendaItemFactory(meeting=meeting, title="Budget")
    AgendaItemFactory(
        meeting=meeting,
        title="Staffing",
        is_exempt=True,
        exempt_paragraph=1,
        public_interest_reason="Privacy.",
    )
    AgendaItemFactory(meeting=meeting, title="Libraries")

    added = add_standard_items(meeting)

    assert [item.kind for item in added] == [
        K.APOLOGIES,
        K.DECLARATIONS,
        K.PREVIOUS_MINUTES,
        K.PUBLIC_QUESTIONS,
        K.EXCLUSION,
    ]
    rows = layout(meeting)
    assert [(p, n) for p, n, _k, _e in rows] == [(n, str(n)) for n in range(1, 9)]
    # The clerk's own order is kept (Libraries stays after the exempt item); each
    # standard item goes before the first item that comes later in the order of business.
    assert [(k, e) for _p, _n, k, e in rows] == [
        (K.APOLOGIES, False),
        (K.DECLARATIONS, False),
        (K.PREVIOUS_MINUTES, False),
        (K.PUBLIC_QUESTIONS, False),
        (K.BUSINESS, False),
        (K.EXCLUSION, False),
        (K.BUSINESS, True),
        (K.BUSINESS, False),
    ]
    minutes = meeting.items.get(kind=K.PREVIOUS_MINUTES)
    assert minutes.previous_minutes_of == earlier
    exclusion = meeting.items.get(kind=K.EXCLUSION)
    assert "item(s) 7 " in exclusion.agenda_text and "paragraph(s) 1 " in exclusion.agenda_text
    assert missing_standard_items(meeting) == []
    assert add_standard_items(meeting) == []


def test_publishing_puts_previous_minutes_before_the_business_and_exclusion_before_exempt(
    manager, quick_print
):
    _earlier, meeting = two_meetings()
    AgendaItemFactory(meeting=meeting, title="Budget")
    AgendaItemFactory(
        meeting=meeting,
        title="Contract award",
        is_exempt=True,
        exempt_paragraph=3,
        public_interest_reason="Privacy.",
    )

    publishing.run("publish_agenda", meeting, manager, urgency_reason="Test")

    titles = list(meeting.items.order_by("position").values_list("number", "kind", "is_exempt"))
    assert titles == [
        ("1", K.PREVIOUS_MINUTES, False),
        ("2", K.BUSINESS, False),
        ("3", K.EXCLUSION, False),
        ("4", K.BUSINESS, True),
    ]


def test_a_hand_added_previous_minutes_item_is_recognised_and_linked(manager, quick_print):
    earlier, meeting = two_meetings()
    typed = AgendaItemFactory(meeting=meeting, title="Minutes of the previous meeting")
    assert typed.kind == K.PREVIOUS_MINUTES
    assert typed.previous_minutes_of == earlier
    chosen = AgendaItemFactory(meeting=MeetingFactory(committee=earlier.committee,
                               start=meeting.start + datetime.timedelta(days=30)),
                               kind=K.PREVIOUS_MINUTES, title="Minutes")  # fmt: skip
    assert chosen.previous_minutes_of == meeting

    # Approving those minutes works from the hand-added item.
    publishing.run(
        "publish_agenda", earlier, manager, now=earlier.start - datetime.timedelta(days=14)
    )
    publishing.run("publish_draft_minutes", earlier, manager)
    meeting.start = timezone.now() - datetime.timedelta(hours=3)
    meeting.slug = ""
    meeting.save()
    publishing.run(
        "publish_agenda", meeting, manager, now=meeting.start - datetime.timedelta(days=14)
    )
    publishing.run("record_held", meeting, manager)
    publishing.run("approve_minutes", typed, manager)
    earlier.refresh_from_db()
    assert earlier.minutes_locked and earlier.minutes_approved_by_meeting == meeting


def test_item_numbers_are_unique_per_meeting():
    meeting = MeetingFactory()
    AgendaItemFactory(meeting=meeting, number="3")
    twin = AgendaItem(meeting=meeting, position=9, number="3", title="Twin", agenda_text="")
    with pytest.raises(ValidationError, match="already has this number"):
        twin.full_clean()
    with pytest.raises(IntegrityError), transaction.atomic():
        twin.save()
    # A number left blank takes the position, or the next one free.
    AgendaItemFactory(meeting=meeting, number="4")
    blank = AgendaItemFactory(meeting=meeting, position=3, number="")
    assert blank.number == "5"


@pytest.mark.parametrize(
    ("before", "after"),
    [
        (["1", "2", "3"], ["1", "2", "3"]),
        (["3", "1", "2"], ["1", "2", "3"]),
        (["1", "5", "5.1", "5.2", "6"], ["1", "2", "2.1", "2.2", "3"]),
        (["2.1", "1", "2"], ["1", "2", "3"]),  # a sub-number with nothing above it
        (["1", "A", "2"], ["1", "A", "2"]),  # the clerk's own scheme is kept
        (["", "~7", "4"], ["1", "2", "3"]),
    ],
)
def test_numbers_follow_positions(before, after):
    assert numbers_in_order(before) == after


def test_a_published_agenda_keeps_its_numbers_without_a_notice(manager, quick_print):
    meeting = MeetingFactory()
    first, second = AgendaItemFactory(meeting=meeting), AgendaItemFactory(meeting=meeting)
    publishing.run("publish_agenda", meeting, manager, urgency_reason="Test")
    second.refresh_from_db()
    second.number = "7"
    with pytest.raises(ValidationError, match="Renumber the agenda items"):
        second.save()
    with pytest.raises(ValidationError, match="notice"):
        publishing.run("renumber_items", meeting, manager, order=[second.pk, first.pk])

    result = publishing.run(
        "renumber_items",
        meeting,
        manager,
        order=[second.pk, first.pk],
        notice="The budget is taken first.",
    )

    assert [(i.pk, i.number) for i in meeting.items.order_by("position")] == [
        (second.pk, "1"),
        (first.pk, "2"),
    ]
    notice = Notice.objects.get(meeting=meeting)
    assert notice.kind == Notice.Kind.RENUMBERED and result.created == notice
    assert "item 2 is now item 1" in notice.summary
    assert Transition.objects.filter(meeting=meeting, kind="renumbered").exists()


def test_the_renumbering_notice_is_on_the_meeting_page(client, manager, quick_print):
    meeting = MeetingFactory()
    first, second = AgendaItemFactory(meeting=meeting), AgendaItemFactory(meeting=meeting)
    publishing.run("publish_agenda", meeting, manager, urgency_reason="Test")
    publishing.run(
        "renumber_items", meeting, manager, order=[second.pk, first.pk], notice="Budget first."
    )
    html = client.get(meeting.get_absolute_url()).content.decode()
    assert "Changes since publication" in html and "Budget first." in html
    with pytest.raises(ValidationError, match="already numbered"):
        publishing.run("renumber_items", meeting, manager, notice="Again.")


def test_running_minute_numbers_count_across_committees_per_municipal_year(
    settings, manager, client
):
    settings.RUNNING_MINUTE_NUMBERS = True
    zone = timezone.get_default_timezone()
    may = datetime.datetime(2026, 5, 14, 19, tzinfo=zone)
    june = datetime.datetime(2026, 6, 11, 19, tzinfo=zone)
    april = datetime.datetime(2026, 4, 16, 19, tzinfo=zone)  # the year before
    meetings = [MeetingFactory(start=moment) for moment in (june, may, april)]
    for meeting in meetings:
        AgendaItemFactory(meeting=meeting)
        AgendaItemFactory(
            meeting=meeting, is_exempt=True, exempt_paragraph=1, public_interest_reason="Privacy."
        )
        publishing.run(
            "publish_agenda", meeting, manager, now=meeting.start - datetime.timedelta(days=14)
        )
        publishing.run("publish_draft_minutes", meeting, manager)

    numbers = {
        m.start: list(
            MinuteNumber.objects.filter(item__meeting=m)
            .order_by("item__position")
            .values_list("municipal_year", "number")
        )
        for m in meetings
    }
    # Each item (the exclusion resolution too) in agenda order, in publication order.
    assert numbers[june] == [(2026, 1), (2026, 2), (2026, 3)]
    assert numbers[may] == [(2026, 4), (2026, 5), (2026, 6)]
    assert numbers[april] == [(2025, 1), (2025, 2), (2025, 3)]
    html = client.get(meetings[1].get_absolute_url()).content.decode()
    assert "Minute 4" in html
    minutes_pdf = meetings[1].documents.get(kind="minutes", is_generated=True)
    from tests.agenda.pdf_helpers import text_of

    assert "Minute 4: 1." in text_of(minutes_pdf.file.read())


def test_without_the_setting_minutes_get_no_running_numbers(manager, quick_print):
    meeting = MeetingFactory(start=timezone.now() - datetime.timedelta(days=2))
    AgendaItemFactory(meeting=meeting)
    publishing.run(
        "publish_agenda", meeting, manager, now=meeting.start - datetime.timedelta(days=14)
    )
    publishing.run("publish_draft_minutes", meeting, manager)
    assert not MinuteNumber.objects.exists()


def items_prefix(data):
    return next(key[: -len("-TOTAL_FORMS")] for key in data if key.endswith("-TOTAL_FORMS")
                and key.startswith("items"))  # fmt: skip


def move_last_to_first(data, prefix, count):
    """Give the last row position 1 and push the others down, as a clerk would type it."""
    for n in range(count):
        data[f"{prefix}-{n}-position"] = str(n + 2)
    data[f"{prefix}-{count - 1}-position"] = "1"


def test_moving_an_item_on_a_draft_agenda_renumbers_them(admin_client):
    from django.urls import reverse

    from tests.agenda.admin_forms import change_form_data

    meeting = MeetingFactory()
    items = [AgendaItemFactory(meeting=meeting, title=t) for t in ("A", "B", "C")]
    url = reverse("admin:agenda_meeting_change", args=[meeting.pk])
    data = change_form_data(admin_client.get(url))
    prefix = items_prefix(data)
    move_last_to_first(data, prefix, 3)

    assert admin_client.post(url, data).status_code == 302
    rows = list(meeting.items.order_by("position").values_list("title", "number", "position"))
    assert rows == [("C", "1", 1), ("A", "2", 2), ("B", "3", 3)]
    assert items[0].pk


def test_reordering_a_published_agenda_needs_a_notice_and_goes_through_the_step(
    admin_client, quick_print, manager
):
    from django.urls import reverse

    from tests.agenda.admin_forms import change_form_data

    meeting = MeetingFactory()
    for title in ("A", "B", "C"):
        AgendaItemFactory(meeting=meeting, title=title)
    publishing.run("publish_agenda", meeting, manager, urgency_reason="Test")
    url = reverse("admin:agenda_meeting_change", args=[meeting.pk])
    data = change_form_data(admin_client.get(url))
    prefix = items_prefix(data)
    move_last_to_first(data, prefix, 3)

    refused = admin_client.post(url, data)
    assert refused.status_code == 200
    assert "write a notice of the change" in refused.content.decode()
    assert list(meeting.items.order_by("position").values_list("title", flat=True)) == [
        "A",
        "B",
        "C",
    ]

    data["renumber_notice"] = "Item C is urgent and is taken first."
    assert admin_client.post(url, data).status_code == 302
    rows = list(meeting.items.order_by("position").values_list("title", "number"))
    assert rows == [("C", "1"), ("A", "2"), ("B", "3")]
    notice = Notice.objects.get(meeting=meeting, kind=Notice.Kind.RENUMBERED)
    assert notice.text == "Item C is urgent and is taken first."
    assert "item 3 is now item 1" in notice.summary
