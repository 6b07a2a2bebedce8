"""What is drawn on each PDF page, object by object in painting order (PDFium, through
pypdfium2): text painted over by a filled box or a picture (a failed redaction), white,
tiny or invisible text, text outside the page, content in named layers, and whether a
page carries real text or only a scanned picture.

Painting order is the point: PDFium hands back a page's objects in the order they are
drawn, so "text first, black box after" is exactly what a failed redaction looks like.
"""

import ctypes
import threading
from dataclasses import dataclass, field

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

TEXT = pdfium_c.FPDF_PAGEOBJ_TEXT
PATH = pdfium_c.FPDF_PAGEOBJ_PATH
IMAGE = pdfium_c.FPDF_PAGEOBJ_IMAGE
FORM = pdfium_c.FPDF_PAGEOBJ_FORM
INVISIBLE_MODES = {3, 7}  # text render modes that paint nothing (7 only clips)
MAX_OBJECTS_PER_PAGE = 100_000
MAX_FORM_DEPTH = 8
COVER_SHARE = 0.6  # a box hides text when it covers this share of the text's area
TINY_POINTS = 2.0  # text smaller than this cannot be read on screen or paper
WHITE = 245  # each of red, green and blue at least this bright reads as white


@dataclass
class PageFacts:
    """One page's findings, as short text samples (never the whole hidden text)."""

    number: int
    chars: int = 0  # pieces of text drawn (visible or not)
    images: int = 0
    image_share: float = 0.0  # share of the page covered by pictures
    covered: list = field(default_factory=list)
    white: list = field(default_factory=list)
    tiny: list = field(default_factory=list)
    invisible: list = field(default_factory=list)
    offpage: list = field(default_factory=list)
    layers: dict = field(default_factory=dict)  # hidden layer name -> text drawn in it

    @property
    def looks_scanned(self):
        return self.images > 0 and self.image_share >= 0.5 and self.chars == 0


@dataclass
class _Drawn:
    kind: int
    rect: tuple
    raw: object = None  # the PDFium object, for its text once it is worth reading
    opaque: bool = False
    colour: tuple = (0, 0, 0)


def _area(rect):
    return max(0.0, rect[2] - rect[0]) * max(0.0, rect[3] - rect[1])


def _overlap(a, b):
    return _area((max(a[0], b[0]), max(a[1], b[1]), min(a[2], b[2]), min(a[3], b[3])))


def _transform(matrix, rect):
    if matrix is None:
        return rect
    return matrix.on_rect(*rect)


