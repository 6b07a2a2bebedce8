"""Continuous "Page N of M" footers across a merged PDF, written as a tiny content stream
per page (marked as a pagination artifact), which is far faster than rendering overlays."""

from pypdf.generic import (
    ArrayObject,
    DictionaryObject,
    NameObject,
    StreamObject,
)

FONT_NAME = "/MbPageNumber"
FONT_SIZE = 8.5
# Bottom right, low in the margin: uploaded reports usually number their own pages at the
# bottom centre, and the pack's number must not print over theirs.
BOTTOM_OFFSET = 20
RIGHT_OFFSET = 36


def _font():
    return DictionaryObject(
        {
            NameObject("/Type"): NameObject("/Font"),
            NameObject("/Subtype"): NameObject("/Type1"),
            NameObject("/BaseFont"): NameObject("/Helvetica"),
            NameObject("/Encoding"): NameObject("/WinAnsiEncoding"),
        }
    )


def _stream(writer, data):
    stream = StreamObject()
    stream.set_data(data)
    return writer._add_object(stream)


def stamp_page_numbers(writer, *, first=0):
    """Stamp pages `first`.. of `writer` with their number in the whole file. Helvetica is
    one of the standard 14 fonts, so nothing is embedded (see the pack's PDF/UA note)."""
    total = len(writer.pages)
    font = writer._add_object(_font())
    save_state = _stream(writer, b"q\n")
    for index in range(first, total):
        page = writer.pages[index]
        box = page.mediabox
        text = f"Page {index + 1} of {total}"
        width = len(text) * FONT_SIZE * 0.5
        x = float(box.right) - RIGHT_OFFSET - width
        y = float(box.bottom) + BOTTOM_OFFSET
        ops = (
            f"Q q /Artifact <</Type /Pagination /Subtype /Footer>> BDC BT {FONT_NAME} "
            f"{FONT_SIZE} Tf 0.2 g {x:.2f} {y:.2f} Td ({text}) Tj ET EMC Q\n"
        ).encode("ascii")
        resources = page.get("/Resources")
        resources = resources.get_object() if resources is not None else DictionaryObject()
        fonts = resources.get("/Font")
        fonts = fonts.get_object() if fonts is not None else DictionaryObject()
        fonts[NameObject(FONT_NAME)] = font
        resources[NameObject("/Font")] = fonts
        page[NameObject("/Resources")] = resources
        contents = page.get("/Contents")
        existing = (
            list(contents.get_object())
            if isinstance(contents and contents.get_object(), ArrayObject)
            else ([contents] if contents is not None else [])
        )
        page[NameObject("/Contents")] = ArrayObject([save_state, *existing, _stream(writer, ops)])
