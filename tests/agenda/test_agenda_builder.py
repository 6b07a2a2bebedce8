"""The meeting page as the agenda builder: standard items from the committee's template,
items added by title, moves up and down, reports uploaded together and matched to their
items by file name, the next steps with their checklist, and "save" back to the meeting."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from agenda import publishing
from agenda.models import AgendaItem, AgendaTemplateItem, Document, Meeting, StagedUpload
from agenda.printing.simple_pdf import make_pdf
from agenda.publishing.building import add_items, move_item, titles_from
from agenda.publishing.matching import propose, split_name
from agenda.publishing.standard_items import add_standard_items, template_of
from tests import factories as f
from tests.agenda.admin_forms import change_form_data

K = AgendaItem.Kind
pytestmark = pytest.mark.django_db


def layout(meeting):
    return list(meeting.items.order_by("position").values_list("number", "title"))


def change_url(meeting):
    return reverse("admin:agenda_meeting_change", args=[meeting.pk])


@pytest.fixture
def meeting():
    earlier = f.MeetingFactory(start=timezone.now() - datetime.timedelta(days=30))
    return f.MeetingFactory(
        committee=earlier.committee, start=timezone.now() + datetime.timedelta(days=30)
    )


def post_builder(client, meeting, action, **extra):
    """Press a builder button on the meeting page: the page's form as shown, plus it."""
    data = change_form_data(client.get(change_url(meeting)))
    data.update({"_builder": action, **extra})
    return client.post(change_url(meeting), data)


# ----------------------------------------------------------------- standard items


def test_the_committee_template_decides_the_standard_items(meeting):
    committee = meeting.committee
    assert list(template_of(committee)) == [
        K.APOLOGIES,
        K.DECLARATIONS,
        K.PREVIOUS_MINUTES,
        K.PUBLIC_QUESTIONS,
        K.EXCLUSION,
    ]
    AgendaTemplateItem.objects.create(committee=committee, position=1, kind=K.DECLARATIONS)
    AgendaTemplateItem.objects.create(
        committee=committee,
        position=2,
        kind=K.PUBLIC_QUESTIONS,
        title="Questions from the public",
        agenda_text="<p>Up to 30 minutes of questions.</p>",
    )
    f.AgendaItemFactory(meeting=meeting, title="Budget")

    added = add_standard_items(meeting)

    assert [item.kind for item in added] == [K.DECLARATIONS, K.PUBLIC_QUESTIONS]
    assert layout(meeting) == [
        ("1", "Declarations of interest"),
        ("2", "Questions from the public"),
        ("3", "Budget"),
    ]
    questions = meeting.items.get(kind=K.PUBLIC_QUESTIONS)
    assert questions.agenda_text == "<p>Up to 30 minutes of questions.</p>"
    # Publishing still adds what the law needs, whatever the template says.
    assert "Minutes of the previous meeting" not in [t for _n, t in layout(meeting)]


def test_the_standard_items_button_saves_the_page_and_adds_them(clerk_client, meeting):
    f.AgendaItemFactory(meeting=meeting, title="Budget")
    page = clerk_client.get(change_url(meeting)).content.decode()
    assert "Build the agenda" in page and "Add the standard items" in page
    assert "Public questions: <strong>not on the agenda yet</strong>" in page

    response = post_builder(clerk_client, meeting, "standard")

    assert response.status_code == 302
    assert response["Location"] == change_url(meeting) + "#items-group"
    assert [t for _n, t in layout(meeting)] == [
        "Apologies for absence",
        "Declarations of interest",
        "Minutes of the previous meeting",
        "Public questions",
        "Budget",
    ]
    page = clerk_client.get(change_url(meeting)).content.decode()
    assert "Add the standard items" not in page


# --------------------------------------------------------------- items by title


def test_titles_are_read_one_per_line_without_typed_numbers():
    assert titles_from("7. Budget\n\n  Libraries   strategy \n8) Depot\n2025 budget") == [
        "Budget",
        "Libraries strategy",
        "Depot",
        "2025 budget",
    ]


def test_new_items_go_before_the_exclusion_and_exempt_items(meeting):
    f.AgendaItemFactory(meeting=meeting, title="Budget")
    f.AgendaItemFactory(
        meeting=meeting, title="Staffing", is_exempt=True, exempt_paragraph=1,
        public_interest_reason="Privacy.",
    )  # fmt: skip
    add_items(meeting, ["Libraries", "Parks"])
    assert layout(meeting) == [
        ("1", "Budget"),
        ("2", "Libraries"),
        ("3", "Parks"),
        ("4", "Staffing"),
    ]


