"""Meeting dates: a sane range on every write, no 5xx for any stored date, and moving a
published meeting through its step (notice, reprint, new address, old address 301)."""

import datetime
from contextlib import contextmanager

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.urls import reverse
from django.utils import timezone

from agenda import publishing
from agenda.models import FormerSlug, Meeting, Notice, Transition
from tests.agenda.admin_forms import change_form_data
from tests.factories import AgendaItemFactory, MeetingFactory
from tests.public_data import realistic_meeting

pytestmark = pytest.mark.django_db
UTC = datetime.UTC


@pytest.fixture
def quick_print(monkeypatch):
    """A stand-in for WeasyPrint that prints the meeting's date, so a reprint shows."""
    from agenda.printing.simple_pdf import make_pdf

    def render_kind(meeting, kind, *, preview=False):
        return make_pdf(f"{kind} {meeting}", [f"Printed for {meeting.start:%Y-%m-%d}."]), []

    monkeypatch.setattr("agenda.printing.publish.render_kind", render_kind)


@contextmanager
def date_constraint_off():
    """Store what the constraint now refuses, as an old row (or a raw SQL fix) might hold."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("PRAGMA ignore_check_constraints = ON")
        else:  # dropped inside the test's transaction, so restored when it rolls back
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # no deferred checks pending
            cursor.execute("ALTER TABLE agenda_meeting DROP CONSTRAINT meeting_dates_in_range")
        try:
            yield
        finally:
            if connection.vendor == "sqlite":
                cursor.execute("PRAGMA ignore_check_constraints = OFF")


@pytest.mark.parametrize("year", [1, 26, 1899, 2101, 9999])
def test_a_meeting_date_outside_the_range_is_refused_with_a_clear_message(year):
    meeting = MeetingFactory.build(
        committee=MeetingFactory().committee, start=datetime.datetime(year, 3, 5, 19, tzinfo=UTC)
    )
    with pytest.raises(ValidationError) as refused:
        meeting.full_clean()
    message = refused.value.message_dict["start"][0]
    assert "between 1 January 1900 and 31 December 2100" in message
    assert f"{year:04d}" in message


def test_the_database_refuses_an_impossible_date_by_a_named_constraint():
    meeting = MeetingFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Meeting.objects.filter(pk=meeting.pk).update(start=datetime.datetime(1, 1, 1, tzinfo=UTC))


def test_the_editor_refuses_year_0026_without_a_500(admin_client):
    meeting = MeetingFactory()
    url = reverse("admin:agenda_meeting_change", args=[meeting.pk])
    data = change_form_data(admin_client.get(url))
    data["start_0"] = "0026-03-05"
    response = admin_client.post(url, data)
    assert response.status_code == 200
    assert "between 1 January 1900 and 31 December 2100" in response.content.decode()
    meeting.refresh_from_db()
    assert meeting.start.year != 26


def public_urls(meeting):
    item = meeting.items.order_by("position").first()
    slug, committee = meeting.slug, meeting.committee.slug
    return [
        meeting.get_absolute_url(),
        item.get_absolute_url(),
        reverse("agenda:home"),
        reverse("agenda:meeting_list"),
        reverse("agenda:meeting_list") + f"?committee={committee}",
        reverse("committees:committee_detail", kwargs={"slug": committee}),
        reverse("agenda:meeting_agenda_pdf", kwargs={"slug": slug}),
        reverse("agenda:meeting_pack_pdf", kwargs={"slug": slug}),
        reverse("agenda:meeting_minutes_pdf", kwargs={"slug": slug}),
        reverse("follow:meeting_calendar", kwargs={"slug": slug}),
        reverse("follow:committee_calendar", kwargs={"slug": committee}),
        reverse("follow:calendar"),
        reverse("follow:feed"),
        reverse("follow:committee_feed", kwargs={"slug": committee}),
        reverse("api:meeting_detail", kwargs={"pk": meeting.pk}),
        reverse("api:meeting_list"),
        reverse("api:agendaitem_detail", kwargs={"pk": item.pk}),
        reverse("api:item_minutes", kwargs={"pk": item.pk}),
        reverse("api:meeting_minutes", kwargs={"pk": meeting.pk}),
        reverse("search:search") + "?q=children",
        "/sitemap.xml",
    ]


@pytest.mark.parametrize(
    "moment",
    [
        datetime.datetime(1, 1, 1, 0, 0, tzinfo=UTC),
        datetime.datetime(1, 1, 1, 23, 59, tzinfo=UTC),
        datetime.datetime(9999, 12, 31, 23, 0, tzinfo=UTC),
        datetime.datetime(26, 6, 1, 19, 0, tzinfo=UTC),
    ],
)
def test_no_public_url_fails_for_an_odd_stored_date(client, moment):
    meeting = realistic_meeting()
    urls = public_urls(meeting)
    with date_constraint_off():
        Meeting.objects.filter(pk=meeting.pk).update(start=moment, end=None)
    client.raise_request_exception = False
    failures = []
    for url in urls:
        response = client.get(url)
        if response.status_code >= 500:
            failures.append((url, response.status_code))
    assert failures == []


def test_the_editor_shows_a_meeting_with_an_odd_stored_date(admin_client):
    meeting = realistic_meeting()
    item = meeting.items.first()
    with date_constraint_off():
        Meeting.objects.filter(pk=meeting.pk).update(
            start=datetime.datetime(1, 1, 1, tzinfo=UTC), end=None
        )
    admin_client.raise_request_exception = False
    for url in (
        reverse("admin:agenda_meeting_changelist"),
        reverse("admin:agenda_meeting_change", args=[meeting.pk]),
        reverse("admin:agenda_agendaitem_change", args=[item.pk]),
        reverse("admin:agenda_agendaitem_changelist"),
    ):
        assert admin_client.get(url).status_code == 200, url


def published(manager, **kwargs):
    meeting = MeetingFactory(start=timezone.now() + datetime.timedelta(days=20), **kwargs)
    AgendaItemFactory(meeting=meeting)
    publishing.run("publish_agenda", meeting, manager)
    meeting.refresh_from_db()
    return meeting


def test_moving_a_published_meeting_notices_reprints_and_redirects(client, manager, quick_print):
    meeting = published(manager=manager)
    old_slug, old_url = meeting.slug, meeting.get_absolute_url()
    old_pdf = reverse("agenda:meeting_agenda_pdf", kwargs={"slug": old_slug})
    printed = dict(meeting.documents.filter(is_generated=True).values_list("kind", "sha256"))
    new_start = meeting.start + datetime.timedelta(days=7)

    with pytest.raises(ValidationError, match="public notice"):
        publishing.run("move_meeting", meeting, manager, start=new_start)
    result = publishing.run(
        "move_meeting", meeting, manager, start=new_start, notice="The hall is being repaired."
    )

    meeting.refresh_from_db()
    assert meeting.start == new_start
    assert meeting.slug != old_slug
    assert meeting.slug.startswith(f"{timezone.localtime(new_start):%Y-%m-%d}")
    assert FormerSlug.objects.get(slug=old_slug).meeting == meeting
    notice = Notice.objects.get(meeting=meeting, kind=Notice.Kind.MOVED)
    assert result.created == notice and "has moved from" in notice.summary
    assert Transition.objects.filter(meeting=meeting, kind="moved").exists()
    reprinted = dict(meeting.documents.filter(is_generated=True).values_list("kind", "sha256"))
    assert reprinted.keys() == printed.keys()
    assert all(reprinted[kind] != printed[kind] for kind in printed)

    page = client.get(old_url)
    assert page.status_code == 301 and page["Location"] == meeting.get_absolute_url()
    pdf = client.get(old_pdf)
    assert pdf.status_code == 301
    assert pdf["Location"] == reverse("agenda:meeting_agenda_pdf", kwargs={"slug": meeting.slug})
    ics = client.get(reverse("follow:meeting_calendar", kwargs={"slug": old_slug}))
    assert ics.status_code == 301
    html = client.get(meeting.get_absolute_url()).content.decode()
    assert "The hall is being repaired." in html and "has moved from" in html


def test_an_old_address_is_kept_by_its_meeting(manager, quick_print):
    meeting = published(manager=manager)
    old_slug = meeting.slug
    publishing.run(
        "move_meeting",
        meeting,
        manager,
        start=meeting.start + datetime.timedelta(days=7),
        notice="Moved.",
    )
    # A new meeting on the old day gets another address: old links still find the first.
    newcomer = MeetingFactory(committee=meeting.committee, start=meeting.start)
    newcomer_day = MeetingFactory(
        committee=meeting.committee, start=Meeting.objects.get(pk=meeting.pk).start
    )
    assert newcomer.slug != old_slug and newcomer_day.slug != old_slug
    assert FormerSlug.objects.get(slug=old_slug).meeting_id == meeting.pk


def test_an_unseen_meeting_is_not_revealed_by_its_old_address(client, manager, quick_print):
    meeting = MeetingFactory(start=timezone.now() + datetime.timedelta(days=20))
    old_url = meeting.get_absolute_url()
    publishing.run("move_meeting", meeting, manager, start=meeting.start + datetime.timedelta(1))
    assert not Notice.objects.exists()  # nobody could see it: nothing to tell
    assert client.get(old_url).status_code == 404


def test_moving_refuses_a_date_out_of_range(manager, quick_print):
    meeting = published(manager=manager)
    with pytest.raises(ValidationError, match="year 0026"):
        publishing.run(
            "move_meeting",
            meeting,
            manager,
            start=datetime.datetime(26, 3, 5, tzinfo=UTC),
            notice="Typo.",
        )


def test_the_editor_asks_before_moving_a_published_meeting(admin_client, quick_print, manager):
    meeting = published(manager=manager)
    url = reverse("admin:agenda_meeting_change", args=[meeting.pk])
    data = change_form_data(admin_client.get(url))
    new_day = timezone.localtime(meeting.start + datetime.timedelta(days=7))
    data["start_0"] = f"{new_day:%Y-%m-%d}"

    asked = admin_client.post(url, data)
    assert asked.status_code == 200
    assert "Tick “Yes, move this published meeting”" in asked.content.decode()
    assert Meeting.objects.get(pk=meeting.pk).start == meeting.start

    data.update(confirm_move="on", change_notice="The chair is unwell.")
    done = admin_client.post(url, data)
    assert done.status_code == 302
    meeting.refresh_from_db()
    assert timezone.localtime(meeting.start).date() == new_day.date()
    assert Notice.objects.get(meeting=meeting).text == "The chair is unwell."
