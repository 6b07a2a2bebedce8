"""A first import writes in bulk: the new items of a meeting, and their recommendations,
resolutions, actions and documents, in one insert per model (with their history), keeping
what `save()` would have done; the lock still refuses; each meeting is re-indexed once,
through the task queue, and only when the import is saved."""

import datetime

import pytest
from django.core.management import call_command
from django_tasks_db.models import DBTaskResult

from agenda.importers.load import import_file
from agenda.models import (
    Action,
    AgendaItem,
    Document,
    Meeting,
    Recommendation,
    Resolution,
    SearchEntry,
)
from agenda.models.locks import RecordLocked
from tests import factories as f

pytestmark = pytest.mark.django_db

DATABASE_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def item_xml(n, *, title=None, number=True, minutes=True):
    text = (
        f"&lt;p&gt;The Director will submit a report on matter {n}.&lt;/p&gt;"
        "&lt;p&gt;Recommended &amp;ndash;&lt;/p&gt;&lt;p&gt;(1) That the report be noted."
        "&lt;/p&gt;&lt;p&gt;(2) That officers report back.&lt;/p&gt;"
        f"&lt;p&gt;(Officer Number{n % 3} Service Manager &amp;ndash; 01632 96{n:04d})&lt;/p&gt;"
    )
    minutes_text = (
        f"&lt;p&gt;Members discussed matter {n}.&lt;/p&gt;&lt;p&gt;RESOLVED -&lt;/p&gt;"
        "&lt;p&gt;(a) That the report be noted.&lt;/p&gt;"
        "&lt;p&gt;ACTION: Director of Place&lt;/p&gt;"
    )
    number_xml = f"<agendaitemnumber>{n}</agendaitemnumber>" if number else ""
    minutes_xml = f"<minutestext>{minutes_text}</minutestext>" if minutes else ""
    return (
        f"<agendaitem><agendaitemid>bulk{n}</agendaitemid>{number_xml}"
        f"<agendaitemtitle>{title or f'Matter number {n}'}</agendaitemtitle>"
        f"<isrestricted>False</isrestricted>"
        f"<agendaitemtext>{text}</agendaitemtext>{minutes_xml}"
        f"<linkeddocuments><linkeddocument><documentid>bulkdoc{n}</documentid>"
        f"<title>Report on matter {n}</title>"
        f"<url>https://democracy.example.gov.uk/documents/s{n}/report.pdf</url>"
        f"</linkeddocument></linkeddocuments></agendaitem>"
    )


def meeting_xml(items, *, meeting_id="bulkm1", day="07/03/2023"):
    return (
        f'<?xml version="1.0" encoding="utf-8"?><getmeeting><meeting>'
        f"<meetingid>{meeting_id}</meetingid><committeeid>bulkc</committeeid>"
        f"<committeetitle>Bulk Committee</committeetitle>"
        f"<meetingdate>{day}</meetingdate><meetingtime>18:00</meetingtime>"
        f"<location>Council Chamber</location>"
        f"<agendaitems>{''.join(items)}</agendaitems></meeting></getmeeting>"
    ).encode()


def test_a_first_import_writes_each_model_in_one_insert(django_assert_max_num_queries):
    data = meeting_xml([item_xml(n) for n in range(1, 31)])
    # Per item it used to be about 22 queries (660 here); now a few per meeting.
    with django_assert_max_num_queries(90):
        report = import_file("meeting.xml", data)
    assert report.ok, report.lines()
    meeting = Meeting.objects.get()
    items = list(meeting.items.order_by("position"))
    assert len(items) == 30
    assert [item.number for item in items[:3]] == ["1", "2", "3"]
    assert all(item.version == 1 and item.published_at for item in items)
    assert Recommendation.objects.filter(item__meeting=meeting).count() == 60
    assert Resolution.objects.filter(item__meeting=meeting).count() == 30
    assert Action.objects.filter(item__meeting=meeting).count() == 30
    documents = Document.objects.filter(meeting=meeting)
    assert documents.count() == 30
    assert documents.get(external_id__endswith="-bulkdoc7").slug == "report-on-matter-7"
    assert all(document.published_at for document in documents)
    # History kept for every row, as a save would have written it.
    assert AgendaItem.history.filter(history_type="+").count() == 30
    assert Recommendation.history.count() == 60
    assert Document.history.count() == 30
    # Contacts: three officers, each found or made once.
    assert {item.contact_officer.name for item in items} == {
        "Officer Number0",
        "Officer Number1",
        "Officer Number2",
    }
    assert report.created["agenda items"] == 30


