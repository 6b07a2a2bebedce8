"""The small readers on their own: labels, contacts, attendance, declarations, exemption."""

import pytest

from agenda.importers.attendance import parse_attendance_line
from agenda.importers.contacts import contact_body, parse_contacts
from agenda.importers.declarations import parse_declarations
from agenda.importers.exempt import find_exclusion, paragraphs_in, title_says_private
from agenda.importers.numbering import clean_text, match_heading, match_label, split_inline


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("RESOLVED, that the plan be approved.", ("resolutions", "that the plan be approved.")),
        ("Resolved:- That it be noted.", ("resolutions", "That it be noted.")),
        ("It was RESOLVED to defer the item.", ("resolutions", "to defer the item.")),
        ("It was therefore RESOLVED that", ("resolutions", "that")),
        ("RECOMMENDED TO COUNCIL:-", ("recommendations", "")),
        ("14 Resolved –", ("resolutions", "")),
        ("RESOLVED (unanimously) – That", ("resolutions", "That")),
        ("AGREED: That the minutes be signed.", ("resolutions", "That the minutes be signed.")),
        ("Agreed actions were listed in the log.", None),
        ("It was resolved at the last meeting that the fees rise.", None),
        ('"RESOLVED – That the regatta be supported" was the wording', None),
    ],
)
def test_decision_labels_in_all_their_spellings(line, expected):
    assert match_heading(clean_text(line)) == expected


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("A:   Welcomes the strategy.", ("A:", "Welcomes the strategy.")),
        ("B. Approves the plan.", ("B.", "Approves the plan.")),
        ("i) That it be noted.", ("i)", "That it be noted.")),
        ("1) That it be noted.", ("1)", "That it be noted.")),
        ("3.1 The report sets out", None),
        ("a: lower-case letter", None),
    ],
)
def test_numbering_styles(line, expected):
    assert match_label(clean_text(line)) == expected


def test_inline_lists_split_only_in_sequence():
    assert split_inline("(1) That A; (2) That B; and (3) That C.") == [
        ("(1)", "That A"),
        ("(2)", "That B"),
        ("(3)", "That C."),
    ]
    assert split_inline("(1) That A as in (4) of the report") is None
    assert split_inline("That (a) and (b) apply") is None


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("(Darren Minton Manager – 01274 434361)", [("Darren Minton", "Manager", "01274 434361")]),
        (
            "(Ann Lee / Bob Kay – 01632 960100 / 01632 960101)",
            [("Ann Lee", "", "01632 960100"), ("Bob Kay", "", "01632 960101")],
        ),
        (
            "Contact: Sue White Tel: (01632) 810262; E-Mail: sue.white@example.gov.uk",
            [("Sue White", "", "(01632) 810262")],
        ),
        (
            "Contact: Vicky Hale or Huma Yates  Email: huma.yates@example.gov.uk",
            [("Vicky Hale", "", ""), ("Huma Yates", "", "")],
        ),
        (
            "Contact Officer: Jo Bloggs, Head of Housing, 01632 960222",
            [("Jo Bloggs", "Head of Housing", "01632 960222")],
        ),
    ],
)
def test_contact_lines_with_several_names_and_numbers(line, expected):
    contacts = parse_contacts(contact_body(line))
    assert [(c.name, c.job_title, c.phone) for c in contacts] == expected


def test_emails_go_to_the_person_they_name():
    found = parse_contacts("Vicky Hale or Huma Yates Email: huma.yates@example.gov.uk")
    assert [c.email for c in found] == ["", "huma.yates@example.gov.uk"]


def test_attendance_lines():
    present = parse_attendance_line("Present: Councillors Ann Lee (Chair), Bob Kay and Cath Moss")
    assert [(a.name, a.attendance, a.role) for a in present] == [
        ("Ann Lee", "Present", "Chair"),
        ("Bob Kay", "Present", ""),
        ("Cath Moss", "Present", ""),
    ]
    apologies = parse_attendance_line(
        "Apologies for absence were received from Councillor Joe Bell (substituted by "
        "Councillor Rita Shaw)."
    )
    assert [(a.name, a.attendance, a.substitute_for) for a in apologies] == [
        ("Joe Bell", "Apologies", ""),
        ("Rita Shaw", "Present as substitute", "Joe Bell"),
    ]
    officers = parse_attendance_line("In attendance: Ms D Wilby (Licensing Manager)")
    assert officers[0].is_officer and officers[0].role == "Licensing Manager"
    assert parse_attendance_line("There were no apologies for absence.") == []


def test_declarations_in_their_forms():
    found = parse_declarations(
        [
            "Councillors George and Judith Cooper both declared a personal interest in Items 9 "
            "and 11 as neighbours of the site.",
            "The Chair, Councillor Grewal, declared a prejudicial interest in agenda item 3 and "
            "left the meeting.",
            "There were no other declarations of interest.",
        ]
    )
    assert [(d.member, d.kind, d.item_number, d.left_room, d.kind_guessed) for d in found] == [
        ("George Cooper", "other_registrable", "9", False, True),
        ("George Cooper", "other_registrable", "11", False, True),
        ("Judith Cooper", "other_registrable", "9", False, True),
        ("Judith Cooper", "other_registrable", "11", False, True),
        ("Grewal", "pecuniary", "3", True, True),
    ]


@pytest.mark.parametrize(
    ("text", "paragraphs", "next_only"),
    [
        (
            "RESOLVED – That the public be excluded for the following item as it involves "
            "exempt information as defined in paragraph 3 of Part 1 of Schedule 12A.",
            [3],
            True,
        ),
        (
            "That the press and public be excluded … paragraphs 1 and 2 of Schedule 12A",
            [1, 2],
            False,
        ),
        ("… the public be excluded … paragraph 14 of Part 4 of Schedule 12A", [14], False),
        ("… the public be excluded … paragraph 3 of Part 4 of Schedule 12A", [14], False),
        ("… the public be excluded … paragraph 18A of Part 4 of Schedule 12A", [18], False),
    ],
)
def test_exclusion_resolutions_and_their_paragraphs(text, paragraphs, next_only):
    found = find_exclusion(text)
    assert (found.paragraphs, found.next_only) == (paragraphs, next_only)


@pytest.mark.parametrize(
    "text",
    [
        "If necessary, the Chair will move that the public be excluded (paragraph 3).",
        "There were no items requiring the exclusion of the press and public.",
        "The meeting remained open although the public could have been excluded.",
    ],
)
def test_an_exclusion_never_moved_excludes_no_one(text):
    assert find_exclusion(text) is None


def test_private_titles_and_paragraph_words():
    assert title_says_private("Churchgate update - Part 2")
    assert title_says_private("Exempt: staffing restructure")
    assert not title_says_private("Local Plan Part 2: examination update")
    assert paragraphs_in("By virtue of paragraph(s) 3 and 4 of Part 1 of Schedule 12A") == [3, 4]
