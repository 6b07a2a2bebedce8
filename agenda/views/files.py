"""Sending stored document files to a browser, safely.

The only way a stored file leaves the server: callers decide who may see the document,
this decides how it is sent. PDFs may open in the browser; everything else is an
attachment. Nothing is sniffed; a sandbox CSP means nothing in a non-PDF file can run
scripts or reach the site's cookies even if a browser renders it.
"""

from django.conf import settings
from django.http import FileResponse, Http404

INLINE_TYPES = {"application/pdf"}


def file_response(document, *, filename=None):
    """A FileResponse for `document`'s file, or 404 if it has none (or it is missing).
    Callers decide who may see it and set caching."""
    if not document.file:
        raise Http404("No file")
    try:
        handle = document.file.open("rb")
    except OSError as error:
        raise Http404("No file") from error
    content_type = document.content_type or "application/octet-stream"
    response = FileResponse(
        handle,
        as_attachment=content_type not in INLINE_TYPES,
        filename=filename or document.download_name,
        content_type=content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = (
        settings.PDF_CONTENT_SECURITY_POLICY
        if content_type in INLINE_TYPES
        else settings.FILE_CONTENT_SECURITY_POLICY
    )
    response["Cross-Origin-Resource-Policy"] = "same-origin"
    return response
