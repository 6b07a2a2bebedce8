"""The PDF scan: page drawings (PDFium), everything beside the pages (qpdf), and the
file's earlier versions; then the accessibility checks from the same reading."""

import io

import pikepdf
import pypdfium2 as pdfium

from agenda.scanning.findings import LEAK, Accessibility, Code, ScanReport, page_list, sample
from agenda.scanning.pdf_history import inspect_history
from agenda.scanning.pdf_pages import read_pages
from agenda.scanning.pdf_structure import (
    accessibility_facts,
    hidden_xobject_layers,
    inspect_structure,
)

PDF = "application/pdf"
PAGE_CHECKS = (
    (
        "covered",
        Code.COVERED_TEXT,
        "Text is hidden under a filled box or a picture (a redaction that did not remove "
        "the words)",
        "Redact it properly (a redaction tool that removes the text, then “Apply”), or "
        "delete the text in the original and make the PDF again; upload the new file.",
    ),
    (
        "white",
        Code.WHITE_TEXT,
        "White text on a white page",
        "Delete the white text in the original document, make the PDF again and upload it.",
    ),
    (
        "tiny",
        Code.TINY_TEXT,
        "Text too small to see",
        "Delete the tiny text in the original document, make the PDF again and upload it.",
    ),
    (
        "invisible",
        Code.INVISIBLE_TEXT,
        "Invisible text (present in the file but never drawn)",
        "Make the PDF again from the original document without the hidden text and upload it.",
    ),
    (
        "offpage",
        Code.OFFPAGE_TEXT,
        "Text placed outside the visible page",
        "Move or delete the text in the original document, make the PDF again and upload it.",
    ),
)


def _page_findings(pages, hidden, xobject_layers, report):
    for attribute, code, what, advice in PAGE_CHECKS:
        for facts in pages:
            texts = getattr(facts, attribute)
            if texts:
                quoted = sample(" ".join(texts), 60)
                report.add(LEAK, code, f"page {facts.number}", f"{what}: “{quoted}”.", advice)
    for name in sorted(hidden):
        used = [f.number for f in pages if name in f.layers] + [
            n for n, names in xobject_layers.items() if name in names
        ]
        if not used:
            continue
        texts = [t for f in pages for t in f.layers.get(name, [])]
        shown = f": “{sample(' '.join(texts), 50)}”" if texts else ""
        report.add(
            LEAK,
            Code.HIDDEN_LAYER,
            page_list(used),
            f"The layer “{sample(name, 40)}” is switched off, so it is not shown, but its "
            f"content is in the file{shown}.",
            "Delete the hidden layer (or flatten the PDF with only the layers meant to be "
            "seen) and upload the new file.",
        )


def scan_pdf(data):
    """Scan PDF bytes. Raises ValueError with a clerk's sentence if it cannot be read."""
    report = ScanReport(content_type=PDF)
    try:
        pdf = pikepdf.open(io.BytesIO(data))
    except pikepdf.PasswordError as error:
        raise ValueError("The PDF is password-protected, so it cannot be checked.") from error
    except pikepdf.PdfError as error:
        raise ValueError("The PDF is damaged and cannot be read.") from error
    with pdf:
        hidden = inspect_structure(pdf, report)
        xobject_layers = hidden_xobject_layers(pdf, hidden) if hidden else {}
        tagged, has_title, has_language, figures_missing = accessibility_facts(pdf)
    try:
        pages = list(read_pages(data, hidden))
    except pdfium.PdfiumError as error:
        raise ValueError("The PDF’s pages cannot be read.") from error
    _page_findings(pages, hidden, xobject_layers, report)
    inspect_history(data, report)
    report.pages = len(pages)
    images = sum(f.images for f in pages)
    scanned = [f.number for f in pages if f.looks_scanned]
    report.accessibility = Accessibility(
        is_tagged=tagged,
        has_title=has_title,
        has_language=has_language,
        has_text=sum(f.chars for f in pages) > 0 and len(scanned) < len(pages) / 2,
        images_without_alt=figures_missing if figures_missing is not None else images,
        scanned_pages=scanned,
    )
    # Order for the clerk: what blocks first, then by where it is.
    report.findings.sort(key=lambda f: f.kind != LEAK)
    return report
