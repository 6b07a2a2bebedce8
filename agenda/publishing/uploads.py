"""Upload checks: what a file is, decided by its content, never by its name or the browser.

Used by the editor's document form and usable by importers (check_bytes). Accepted: PDF
(inspected by pdf_safety), Word .docx, Excel .xlsx, OpenDocument .odt, PNG and JPEG
images. Refused, with a sentence a clerk can act on: web pages, SVG, scripts and
programs, macro-enabled Office files, files pretending to be two things at once
(polyglots), files over settings.UPLOAD_MAX_BYTES and anything else we cannot identify.
"""

import io
import os
import re
import unicodedata
import zipfile
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError

from agenda.publishing.pdf_safety import inspect_pdf

PDF = "application/pdf"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
ODT = "application/vnd.oasis.opendocument.text"
PNG = "image/png"
JPEG = "image/jpeg"

EXTENSIONS = {PDF: ".pdf", DOCX: ".docx", XLSX: ".xlsx", ODT: ".odt", PNG: ".png", JPEG: ".jpg"}
DOCUMENT_TYPES = frozenset(EXTENSIONS)
IMAGE_TYPES = frozenset({PNG, JPEG})

ACCEPTED_SENTENCE = (
    "Upload a PDF, Word (.docx), Excel (.xlsx) or OpenDocument text (.odt) file, or a PNG or "
    "JPEG image."
)
# Markup a browser would render as a page or an SVG; looked for near the start of the file.
MARKUP = (b"<html", b"<!doctype html", b"<script", b"<svg", b"<body", b"<iframe", b"<head")
OOXML_MAIN_PARTS = {
    b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml": DOCX,
    b"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml": XLSX,
}
MACRO_MARKERS = (b"macroEnabled", b"vbaProject")
ZIP_EXPANSION_LIMIT = 20  # an Office file expands a few times; a zip bomb thousands
ODT_MIMETYPE = ODT.encode()


@dataclass(frozen=True)
class CheckedFile:
    """A file that passed: its real type, the extension to store it under, a clean name."""

    content_type: str
    extension: str
    filename: str


def _refuse(message, code):
    raise ValidationError(message, code=code)


def clean_filename(name, *, extension=None, max_length=150):
    """A display-safe file name: no folders, control characters or characters that mean
    something to a shell or a file system; `extension` replaces whatever it claimed."""
    name = unicodedata.normalize("NFC", str(name or ""))
    name = re.split(r"[\\/]", name)[-1]
    name = "".join(ch for ch in name if unicodedata.category(ch)[0] != "C")
    name = re.sub(r'[<>:"|?*;`$]', "", name)
    name = " ".join(name.split()).lstrip(". ")
    stem, old_extension = os.path.splitext(name)
    extension = extension or old_extension.lower()[:10]
    stem = stem.strip() or "document"
    return stem[: max_length - len(extension)] + extension


def _looks_like_markup(head):
    lowered = head.lower().lstrip(b"\xef\xbb\xbf \t\r\n")
    if any(marker in lowered for marker in MARKUP):
        return "svg" if b"<svg" in lowered else "html"
    if lowered.startswith(b"<?xml"):
        return "xml"
    return None


def _is_trailing_zip(data):
    """A ZIP's directory sits at its end, so a ZIP glued onto another file still opens."""
    try:
        return zipfile.is_zipfile(io.BytesIO(data))
    except (OSError, ValueError):
        return False


def _check_pdf(data):
    end = data.rfind(b"%%EOF")
    if end == -1:
        _refuse("The PDF is damaged or incomplete and cannot be read.", "pdf_damaged")
    if len(data[end + 5 :].strip()) > 0 or _is_trailing_zip(data):
        _refuse(
            "This PDF has another file hidden after its end, which is how harmful files "
            "disguise themselves. Save or print it to a new PDF and upload that.",
            "polyglot",
        )
    inspection = inspect_pdf(data)
    if not inspection.ok:
        _refuse(
            " ".join(inspection.problems)
            + " Save or print it to a new PDF without these and upload that.",
            "pdf_unsafe",
        )
    return PDF


