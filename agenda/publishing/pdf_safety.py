"""Inspect and clean PDFs before they are stored or published.

Used by upload validation (refuse what is unsafe) and by publication checks (strip what
should not go public). One walk over the object graph with pypdf, so compressed object
streams cannot hide a name that a byte scan would miss.
"""

import io
import logging
from dataclasses import dataclass, field

from pypdf import PdfReader, PdfWriter
from pypdf.errors import PdfReadError
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject, NameObject

logger = logging.getLogger(__name__)

# Names whose presence means the file can run code, launch programs or carry other files.
ACTIVE_CONTENT = {
    "/JavaScript": "JavaScript",
    "/JS": "JavaScript",
    "/Launch": "an action that launches programs",
    "/EmbeddedFile": "embedded files",
    "/EmbeddedFiles": "embedded files",
    "/RichMedia": "embedded media",
    "/XFA": "an XFA form",
    "/SubmitForm": "a form that submits data",
    "/ImportData": "a form that imports data",
}
MAX_OBJECTS = 200_000  # enough for any council report; stops pathological files


@dataclass
class PdfInspection:
    """What we learned about a PDF; `problems` are sentences a clerk can act on."""

    is_pdf: bool = False
    readable: bool = False
    encrypted: bool = False
    pages: int = 0
    active_content: set = field(default_factory=set)
    problems: list = field(default_factory=list)

    @property
    def ok(self):
        return not self.problems


def looks_like_pdf(data):
    """PDF by content: the header must open the file (no leading junk that makes polyglots)."""
    return data[:5] == b"%PDF-"


def _walk(root):
    """Yield every dictionary key reachable from `root`, following references once."""
    seen, stack, visited = set(), [root], 0
    while stack:
        node = stack.pop()
        if isinstance(node, IndirectObject):
            key = (node.idnum, node.generation)
            if key in seen:
                continue
            seen.add(key)
            node = node.get_object()
        visited += 1
        if visited > MAX_OBJECTS:
            raise ValueError("too many objects")
        if isinstance(node, DictionaryObject):
            for name, value in node.items():
                yield name
                if isinstance(value, NameObject):
                    yield value
                stack.append(value)
        elif isinstance(node, ArrayObject):
            stack.extend(node)


def inspect_pdf(data):
    """Inspect PDF bytes; never raises for bad input."""
    result = PdfInspection(is_pdf=looks_like_pdf(data))
    if not result.is_pdf:
        result.problems.append("The file is not a PDF (its content does not start like one).")
        return result
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        result.encrypted = reader.is_encrypted
        if result.encrypted:
            result.problems.append("The PDF is password-protected or encrypted.")
            return result
        result.pages = len(reader.pages)
        for name in _walk(reader.trailer):
            if name in ACTIVE_CONTENT:
                result.active_content.add(ACTIVE_CONTENT[name])
        result.readable = True
    except (PdfReadError, ValueError, KeyError, TypeError, AttributeError, RecursionError) as exc:
        logger.info("Unreadable PDF: %s", exc)
        result.problems.append("The PDF is damaged or incomplete and cannot be read.")
        return result
    except Exception as exc:  # pypdf raises many types on hostile input
        logger.warning("PDF inspection failed: %r", exc)
        result.problems.append("The PDF is damaged or incomplete and cannot be read.")
        return result
    if result.pages == 0:
        result.problems.append("The PDF has no pages.")
    for what in sorted(result.active_content):
        result.problems.append(f"The PDF contains {what}, which is not allowed.")
    return result


def strip_metadata(data, *, title=""):
    """Return a copy without author/creator metadata, XMP, hidden layers or page-piece data.

    Only the title (given, or kept from the original) survives, for accessibility."""
    reader = PdfReader(io.BytesIO(data), strict=False)
    original_title = (reader.metadata or {}).get("/Title", "") if reader.metadata else ""
    writer = PdfWriter(clone_from=reader)
    root = writer._root_object
    for key in ("/Metadata", "/OCProperties", "/PieceInfo", "/Names", "/OpenAction", "/AA"):
        if key in root:
            del root[key]
    for page in writer.pages:
        for key in ("/PieceInfo", "/Metadata", "/AA"):
            if key in page:
                del page[key]
    writer.metadata = None
    keep_title = title or str(original_title or "")
    if keep_title:
        writer.add_metadata({"/Title": keep_title})
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
