"""The ModernGov parsers on their own: plain records out, no database."""

import pytest

from agenda.importers import SourceError
from agenda.importers.html import parse_html
from agenda.importers.numbering import clean_text, match_heading, match_label
from agenda.importers.text import parse_text
from agenda.importers.xml import parse_xml
from tests.agenda.import_helpers import fixture


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("(1)       The Area Committee", ("(1)", "The Area Committee")),
        ("1. That it be noted", ("1.", "That it be noted")),
        ("(a) That it be noted", ("(a)", "That it be noted")),
        ("(iv) That it be noted", ("(iv)", "That it be noted")),
        ("a) That it be noted", ("a)", "That it be noted")),
        ("(2)That it be noted", ("(2)", "That it be noted")),
        ("1.5 million was spent", None),
        ("That it be noted", None),
    ],
)
def test_numbered_labels(line, expected):
    assert match_label(clean_text(line)) == expected


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Recommended –", ("recommendations", "")),
        ("RECOMMENDED -", ("recommendations", "")),
        ("Resolved", ("resolutions", "")),
        ("RESOLVED:", ("resolutions", "")),
        ("resolved — (1) That", ("resolutions", "(1) That")),
        (
            "Resolved\u00a0–\u00a0That the report be noted.",
            ("resolutions", "That the report be noted."),
        ),
        ("Recommendations from the panel were welcomed.", None),
        ("Resolvedly", None),
    ],
)
def test_list_headings(line, expected):
    assert match_heading(clean_text(line)) == expected


def test_decision_heading_starts_the_minute():
    source = "Budget\nRecommended –\n(1) Approve.\nDecision:\nRESOLVED – That it be approved."
    item = parse_text(source.encode()).meetings[0].items[0]
    assert item.recommendations[0].label == "(1)"
    assert item.resolutions[0].text == "That it be approved."


def test_clean_text_decodes_double_encoding_and_odd_spaces():
    assert (
        clean_text("Members&amp;#39;\u00a0\u2009 views &amp;amp; votes ")
        == "Members' views & votes"
    )


def test_text_fixture_with_letters_and_plain_numbers():
    meeting = parse_text(fixture("item-letters.txt")).meetings[0]
    item = meeting.items[0]
    assert (meeting.committee, str(meeting.date), item.number) == (
        "Harbourside Area Committee",
        "2023-01-12",
        "4",
    )
    assert [(r.label, r.text) for r in item.recommendations] == [
        ("1.", "That the winter timetable be adopted from 1 February."),
        ("2.", "That usage be reviewed after six months."),
    ]
    assert [r.label for r in item.resolutions] == ["(a)", "(b)"]
    assert item.report_reference == 'Document "K"'
    assert item.scrutiny_area == "Place"
    assert item.action_owner == "Director of Place"
    assert item.contact.phone == "01632 960123"
    assert [d.title for d in item.documents] == ["Winter timetable report"]


def test_html_item_page():
    meeting = parse_html(fixture("item-page.html")).meetings[0]
    item = meeting.items[0]
    assert item.title == "Bus shelter repairs on the Quayside 'phase two'"
    assert item.external_id == "item-9101"
    assert [r.label for r in item.recommendations] == ["(i)", "(ii)"]
    assert [r.label for r in item.resolutions] == ["a)", "b)"]
    assert item.resolutions[1].text.endswith("and that Members be told the outcome.")
    assert item.minutes_paragraphs == [
        "Members noted that two shelters had been closed since March."
    ]
    assert item.action_owner == "Strategic Director, Place"
    assert (item.documents[0].title, item.documents[0].url) == (
        "Quayside shelters report",
        "https://democracy.example.gov.uk/documents/s4411/Quayside%20shelters%20report.pdf?ID=4411",
    )
    assert "tracking" not in " ".join(item.agenda_paragraphs)  # scripts are not content


def test_html_meeting_page():
    meeting = parse_html(fixture("meeting-page.html")).meetings[0]
    assert meeting.committee == "Northfield Area Committee"
    assert (str(meeting.date), str(meeting.time)) == ("2024-05-14", "18:00:00")
    assert meeting.venue == "Committee Room 2, Northfield Library"
    assert meeting.minutes_draft is True
    assert [i.number for i in meeting.items] == ["1", "2", "3"]
    assert meeting.items[2].title == "Ward councillors' budget"
    assert [r.text for r in meeting.items[2].resolutions] == ["That the spending to date be noted."]


def test_getmeeting_xml():
    meeting = parse_xml(fixture("getmeeting.xml")).meetings[0]
    assert (meeting.external_id, meeting.committee, str(meeting.time)) == (
        "7301",
        "Riverside Scrutiny Panel",
        "17:30:00",
    )
    flood = meeting.items[1]
    assert flood.title == "Flood defences at Mill Lane & the weir"
    assert flood.agenda_paragraphs[0].endswith("on the residents' survey.")
    assert [r.label for r in flood.recommendations] == ["(1)", "(2)"]
    assert [r.label for r in flood.resolutions] == ["(a)", "(b)"]
    assert flood.documents[1].title == "Survey results & maps"
    assert [(i.is_restricted, i.restricted_paragraph) for i in meeting.items[2:]] == [
        (True, 3),
        (True, None),
    ]
    assert meeting.attendees[1].name == "Councillor Owen O'Hara"


@pytest.mark.parametrize(
    ("parser", "data", "message"),
    [
        (parse_text, b"", "empty"),
        (parse_text, "Agenda item".encode("utf-16-le"), "UTF-16"),
        (parse_text, b"Title\nMinutes:\n\xff\xfe\xfa bad", "not valid UTF-8"),
        (parse_text, b"Dear all,\nLunch is at noon.\n", "does not look like a ModernGov"),
        (parse_html, b"<html><body><p>Hello</p></body></html>", "not a saved ModernGov page"),
        (parse_html, fixture("item-page.html")[:1200], "truncated"),
        (parse_html, b'<p class="img-box">Minutes:</p>', "not a saved ModernGov page"),
        (parse_html, b'<div class="mgContent"><p>Hello</p></div>', "does not look like"),
        (parse_xml, b"<getmeeting><meeting><meetingid>1", "damaged or truncated"),
        (parse_xml, b"<rss><channel/></rss>", "not a ModernGov web-service"),
        (
            parse_xml,
            b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>'
            b"<getmeeting>&e;</getmeeting>",
            "refused for safety",
        ),
    ],
)
def test_bad_sources_are_refused_with_a_reason(parser, data, message):
    with pytest.raises(SourceError, match=message):
        parser(data)