def test_the_add_button_adds_the_typed_titles(clerk_client, meeting):
    f.AgendaItemFactory(meeting=meeting, title="Budget")
    response = post_builder(clerk_client, meeting, "add", **{"builder-titles": "Libraries\nParks"})
    assert response.status_code == 302
    assert layout(meeting) == [("1", "Budget"), ("2", "Libraries"), ("3", "Parks")]


def test_a_published_agenda_gets_new_items_at_the_end_as_a_supplement(meeting, manager):
    f.AgendaItemFactory(meeting=meeting, title="Budget")
    publishing.run("publish_agenda", meeting, manager, background=False)
    meeting.refresh_from_db()
    before = layout(meeting)
    (added,) = add_items(meeting, ["Late report"])
    assert layout(meeting) == [*before, (added.number, "Late report")]
    assert added.is_supplement


# -------------------------------------------------------------------------- moves


def test_moving_an_item_up_and_down_renumbers(clerk_client, meeting):
    items = [f.AgendaItemFactory(meeting=meeting, title=t) for t in ("A", "B", "C")]
    page = clerk_client.get(change_url(meeting)).content.decode()
    assert f'value="up:{items[0].pk}"' in page and "disabled" in page

    response = post_builder(clerk_client, meeting, f"up:{items[2].pk}")

    assert response.status_code == 302
    assert layout(meeting) == [("1", "A"), ("2", "C"), ("3", "B")]
    assert move_item(AgendaItem.objects.get(pk=items[0].pk), -1) is None  # first already
    assert move_item(AgendaItem.objects.get(pk=items[0].pk), 1) == "2"
    assert layout(meeting) == [("1", "C"), ("2", "A"), ("3", "B")]


def test_the_page_is_saved_before_the_move(clerk_client, meeting):
    items = [f.AgendaItemFactory(meeting=meeting, title=t) for t in ("A", "B")]
    data = change_form_data(clerk_client.get(change_url(meeting)))
    index = next(k for k, v in data.items() if k.endswith("-title") and v == "A")
    data[index] = "A, retitled"
    data["_builder"] = f"down:{items[0].pk}"
    assert clerk_client.post(change_url(meeting), data).status_code == 302
    assert layout(meeting) == [("1", "B"), ("2", "A, retitled")]


def test_a_published_agenda_is_not_reordered_by_moves(meeting, manager):
    items = [f.AgendaItemFactory(meeting=meeting, title=t) for t in ("A", "B")]
    publishing.run("publish_agenda", meeting, manager, background=False)
    with pytest.raises(Exception, match="keep their order"):
        move_item(AgendaItem.objects.get(pk=items[1].pk), -1)


# ------------------------------------------------------------------------ matching


@pytest.mark.parametrize(
    ("name", "number", "letter", "rest"),
    [
        ("07 Budget monitoring.pdf", "7", "", "Budget monitoring"),
        ("Item 7 - Budget.pdf", "7", "", "Budget"),
        ("7.1 Appendix.pdf", "7.1", "", "Appendix"),
        ("07a Budget tables.pdf", "7", "a", "Budget tables"),
        ("2025 budget.pdf", None, "", "2025 budget"),
        ("Libraries strategy.pdf", None, "", "Libraries strategy"),
    ],
)
def test_file_names_are_read_for_a_number(name, number, letter, rest):
    assert split_name(name) == (number, letter, rest)


def test_reports_are_matched_by_number_then_by_title(meeting):
    titles = ["Apologies", "Budget monitoring", "Libraries strategy", "Depot repairs"]
    items = [f.AgendaItemFactory(meeting=meeting, title=t) for t in titles]
    items = list(meeting.items.order_by("position").prefetch_related("documents"))
    proposals = propose(
        [
            "02 Budget monitoring.pdf",
            "02a Budget tables.pdf",
            "Libraries strategy final.pdf",
            "03 Depot repairs.pdf",  # numbered before a reorder: the words win
            "Minutes.pdf",
        ],
        items,
    )
    assert [(p.item.title if p.item else None, p.kind) for p in proposals] == [
        ("Budget monitoring", Document.Kind.REPORT),
        ("Budget monitoring", Document.Kind.APPENDIX),
        ("Libraries strategy", Document.Kind.REPORT),
        ("Depot repairs", Document.Kind.REPORT),
        (None, Document.Kind.REPORT),
    ]
    assert proposals[0].title == "Budget monitoring"
    assert proposals[1].title == "Budget tables"
    assert "not matched" in proposals[4].how


# ------------------------------------------------------------------- bulk upload


def pdf_file(name, title=None):
    return SimpleUploadedFile(name, make_pdf(title or name, ["A report."]), "application/pdf")


