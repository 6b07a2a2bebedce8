"""Rich text is stored clean: Word's spacer paragraphs are dropped, real text kept."""

import pytest

from committees.richtext import html_to_text, sanitise_html

# What Word puts on the clipboard between two paragraphs (trimmed to the shape that matters).
WORD_PASTE = (
    '<p class="MsoNormal"><span lang="EN-GB">The Director submitted a report.</span></p>'
    '<p class="MsoNormal"><o:p>&nbsp;</o:p></p>'
    "<p>\xa0</p>"
    '<p class="MsoNormal"><b><span>&nbsp;</span></b></p>'
    "<p><br></p>\n"
    '<p class="MsoNormal">Members asked about the&nbsp;timetable.</p>'
)


def test_word_spacer_paragraphs_are_dropped():
    assert sanitise_html(WORD_PASTE) == (
        "<p>The Director submitted a report.</p><p>Members asked about the&nbsp;timetable.</p>"
    )


@pytest.mark.parametrize("empty", ["", "<p></p>", "<p><br></p>", "<p>&nbsp;</p>", "<h3> </h3>"])
def test_empty_editor_output_is_stored_as_nothing(empty):
    assert sanitise_html(empty) == ""


def test_line_breaks_and_inline_spaces_inside_text_are_kept():
    html = "<p>Line one<br>line two</p><p><strong>Resolved</strong>&nbsp;that</p>"
    assert sanitise_html(html) == html
    assert html_to_text(html) == "Line one line two Resolved that"