def _wide_text(getter, *args):
    """Call a PDFium getter that fills a UTF-16 buffer (ask for the size, then fill)."""
    size = getter(*args, None, 0)
    if not size:
        return ""
    buffer = (pdfium_c.FPDF_WCHAR * (size // 2 + 1))()
    getter(*args, buffer, size)
    return bytes(memoryview(buffer).cast("B"))[:size].decode("utf-16-le", "ignore").strip("\x00")


OC_NAME = "OC\x00".encode("utf-16-le")


def _mark_layer(raw):
    """The layer (optional content group) name an object is drawn in, if any."""
    length = ctypes.c_ulong()
    name_buffer = (pdfium_c.FPDF_WCHAR * 3)()  # "OC" and its terminator; longer names differ
    for index in range(pdfium_c.FPDFPageObj_CountMarks(raw)):
        mark = pdfium_c.FPDFPageObj_GetMark(raw, index)
        pdfium_c.FPDFPageObjMark_GetName(mark, name_buffer, 6, length)
        if length.value != 6 or bytes(memoryview(name_buffer).cast("B")) != OC_NAME:
            continue
        pdfium_c.FPDFPageObjMark_GetParamStringValue(mark, b"Name", None, 0, length)
        if not length.value:
            return "(unnamed layer)"
        value = (pdfium_c.FPDF_WCHAR * (length.value // 2 + 1))()
        pdfium_c.FPDFPageObjMark_GetParamStringValue(mark, b"Name", value, length.value, length)
        text = bytes(memoryview(value).cast("B"))[: length.value].decode("utf-16-le", "ignore")
        return text.strip("\x00") or "(unnamed layer)"
    return None


_LOCAL = threading.local()


def _fill_colour(raw):
    # One set of out-parameters per thread, reused: this runs for every object drawn.
    rgba = getattr(_LOCAL, "rgba", None)
    if rgba is None:
        rgba = _LOCAL.rgba = tuple(ctypes.c_uint() for _ in range(4))
    red, green, blue, alpha = rgba
    if not pdfium_c.FPDFPageObj_GetFillColor(raw, red, green, blue, alpha):
        return (0, 0, 0, 255)
    return (red.value, green.value, blue.value, alpha.value)


def _is_box(raw):
    """A filled shape that can hide what is beneath it: filled, opaque, and a rectangle
    (redaction boxes are; logos and pie charts are not)."""
    fill_mode, stroke = ctypes.c_int(), ctypes.c_int()
    if not pdfium_c.FPDFPath_GetDrawMode(raw, fill_mode, stroke) or fill_mode.value == 0:
        return False
    if pdfium_c.FPDFPageObj_HasTransparency(raw) or _fill_colour(raw)[3] < 255:
        return False
    return pdfium_c.FPDFPath_CountSegments(raw) <= 6


def _objects(container, is_form):
    count = (pdfium_c.FPDFFormObj_CountObjects if is_form else pdfium_c.FPDFPage_CountObjects)(
        container
    )
    get = pdfium_c.FPDFFormObj_GetObject if is_form else pdfium_c.FPDFPage_GetObject
    for index in range(min(max(count, 0), MAX_OBJECTS_PER_PAGE)):
        yield get(container, index)


def _walk(container, hidden, drawn, facts, *, is_form=False, matrix=None, depth=0, layer=None):
    """Collect what is painted, in order; forms (reusable drawings) are followed. Text is
    read later, only for what turns out to be hidden (reading it is the slow part)."""
    left, bottom, right, top = (ctypes.c_float() for _ in range(4))
    for raw in _objects(container, is_form):
        kind = pdfium_c.FPDFPageObj_GetType(raw)
        if not pdfium_c.FPDFPageObj_GetBounds(raw, left, bottom, right, top):
            continue
        rect = _transform(matrix, (left.value, bottom.value, right.value, top.value))
        in_layer = (_mark_layer(raw) if hidden else None) or layer
        if kind == FORM and depth < MAX_FORM_DEPTH:
            form_matrix = pdfium.PdfMatrix.from_raw(_raw_matrix(raw))
            inner = form_matrix if matrix is None else form_matrix.multiply(matrix)
            _walk(raw, hidden, drawn, facts, is_form=True, matrix=inner, depth=depth + 1,
                  layer=in_layer)  # fmt: skip
        elif kind == TEXT:
            item = _Drawn(TEXT, rect, raw=raw, colour=_fill_colour(raw)[:3])
            item.opaque = pdfium_c.FPDFTextObj_GetTextRenderMode(raw) not in INVISIBLE_MODES
            drawn.append(item)
            if in_layer in hidden:
                facts.layers.setdefault(in_layer, []).append(raw)
            if item.opaque:
                size = ctypes.c_float()
                pdfium_c.FPDFTextObj_GetFontSize(raw, size)
                if size.value * _vertical_scale(raw, matrix) < TINY_POINTS:
                    facts.tiny.append(raw)
        elif kind == IMAGE:
            drawn.append(_Drawn(IMAGE, rect, opaque=not pdfium_c.FPDFPageObj_HasTransparency(raw)))
            facts.images += 1
            if in_layer in hidden:
                facts.layers.setdefault(in_layer, []).append(None)
        elif kind == PATH:
            if _is_box(raw):
                drawn.append(_Drawn(PATH, rect, opaque=True, colour=_fill_colour(raw)[:3]))
            if in_layer in hidden:
                facts.layers.setdefault(in_layer, [])


def _raw_matrix(raw):
    matrix = pdfium_c.FS_MATRIX()
    pdfium_c.FPDFPageObj_GetMatrix(raw, matrix)
    return matrix


def _vertical_scale(raw, outer):
    m = pdfium.PdfMatrix.from_raw(_raw_matrix(raw))
    if outer is not None:
        m = m.multiply(outer)
    return (m.c**2 + m.d**2) ** 0.5


def _judge(drawn, facts, page_box):
    """Sort the page's text into what is hidden, and how. Boxes and pictures are few on a
    page and text is many, so each text is compared with the paint list, not each pair."""
    page_area = _area(page_box) or 1.0
    facts.image_share = min(
        1.0, sum(_overlap(d.rect, page_box) for d in drawn if d.kind == IMAGE) / page_area
    )
    paint = [(i, d) for i, d in enumerate(drawn) if d.kind != TEXT]
    for index, item in enumerate(drawn):
        if item.kind != TEXT:
            continue
        area = _area(item.rect) or 0.01
        if _overlap(item.rect, page_box) == 0 and item.rect[2] > item.rect[0]:
            facts.offpage.append(item.raw)
            continue
        if not item.opaque:
            if not any(i < index and d.kind == IMAGE and _overlap(d.rect, item.rect) > 0
                       for i, d in paint):  # fmt: skip
                facts.invisible.append(item.raw)  # over a scan it is OCR; here it hides
            continue
        if any(i > index and d.opaque and _overlap(d.rect, item.rect) >= COVER_SHARE * area
               for i, d in paint):  # fmt: skip
            facts.covered.append(item.raw)
            continue
        if min(item.colour) >= WHITE and not any(
            i < index and min(d.colour) < WHITE and _overlap(d.rect, item.rect) > 0
            for i, d in paint
        ):
            facts.white.append(item.raw)


def _read_texts(facts, textpage):
    """Replace the PDFium objects kept for each finding by their text (blank ones go)."""

    def texts(objects):
        read = [_wide_text(pdfium_c.FPDFTextObj_GetText, raw, textpage) if raw else "(a picture)"
                for raw in objects]  # fmt: skip
        return [text for text in read if text.strip()]

    for name in ("covered", "white", "tiny", "invisible", "offpage"):
        setattr(facts, name, texts(getattr(facts, name)))
    facts.layers = {name: texts(objects) for name, objects in facts.layers.items()}


def read_pages(data, hidden_layers=frozenset()):
    """Yield PageFacts for each page of a PDF (bytes); `hidden_layers`: names of layers
    whose content is worth reporting. Raises pypdfium2's PdfiumError for a file PDFium
    cannot open. A page's text layout (PDFium's "text page", the costly part) is built
    only when something on it is hidden and its words must be quoted."""
    document = pdfium.PdfDocument(data)
    try:
        for index in range(len(document)):
            page = document[index]
            try:
                facts = PageFacts(number=index + 1)
                drawn = []
                _walk(page.raw, hidden_layers, drawn, facts)
                facts.chars = sum(1 for d in drawn if d.kind == TEXT)
                _judge(drawn, facts, page.get_cropbox())
                if (
                    facts.covered
                    or facts.white
                    or facts.tiny
                    or facts.invisible
                    or (facts.offpage or facts.layers)
                ):
                    textpage = page.get_textpage()
                    try:
                        _read_texts(facts, textpage.raw)
                    finally:
                        textpage.close()
            finally:
                page.close()
            yield facts
    finally:
        document.close()


def page_texts(data, numbers):
    """{page number: its text} for the given pages."""
    document = pdfium.PdfDocument(data)
    try:
        texts = {}
        for number in numbers:
            if number > len(document):
                continue
            page = document[number - 1]
            textpage = page.get_textpage()
            texts[number] = textpage.get_text_range()
            textpage.close()
            page.close()
        return texts
    finally:
        document.close()
