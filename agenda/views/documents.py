"""Document downloads by a stable address: public documents only, served safely."""

from django.http import FileResponse, Http404
from django.views import View

from agenda.visibility import PreviewScope, PublicScope, can_preview

# Formats a browser may show inline; everything else downloads.
INLINE_TYPES = {"application/pdf", "text/plain", "image/png", "image/jpeg"}


class DocumentDownloadView(View):
    """Public documents for everyone; a clerk previewing an unpublished agenda can also
    open its (non-exempt) documents, never cached for anyone else."""

    def get(self, request, pk, filename):
        document = PublicScope().documents().filter(pk=pk).first()
        preview = False
        if document is None and can_preview(request):
            document = PreviewScope().documents().filter(pk=pk).first()
            preview = document is not None
        if document is None or not document.file:
            raise Http404("No such public document")
        try:
            handle = document.file.open("rb")
        except FileNotFoundError as missing:
            raise Http404("File missing") from missing
        content_type = document.content_type or "application/octet-stream"
        response = FileResponse(
            handle,
            as_attachment=content_type not in INLINE_TYPES,
            filename=document.download_name,
            content_type=content_type,
        )
        response["X-Content-Type-Options"] = "nosniff"
        response["Cache-Control"] = "private, no-store" if preview else "public, max-age=3600"
        return response