def _check_zip(data):
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        entries = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        _refuse("The file is damaged and cannot be opened.", "damaged")
    expanded = sum(entry.file_size for entry in entries)
    if expanded > max(len(data), 1) * ZIP_EXPANSION_LIMIT + 10 * 1024 * 1024:
        _refuse("The file expands to an unreasonable size and cannot be accepted.", "zip_bomb")
    names = {entry.filename for entry in entries}
    if entries and entries[0].filename == "mimetype":
        if archive.read(entries[0]).strip() == ODT_MIMETYPE:
            return ODT
        _refuse(
            "Only OpenDocument text (.odt) files are accepted of the OpenDocument formats.",
            "unsupported",
        )
    if "[Content_Types].xml" in names:
        content_types = archive.read("[Content_Types].xml")
        if any(marker in content_types for marker in MACRO_MARKERS) or any(
            "vbaproject" in name.lower() for name in names
        ):
            _refuse(
                "This Office file contains macros, which can run code. Save it as a normal "
                ".docx or .xlsx file and upload that.",
                "macros",
            )
        for main_part, content_type in OOXML_MAIN_PARTS.items():
            if main_part in content_types:
                return content_type
    _refuse(f"This is an archive, not a document. {ACCEPTED_SENTENCE}", "unsupported")


def detect_type(data):
    """The content type of `data`, or ValidationError saying why it is refused."""
    head = data[:1024]
    markup = _looks_like_markup(head)
    if markup == "svg":
        _refuse(
            "SVG images can contain scripts, so they cannot be uploaded. Export the image as "
            "PNG or JPEG and upload that.",
            "svg",
        )
    if markup == "html":
        _refuse(
            "This file is a web page (HTML) or contains one, whatever its name says. Web pages "
            f"can run scripts, so they cannot be uploaded. {ACCEPTED_SENTENCE}",
            "html",
        )
    if data.startswith(b"%PDF-"):
        return _check_pdf(data)
    if data.startswith(b"PK\x03\x04"):
        return _check_zip(data)
    if data.startswith((b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff")):
        if _is_trailing_zip(data):
            _refuse(
                "This image has another file hidden inside it. Save it again as a new image.",
                "polyglot",
            )
        return PNG if data[0] == 0x89 else JPEG
    if data.startswith((b"#!", b"MZ", b"\x7fELF")):
        _refuse(f"Programs and scripts cannot be uploaded. {ACCEPTED_SENTENCE}", "program")
    _refuse(f"This type of file cannot be uploaded. {ACCEPTED_SENTENCE}", "unsupported")


def _refuse_too_large(size, max_bytes):
    _refuse(
        f"The file is {size / 1048576:.1f} MB; the largest file that can be uploaded is "
        f"{max_bytes / 1048576:.0f} MB. Reduce it (for example, split a long pack into "
        "separate appendices) and try again.",
        "too_large",
    )


def check_bytes(data, filename, *, allowed=DOCUMENT_TYPES, max_bytes=None):
    """Check file contents from anywhere (an upload, an importer); returns CheckedFile."""
    max_bytes = settings.UPLOAD_MAX_BYTES if max_bytes is None else max_bytes
    if len(data) > max_bytes:
        _refuse_too_large(len(data), max_bytes)
    if not data:
        _refuse("The file is empty.", "empty")
    content_type = detect_type(data)
    if content_type not in allowed:
        _refuse("Only PNG and JPEG images can be uploaded here.", "not_allowed")
    extension = EXTENSIONS[content_type]
    return CheckedFile(content_type, extension, clean_filename(filename, extension=extension))


def check_upload(uploaded, *, allowed=DOCUMENT_TYPES, max_bytes=None):
    """Check an UploadedFile; refuses an oversize file before reading it."""
    max_bytes = settings.UPLOAD_MAX_BYTES if max_bytes is None else max_bytes
    if uploaded.size is not None and uploaded.size > max_bytes:
        _refuse_too_large(uploaded.size, max_bytes)
    uploaded.seek(0)
    data = uploaded.read(max_bytes + 1)
    uploaded.seek(0)
    return check_bytes(data, uploaded.name, allowed=allowed, max_bytes=max_bytes)