def test_bulk_upload_is_held_matched_confirmed_and_scanned(clerk_client, clerk, meeting):
    for title in ("Budget monitoring", "Libraries strategy"):
        f.AgendaItemFactory(meeting=meeting, title=title)
    files = [
        pdf_file("01 Budget monitoring.pdf"),
        pdf_file("Libraries strategy.pdf"),
        SimpleUploadedFile("02 Sneaky.pdf", b"<html><script>alert(1)</script>", "application/pdf"),
    ]
    response = post_builder(clerk_client, meeting, "upload", **{"builder-reports": files})

    match_url = reverse("admin:agenda_meeting_match_reports", args=[meeting.pk])
    assert response.status_code == 302 and response["Location"] == match_url
    assert StagedUpload.objects.filter(meeting=meeting, uploaded_by=clerk).count() == 2
    assert not Document.objects.filter(meeting=meeting).exists()  # nothing attached yet
    refused = [str(m) for m in clerk_client.get(match_url).context["messages"]]
    assert any("“02 Sneaky.pdf” was not uploaded" in m and "web page" in m for m in refused)

    page = clerk_client.get(match_url)
    text = page.content.decode()
    assert "Proposed by its number (1)." in text and "Proposed by its title." in text
    formset = page.context["formset"]
    data = {
        "match-TOTAL_FORMS": "2",
        "match-INITIAL_FORMS": "2",
        "match-MIN_NUM_FORMS": "0",
        "match-MAX_NUM_FORMS": "1000",
    }
    for n, form in enumerate(formset.forms):
        for name in ("staged", "item", "kind", "title"):
            value = form.initial.get(name)
            data[f"match-{n}-{name}"] = "" if value is None else str(value)

    response = clerk_client.post(match_url, data)

    assert response.status_code == 302
    assert response["Location"] == change_url(meeting) + "#builder"
    documents = Document.objects.filter(meeting=meeting).order_by("item__position")
    assert [(d.item.title, d.title, d.kind) for d in documents] == [
        ("Budget monitoring", "Budget monitoring", "report"),
        ("Libraries strategy", "Libraries strategy", "report"),
    ]
    assert all(d.content_type == "application/pdf" and d.published_at is None for d in documents)
    assert all(d.scans.exists() for d in documents)  # converted and scanned as any upload
    assert not StagedUpload.objects.exists()


def test_a_file_the_release_rule_refuses_stops_the_whole_batch(clerk_client, meeting):
    from tests.agenda.test_uploads import office_zip

    f.AgendaItemFactory(meeting=meeting, title="Budget monitoring")
    xlsx = office_zip(
        b"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml".decode()
    )
    files = [
        pdf_file("01 Budget monitoring.pdf"),
        SimpleUploadedFile("01a Budget tables.xlsx", xlsx, "application/octet-stream"),
    ]
    post_builder(clerk_client, meeting, "upload", **{"builder-reports": files})
    match_url = reverse("admin:agenda_meeting_match_reports", args=[meeting.pk])
    formset = clerk_client.get(match_url).context["formset"]
    data = {"match-TOTAL_FORMS": "2", "match-INITIAL_FORMS": "2"}
    for n, form in enumerate(formset.forms):
        for name in ("staged", "item", "kind", "title"):
            value = form.initial.get(name)
            data[f"match-{n}-{name}"] = "" if value is None else str(value)

    response = clerk_client.post(match_url, data)

    assert response.status_code == 200
    assert "Nothing was attached" in response.content.decode()
    assert "is not a PDF" in response.content.decode()
    assert not Document.objects.exists()
    assert StagedUpload.objects.count() == 2  # still held, to decide again

    data["match-1-item"] = ""  # "Do not attach"
    assert clerk_client.post(match_url, data).status_code == 302
    assert Document.objects.count() == 1 and not StagedUpload.objects.exists()


def test_held_uploads_are_the_uploaders_own(client, clerk, meeting, django_user_model):
    StagedUpload.objects.create(
        meeting=meeting,
        file=pdf_file("01 Budget.pdf"),
        original_filename="01 Budget.pdf",
        content_type="application/pdf",
        uploaded_by=clerk,
    )
    other = f.user_in_group("clerk_two", "Clerk")
    client.force_login(other)
    match_url = reverse("admin:agenda_meeting_match_reports", args=[meeting.pk])
    response = client.get(match_url)
    assert response.status_code == 302  # nothing of theirs waiting
    assert StagedUpload.objects.count() == 1


# -------------------------------------------------------------- steps and items


