"""Word (.docx) and OpenDocument (.odt) reports become PDFs, with LibreOffice headless.

Each conversion runs in its own temporary folder with its own LibreOffice profile (so
two conversions never share or lock one, and nothing is left behind), with a time
limit after which the whole LibreOffice process group is killed. The PDF is exported
tagged (PDF/UA), so it can pass the accessibility checks.

`convert_document(document_id)` is the entry point a background task calls; for now the
editor calls it synchronously when a Word or OpenDocument file is uploaded.
"""

import logging
import os
import shutil
import signal
import subprocess  # nosec B404
import tempfile
from pathlib import Path

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from agenda.models import Document, DocumentSource

logger = logging.getLogger(__name__)

PDF = "application/pdf"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
ODT = "application/vnd.oasis.opendocument.text"
CONVERTIBLE = {DOCX: ".docx", ODT: ".odt"}
# Tagged PDF/UA, no comments, bookmarks from headings; LibreOffice 7.4+ takes JSON options.
PDF_FILTER = (
    'pdf:writer_pdf_Export:{"UseTaggedPDF":{"type":"boolean","value":"true"},'
    '"PDFUACompliance":{"type":"boolean","value":"true"},'
    '"ExportNotes":{"type":"boolean","value":"false"},'
    '"ExportBookmarks":{"type":"boolean","value":"true"}}'
)


# The private profile starts with macros off and links to outside files blocked
# (defence in depth: uploads already refuse macro-enabled files).
PROFILE_SETTINGS = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry"
 xmlns:xs="http://www.w3.org/2001/XMLSchema"
 xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Common/Security/Scripting"><prop
 oor:name="DisableMacrosExecution" oor:op="fuse"><value>true</value></prop></item>
<item oor:path="/org.openoffice.Office.Common/Security/Scripting"><prop
 oor:name="MacroSecurityLevel" oor:op="fuse"><value>3</value></prop></item>
<item oor:path="/org.openoffice.Office.Common/Security/Scripting"><prop
 oor:name="BlockUntrustedRefererLinks" oor:op="fuse"><value>true</value></prop></item>
</oor:items>
"""


class ConversionFailed(Exception):
    """The file could not be made into a PDF; the message is a sentence for the clerk."""


def soffice_path():
    return settings.SOFFICE_BINARY or shutil.which("soffice") or ""


def convert_to_pdf(data, extension, *, timeout=None):
    """PDF bytes made from Word/OpenDocument `data`; raises ConversionFailed."""
    binary = soffice_path()
    if not binary:
        raise ConversionFailed(
            "The PDF could not be made: LibreOffice is not installed on the server. Save the "
            "report as PDF in Word and upload that."
        )
    timeout = timeout or settings.CONVERSION_TIMEOUT_SECONDS
    with tempfile.TemporaryDirectory(prefix="minutebook-convert-") as work:
        folder = Path(work)
        source = folder / f"report{extension}"
        source.write_bytes(data)
        user = folder / "profile" / "user"
        user.mkdir(parents=True)
        (user / "registrymodifications.xcu").write_text(PROFILE_SETTINGS, encoding="utf-8")
        command = [
            binary,
            f"-env:UserInstallation={(folder / 'profile').as_uri()}",
            "--headless",
            "--norestore",
            "--nolockcheck",
            "--convert-to",
            PDF_FILTER,
            "--outdir",
            str(folder / "out"),
            str(source),
        ]
        # A fixed program and our own temporary paths: no input reaches the command line.
        process = subprocess.Popen(  # noqa: S603  # nosec B603
            command,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            start_new_session=True,  # its own process group, so a timeout kills it all
            env={"HOME": work, "PATH": os.environ.get("PATH", "/usr/bin:/bin"), "LANG": "C.UTF-8"},
        )
        try:
            _, errors = process.communicate(timeout=timeout)
        except subprocess.TimeoutExpired as error:
            os.killpg(process.pid, signal.SIGKILL)
            process.communicate()
            raise ConversionFailed(
                f"The PDF could not be made: converting took longer than {timeout} seconds. "
                "Save the report as PDF in Word and upload that."
            ) from error
        result = folder / "out" / "report.pdf"
        if process.returncode != 0 or not result.exists() or result.stat().st_size == 0:
            logger.warning("LibreOffice conversion failed: %s", errors[-500:])
            raise ConversionFailed(
                "The PDF could not be made from this file (LibreOffice could not read it). "
                "Open it in Word, save it as PDF, and upload the PDF."
            )
        return result.read_bytes()


def _read(field_file):
    field_file.open("rb")
    try:
        return field_file.read()
    finally:
        field_file.close()


def convert_document(document_id, *, timeout=None):
    """Make a Word/OpenDocument document's file a PDF, keeping the original as its private
    DocumentSource. Returns the DocumentSource (status CONVERTED or FAILED), or None if
    the document's file is not Word or OpenDocument."""
    document = Document.objects.get(pk=document_id)
    extension = CONVERTIBLE.get(document.content_type)
    if extension is None:
        return None
    data = _read(document.file)
    with transaction.atomic():
        source = DocumentSource.objects.filter(document=document).first() or DocumentSource(
            document=document
        )
        old_source_name = source.file.name if source.pk and source.file else ""
        source.file = ContentFile(data, name=f"original{extension}")
        source.original_filename = document.original_filename
        source.content_type = document.content_type
        source.sha256 = document.sha256
        source.status = DocumentSource.Status.PENDING
        source.error = ""
        source.save()
    try:
        pdf = convert_to_pdf(data, extension, timeout=timeout)
    except ConversionFailed as error:
        source.status = DocumentSource.Status.FAILED
        source.error = str(error)
        source.save(update_fields=["status", "error"])
        return source
    with transaction.atomic():
        old_name = document.file.name
        document.file.save(f"{document.slug or 'report'}.pdf", ContentFile(pdf), save=False)
        document.content_type = PDF
        document.sha256 = ""  # measured from the PDF on save
        document.save()
        source.status = DocumentSource.Status.CONVERTED
        source.converted_at = timezone.now()
        source.save(update_fields=["status", "converted_at"])
        storage = document.file.storage
        # The original now lives only as the private source copy.
        for name in (old_name, old_source_name):
            if name:
                transaction.on_commit(lambda name=name: storage.delete(name))
    return source
