"""The public reports pack: frontsheet with a contents list, then every public report PDF
in agenda order, with bookmarks per item and one page numbering across the whole file.

A report that cannot be read (damaged, encrypted, missing) is left out, named in the
result's `problems` for the clerk and marked in the contents as not included: never a
crash, never a silent gap."""

import io
import logging
from dataclasses import dataclass, field

from pypdf import PdfReader, PdfWriter

from agenda.printing.documents import frontsheet_context
from agenda.printing.render import render_pdf
from agenda.printing.stamp import stamp_page_numbers

logger = logging.getLogger(__name__)
PLACEHOLDER_PAGE = 9999  # as wide as any real page number, so the first pass paginates alike


@dataclass
class ContentsEntry:
    number: str
    title: str
    page: int | None = None
    problem: str = ""


@dataclass
class PackResult:
    content: bytes
    page_count: int
    frontsheet_pages: int
    problems: list = field(default_factory=list)  # (document title, what is wrong)


def _open_report(document):
    """A readable PdfReader for `document`, or the reason it cannot be used."""
    try:
        with document.file.open("rb") as handle:
            data = handle.read()
    except (OSError, ValueError):
        return None, "the uploaded file is missing"
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            return None, "it is password-protected (encrypted)"
        pages = reader.pages
        if not len(pages):
            return None, "it has no pages"
        for page in pages:
            page.mediabox  # noqa: B018 - parse every page now, not halfway through the merge
    except Exception as error:  # pypdf raises many types on damaged files
        logger.info("Report %s unreadable: %s", document.pk, error)
        return None, "the file is damaged or is not a valid PDF"
    return reader, ""


def _render_front(source, title, contents):
    context = frontsheet_context(source, contents=contents)
    context["doc_title"] = title
    return render_pdf("agenda/pdf/frontsheet.html", context)


def build_pack(source, *, title):
    """Render and merge the pack for `source` (a PrintSource)."""
    documents = source.pack_documents()
    readers, contents, problems = [], [], []
    for document in documents:
        reader, problem = _open_report(document)
        entry = ContentsEntry(number=document.item.number, title=document.title, problem=problem)
        contents.append(entry)
        if problem:
            problems.append((document.title, problem))
        else:
            entry.page = PLACEHOLDER_PAGE
            readers.append((document, entry, reader))

    # Two passes: learn how long the frontsheet is, then print the real page numbers.
    front = _render_front(source, title, contents)
    for _attempt in range(2):
        page = front.page_count + 1
        for _document, entry, reader in readers:
            entry.page = page
            page += len(reader.pages)
        numbered = _render_front(source, title, contents)
        if numbered.page_count == front.page_count:
            front = numbered
            break
        front = numbered

    writer = PdfWriter(clone_from=io.BytesIO(front.content))
    item_marks = {}
    for document, _entry, reader in readers:
        start = len(writer.pages)
        writer.append(reader, import_outline=False)
        item = document.item
        if item.pk not in item_marks:
            item_marks[item.pk] = writer.add_outline_item(
                title=f"{item.number}. {item.title}", page_number=start
            )
        writer.add_outline_item(title=document.title, page_number=start, parent=item_marks[item.pk])
    stamp_page_numbers(writer)
    out = io.BytesIO()
    writer.write(out)
    return PackResult(
        content=out.getvalue(),
        page_count=len(writer.pages),
        frontsheet_pages=front.page_count,
        problems=problems,
    )
