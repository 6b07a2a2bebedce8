"""Earlier versions of a PDF kept inside it. A PDF saved "with changes added on" (an
incremental update) keeps every earlier version after the first in full: text deleted or
"redacted" in a later save can be read by opening the file as it was."""

import re

import pypdfium2 as pdfium

from agenda.scanning.findings import LEAK, WARNING, Code, page_list, sample

END_MARKER = re.compile(rb"%%EOF")
WORD = re.compile(r"\w{3,}")
MAX_REVISIONS = 20


def earlier_versions(data):
    """The bytes of each earlier version, oldest first (a linearized file's first-page
    section is not a version of its own)."""
    ends = [m.end() for m in END_MARKER.finditer(data)]
    if ends and not data[ends[-1] :].strip(b"\r\n\x00 "):
        ends = ends[:-1]  # the last marker closes the file as it is now
    if ends and b"/Linearized" in data[:1024]:
        ends = ends[1:]
    return [data[:end] for end in ends[-MAX_REVISIONS:]]


def _words_by_page(data):
    document = pdfium.PdfDocument(data)
    try:
        pages = []
        for index in range(len(document)):
            page = document[index]
            textpage = page.get_textpage()
            pages.append(list(dict.fromkeys(WORD.findall(textpage.get_text_range()))))
            textpage.close()
            page.close()
        return pages
    finally:
        document.close()


def inspect_history(data, report):
    versions = earlier_versions(data)
    if not versions:
        return
    final = set().union(*_words_by_page(data))
    removed_pages, removed_words, readable = [], [], 0
    for version in versions:
        try:
            pages = _words_by_page(version)
        except pdfium.PdfiumError:
            continue  # not a version after all (the marker sat inside a stream)
        readable += 1
        for number, words in enumerate(pages, start=1):
            gone = [w for w in words if w not in final]
            if gone:
                removed_pages.append(number)
                removed_words.extend(w for w in gone if w not in removed_words)
    if not readable:
        return
    if removed_words:
        report.add(
            LEAK,
            Code.EARLIER_REVISION,
            page_list(removed_pages),
            f"An earlier version of this PDF is still inside it, with text no longer on its "
            f"pages: “{sample(' '.join(removed_words), 60)}”.",
            "Save it with “Save As” to a new file, or print it to a new PDF, so only the "
            "final version is kept, and upload that.",
        )
    else:
        report.add(
            WARNING,
            Code.EARLIER_REVISION,
            "the whole file",
            f"The PDF keeps {readable} earlier version(s) of itself. Their text matches the "
            "final version, but earlier pictures or comments may still be inside.",
            "Unless the file is digitally signed, save it with “Save As” (or print it to a "
            "new PDF) and upload that.",
        )
