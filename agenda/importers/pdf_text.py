"""Printed minutes as a PDF: the text pypdf extracts, read as printed minutes."""

import io
import logging

from pypdf import PdfReader
from pypdf.errors import PyPdfError

from agenda.importers.page import PRINTED, classify, text_page
from agenda.importers.pages import parse_page
from agenda.importers.records import SourceError

logger = logging.getLogger(__name__)
MAX_PAGES = 400


def pdf_text(data):
    """The text of a PDF, page by page; a clear refusal for what is not readable."""
    if not data.startswith(b"%PDF"):
        raise SourceError("The file is not a PDF (it does not start with %PDF).")
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            raise SourceError("The PDF is encrypted: save an unprotected copy and try again.")
        pages = reader.pages[:MAX_PAGES]
        return "\n".join(page.extract_text() or "" for page in pages)
    except SourceError:
        raise
    except PyPdfError as error:
        logger.info("Unreadable PDF: %s", error)
        raise SourceError(f"The PDF could not be read ({type(error).__name__}).") from None
    except Exception as error:  # a damaged PDF breaks pypdf in many ways; none is a 500
        logger.info("Unreadable PDF (%s): %s", type(error).__name__, error)
        raise SourceError(f"The PDF could not be read ({type(error).__name__}).") from None


def parse_pdf(data, *, url=""):
    text = pdf_text(data)
    if not text.strip():
        raise SourceError(
            "The PDF holds no text (it may be a scanned image): it cannot be read as minutes."
        )
    page = text_page(text)
    page.url, page.markup = url, "pdf"
    if classify(page) != PRINTED:
        raise SourceError(
            "This PDF does not read as printed minutes (no “Minutes of the meeting of …” "
            "heading with “Present:”). Attach it to its meeting as a document instead."
        )
    return parse_page(page)
