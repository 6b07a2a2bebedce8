"""Sending stored document files to a browser, safely.

With files in an S3 bucket (STORAGE_BACKEND=s3) nothing is streamed: a public document is
a redirect to its public copy (content-hashed name, cached for a year), anything else the
editor may open is a redirect to a signed URL that works for SIGNED_URL_SECONDS
(agenda/publishing/public_files.py). The callers' visibility checks are the same.

The only way a stored file leaves the server: callers decide who may see the document,
this decides how it is sent. PDFs may open in the browser; everything else is an
attachment. Nothing is sniffed; a sandbox CSP means nothing in a non-PDF file can run
scripts or reach the site's cookies even if a browser renders it.
"""

from django.conf import settings
from django.http import FileResponse, Http404, HttpResponseRedirect

from agenda.publishing import public_files

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


def public_file_response(document, *, filename=None, cache_control=None):
    """A document the caller found public: its public copy, or the file streamed (with
    `cache_control`, if given)."""
    url = public_files.public_url(document)
    if url is None:
        response = file_response(document, filename=filename)
        if cache_control:
            response["Cache-Control"] = cache_control
        return response
    response = HttpResponseRedirect(url)
    # The copy's name changes with its content: the redirect is only briefly cacheable.
    response["Cache-Control"] = "public, max-age=300"
    return response


def private_file_response(document, *, filename=None):
    """A document shown only to this signed-in user: a signed short-lived URL, or the file
    streamed; never cached by anyone else."""
    url = public_files.signed_url(document, filename=filename)
    response = HttpResponseRedirect(url) if url else file_response(document, filename=filename)
    response["Cache-Control"] = "private, no-store"
    return response