def test_next_steps_show_the_checklist_and_publish_from_the_meeting_page(
    clerk_client, manager, meeting
):
    from django.test import Client

    manager_client = Client()
    manager_client.force_login(manager)
    f.AgendaItemFactory(meeting=meeting, title="Budget")
    step_url = reverse("admin:agenda_meeting_step", args=[meeting.pk, "publish_agenda"])
    clerk_page = clerk_client.get(change_url(meeting)).content.decode()
    assert "Next steps" in clerk_page and "✔ Passed" in clerk_page
    assert step_url not in clerk_page  # a clerk does not publish
    assert "A democratic services manager takes this step" in clerk_page

    page = manager_client.get(change_url(meeting)).content.decode()
    assert step_url in page
    confirm = manager_client.get(step_url)
    assert confirm.status_code == 200
    assert "Yes, publish the agenda" in confirm.content.decode()
    assert change_url(meeting) in confirm.content.decode()  # "No, take me back"

    response = manager_client.post(step_url, {"confirmed": "yes"})

    assert response.status_code == 302 and response["Location"] == change_url(meeting)
    meeting.refresh_from_db()
    assert meeting.agenda_status == Meeting.AgendaStatus.PUBLISHED
    assert (
        manager_client.get(
            reverse("admin:agenda_meeting_step", args=[meeting.pk, "nope"])
        ).status_code
        == 404
    )


def test_saving_an_item_returns_to_its_meeting(clerk_client, meeting):
    from tests.agenda.admin_forms import change_form_data as form_data

    item = f.AgendaItemFactory(meeting=meeting, title="Budget")
    url = reverse("admin:agenda_agendaitem_change", args=[item.pk])
    data = form_data(clerk_client.get(url))
    data["report_reference"] = "Document A"
    data["_save"] = "Save"
    response = clerk_client.post(url, data)
    assert response.status_code == 302
    assert response["Location"] == change_url(meeting) + "#items-group"
    add = reverse("admin:agenda_agendaitem_add") + f"?meeting={meeting.pk}"
    data = form_data(clerk_client.get(add))
    data.update(title="Parks", _save="Save")
    response = clerk_client.post(reverse("admin:agenda_agendaitem_add"), data)
    assert response.status_code == 302
    assert response["Location"] == change_url(meeting) + "#items-group"


def test_the_panels_buttons_post_to_their_own_address(clerk_client, meeting):
    """Inside the meeting's form (forms cannot nest), so each names its target."""
    source = f.MeetingFactory(
        committee=meeting.committee, start=meeting.start - datetime.timedelta(days=60)
    )
    item = f.AgendaItemFactory(meeting=source)
    f.ActionFactory(item=item, report_back=True, due_date=timezone.localdate())
    page = clerk_client.get(change_url(meeting)).content.decode()
    assert "formaction=" in page and '<form method="post" action=' not in page


def test_a_late_agenda_asks_for_its_reason_on_the_confirmation_page(manager_client):
    meeting = f.MeetingFactory(start=timezone.now() + datetime.timedelta(days=2))
    f.AgendaItemFactory(meeting=meeting, title="Budget")
    step_url = reverse("admin:agenda_meeting_step", args=[meeting.pk, "publish_agenda"])
    page = manager_client.get(step_url).content.decode()
    assert f'<label for="id_urgency_{meeting.pk}" class="required">' in page
    assert f'name="urgency_{meeting.pk}"' in page

    refused = manager_client.post(step_url, {"confirmed": "yes"})
    assert refused.status_code == 302
    meeting.refresh_from_db()
    assert meeting.agenda_status == Meeting.AgendaStatus.DRAFT  # no reason: not published

    manager_client.post(
        step_url, {"confirmed": "yes", f"urgency_{meeting.pk}": "The budget came late."}
    )
    meeting.refresh_from_db()
    assert meeting.agenda_status == Meeting.AgendaStatus.PUBLISHED
    assert meeting.late_publication_reason == "The budget came late."


def test_a_matching_form_for_other_files_is_not_applied(clerk_client, clerk, meeting):
    f.AgendaItemFactory(meeting=meeting, title="Budget")
    post_builder(
        clerk_client, meeting, "upload", **{"builder-reports": [pdf_file("01 Budget.pdf")]}
    )
    match_url = reverse("admin:agenda_meeting_match_reports", args=[meeting.pk])
    stale = {"match-TOTAL_FORMS": "1", "match-INITIAL_FORMS": "1", "match-0-staged": "999999"}
    response = clerk_client.post(
        match_url, {**stale, "match-0-title": "X", "match-0-kind": "report"}
    )
    assert response.status_code == 200
    assert "changed meanwhile" in response.content.decode()
    assert not Document.objects.exists() and StagedUpload.objects.count() == 1
    assert clerk_client.post(match_url, {"match-TOTAL_FORMS": "x"}).status_code == 200

    held = StagedUpload.objects.get()
    data = {
        "match-TOTAL_FORMS": "1",
        "match-INITIAL_FORMS": "1",
        "match-0-staged": str(held.pk),
        "match-0-item": "",
        "match-0-kind": "report",
        "match-0-title": "Budget",
    }
    response = clerk_client.post(match_url, data)  # "Do not attach" for the only file
    assert response.status_code == 302
    assert not Document.objects.exists() and not StagedUpload.objects.exists()
