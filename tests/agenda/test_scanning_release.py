"""A meeting with a leaking document cannot be published until the file is replaced or a
manager records why it may be; the override is in the workflow log."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.utils import timezone

from agenda import publishing
from agenda.models import DocumentScan, Meeting, ScanOverride, Transition
from agenda.scanning.overrides import record_override
from agenda.scanning.release import release_problems, release_warnings
from tests import factories as f
from tests.agenda import planted

pytestmark = pytest.mark.django_db


def future_item(**kwargs):
    """An item on a meeting far enough ahead that publishing is not late."""
    meeting = f.MeetingFactory(start=timezone.now() + datetime.timedelta(days=40))
    return f.AgendaItemFactory(meeting=meeting, **kwargs)


def leaking_meeting():
    item = future_item(title="Housing allocations")
    document = f.DocumentFactory(
        item=item,
        title="Allocations report",
        file=ContentFile(planted.pdf_text_under_box(), name="report.pdf"),
    )
    return item.meeting, document


def test_a_leaking_document_blocks_publication_until_a_manager_records_why(manager):
    meeting, document = leaking_meeting()
    with pytest.raises(ValidationError) as refused:
        publishing.run("publish_agenda", meeting, manager)
    text = " ".join(refused.value.messages)
    assert "“Allocations report” has hidden content" in text
    assert "text under a box or picture (page 1)" in text
    meeting.refresh_from_db()
    assert meeting.agenda_status == Meeting.AgendaStatus.DRAFT
    assert not Transition.objects.filter(kind=Transition.Kind.AGENDA_PUBLISHED).exists()

    override = record_override(
        document=document, user=manager, reason="The covered text is the council's own address."
    )
    publishing.run("publish_agenda", meeting, manager)

    meeting.refresh_from_db()
    document.refresh_from_db()
    assert meeting.agenda_status == Meeting.AgendaStatus.PUBLISHED
    assert document.published_at is not None
    log = list(meeting.transitions.order_by("at", "pk"))
    assert [t.kind for t in log] == [
        Transition.Kind.SCAN_OVERRIDE,
        Transition.Kind.AGENDA_PUBLISHED,
    ]
    assert log[0] == override.transition
    assert log[0].user == manager
    assert "“Allocations report”" in log[0].reason and "own address" in log[0].reason
    # The release record lists the override among what was checked and let through.
    checks = publishing.publication_checks(meeting, manager, "minutes")
    assert all(c.ok for c in checks if c.label.startswith("Public documents hide nothing"))


def test_only_a_manager_can_override_and_only_with_a_reason(clerk, manager):
    _, document = leaking_meeting()
    with pytest.raises(PermissionDenied):
        record_override(document=document, user=clerk, reason="Fine by me.")
    with pytest.raises(ValidationError, match="Give the reason"):
        record_override(document=document, user=manager, reason="   ")
    assert not ScanOverride.objects.exists()
    assert not Transition.objects.exists()


def test_a_replaced_file_is_scanned_afresh_and_needs_its_own_override(manager):
    _, document = leaking_meeting()
    record_override(document=document, user=manager, reason="Checked: nothing personal.")
    assert release_problems([document]) == []

    document.file = ContentFile(planted.pdf_hidden_layer(), name="report-v2.pdf")
    document.save()
    problems = release_problems([document])
    assert len(problems) == 1 and "hidden layer (page 1)" in problems[0]

    document.file = ContentFile(planted.clean_pdf(), name="report-v3.pdf")
    document.save()
    assert release_problems([document]) == []
    assert DocumentScan.objects.filter(document=document).count() == 3
    assert DocumentScan.objects.current().get(document=document).leak_count == 0


def test_warnings_are_listed_but_do_not_block(manager):
    item = future_item()
    document = f.DocumentFactory(
        item=item,
        title="Signed report",
        file=ContentFile(
            planted._pdf([planted.BODY], setup=lambda p: p.docinfo.__setitem__("/Author", "Jo")),
            name="r.pdf",
        ),
    )
    assert release_problems([document]) == []
    assert release_warnings([document]) == [
        "“Signed report”: document properties (the file’s properties)."
    ]
    checks = publishing.publication_checks(item.meeting, manager, "agenda")
    notes = next(c for c in checks if c.label == "Hidden-content warnings on public documents")
    assert not notes.blocking and notes.problems
    publishing.run("publish_agenda", item.meeting, manager)


def test_exempt_and_generated_documents_are_not_asked_about(manager):
    item = future_item()
    f.DocumentFactory(
        item=item, is_exempt=True, file=ContentFile(planted.pdf_text_under_box(), name="x.pdf")
    )
    publishing.run("publish_agenda", item.meeting, manager)  # no refusal


def test_the_backlog_command_scans_what_was_never_scanned():
    from io import StringIO

    from django.core.management import call_command

    leaking_meeting()
    f.DocumentFactory(title="Clean report")
    out = StringIO()
    call_command("scan_documents", stdout=out)
    assert "Allocations report: 1 hidden-content finding(s)" in out.getvalue()
    assert "Scanned 2 file(s); 1 with hidden content." in out.getvalue()
    out = StringIO()
    call_command("scan_documents", stdout=out)
    assert "Scanned 0 file(s)" in out.getvalue()