def test_bulk_items_get_what_save_would_give_them():
    earlier = f.MeetingFactory(
        committee__name="Bulk Committee",
        start=datetime.datetime(2023, 2, 7, 18, tzinfo=datetime.UTC),
    )
    # Agenda only (no minutes yet), so a later import may still add to it.
    data = meeting_xml(
        [
            item_xml(1, title="Minutes of the previous meeting", minutes=False),
            item_xml(2, number=False, minutes=False),
            item_xml(3, minutes=False),
        ]
    )
    assert import_file("meeting.xml", data).ok
    meeting = Meeting.objects.exclude(pk=earlier.pk).get()
    first, second, third = meeting.items.order_by("position")
    assert first.kind == AgendaItem.Kind.PREVIOUS_MINUTES
    assert first.previous_minutes_of == earlier
    # No number at the source: the next number nobody has, as save() would choose.
    assert second.number not in {"1", "3"}
    assert not any(item.is_supplement for item in (first, second, third))

    # An item that arrives once the agenda is out is a supplement's.
    later = meeting_xml(
        [
            item_xml(1, title="Minutes of the previous meeting", minutes=False),
            item_xml(2, number=False, minutes=False),
            item_xml(3, minutes=False),
            item_xml(4, minutes=False),
        ]
    )
    assert import_file("meeting.xml", later).ok
    assert meeting.items.get(external_id__endswith="-bulk4").is_supplement


def test_bulk_add_asks_the_lock():
    meeting = f.MeetingFactory()
    item = f.AgendaItemFactory(meeting=meeting)
    f.publish(meeting, minutes=True, approved=True)
    with pytest.raises(RecordLocked, match="approved as a correct record"):
        Recommendation.objects.bulk_add([Recommendation(item=item, position=9, text="<p>x</p>")])
    assert not Recommendation.objects.filter(item=item).exists()


def run_db_worker():
    """The worker's run-once mode in this process (see tests/agenda/publishing/test_worker.py
    for why `close_old_connections` is left alone)."""
    from unittest import mock

    with mock.patch("django_tasks_db.management.commands.db_worker.close_old_connections"):
        call_command("db_worker", batch=True, startup_delay=False, reload=False, verbosity=0)


def test_each_meeting_is_indexed_once_by_the_worker(settings):
    settings.TASKS = DATABASE_QUEUE
    data = meeting_xml([item_xml(n) for n in range(1, 6)])
    assert import_file("meeting.xml", data).ok
    meeting = Meeting.objects.get()
    queued = DBTaskResult.objects.get()  # one task, queued with the import itself
    assert queued.task_path == "agenda.publishing.tasks.refresh_search"
    assert queued.args_kwargs["args"] == [[meeting.pk]]
    assert not SearchEntry.objects.filter(meeting=meeting).exists()

    run_db_worker()

    kinds = set(SearchEntry.objects.filter(meeting=meeting).values_list("kind", flat=True))
    assert {"meeting", "item", "document"} <= kinds
    assert SearchEntry.objects.filter(meeting=meeting, kind="item").count() == 5


def test_a_failed_or_dry_run_import_queues_no_refresh(settings):
    settings.TASKS = DATABASE_QUEUE
    assert not import_file("broken.xml", b"<getmeeting><meeting>").ok
    report = import_file("meeting.xml", meeting_xml([item_xml(1)]), dry_run=True)
    assert report.ok, report.lines()
    assert not DBTaskResult.objects.exists()
    assert not Meeting.objects.exists()


def test_with_tasks_run_inline_the_import_is_searchable_at_once():
    assert import_file("meeting.xml", meeting_xml([item_xml(1), item_xml(2)])).ok
    assert SearchEntry.objects.filter(kind="item").count() == 2
