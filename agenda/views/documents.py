"""Document downloads by a stable address: public documents only, served safely."""

from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404
from django.views import View

from agenda.models import Document

# Formats a browser may show inline; everything else downloads.
INLINE_TYPES = {"application/pdf", "text/plain", "image/png", "image/jpeg"}


class DocumentDownloadView(View):
    def get(self, request, pk, filename):
        document = get_object_or_404(Document.objects.public(), pk=pk)
        if not document.file:
            raise Http404("No file")
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
        response["Cache-Control"] = "public, max-age=3600"
        return response
