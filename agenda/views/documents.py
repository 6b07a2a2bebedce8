"""Document downloads by a stable address: public documents only, served safely."""

from django.http import Http404
from django.views import View

from agenda.views.files import private_file_response, public_file_response
from agenda.visibility import PreviewScope, PublicScope, can_preview
from minutes_site import params


class DocumentDownloadView(View):
    """Public documents for everyone; a clerk previewing an unpublished agenda can also
    open its (non-exempt) documents, never cached for anyone else."""

    def get(self, request, pk, filename):
        pk = params.object_id(pk)
        document = PublicScope().documents().filter(pk=pk).first()
        preview = False
        if document is None and can_preview(request):
            document = PreviewScope().documents().filter(pk=pk).first()
            preview = document is not None
        if document is None or not document.file:
            raise Http404("No such public document")
        # Headers (attachment unless PDF, nosniff, sandbox CSP), or a redirect to the
        # bucket, from agenda.views.files.
        if preview:
            return private_file_response(document)
        return public_file_response(document, cache_control="public, max-age=3600")
