"""One entry point for any file: `scan_bytes(data, content_type)` -> ScanReport."""

import logging

from agenda.scanning.docx import DOCX, scan_docx
from agenda.scanning.findings import LEAK, Code, ScanReport
from agenda.scanning.odt import ODT, scan_odt
from agenda.scanning.pdf import PDF, scan_pdf
from agenda.scanning.xlsx import XLSX, scan_xlsx

logger = logging.getLogger(__name__)
SCANNERS = {PDF: scan_pdf, DOCX: scan_docx, XLSX: scan_xlsx, ODT: scan_odt}
CONVERTIBLE = {DOCX, ODT}


def scannable(content_type):
    return content_type in SCANNERS


def scan_bytes(data, content_type, *, private=False):
    """Scan a file's bytes as `content_type` (as detected at upload). `private`: the file
    is an original kept private (its PDF is what is published). Never raises for bad
    input: a file that cannot be read gets one finding saying so."""
    scanner = SCANNERS.get(content_type)
    if scanner is None:
        return ScanReport(content_type=content_type)
    try:
        if content_type in CONVERTIBLE:
            return scanner(data, private=private)
        return scanner(data)
    except ValueError as error:
        message = str(error)
    except Exception as error:
        logger.warning("Scan failed for a %s file: %r", content_type, error)
        message = "The file could not be read to check it for hidden content."
    report = ScanReport(content_type=content_type)
    report.add(
        LEAK,
        Code.UNREADABLE,
        "the whole file",
        message,
        "Save the document again from the program that made it (or print it to a new PDF) "
        "and upload the new file.",
    )
    return report
