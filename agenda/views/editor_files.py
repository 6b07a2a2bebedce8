"""Editor-only views outside the admin's own URL set."""

from django.contrib import admin
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.views import View

from agenda.models import Document
from agenda.views.files import private_file_response


class DocumentPreviewView(View):
    """Any document's file, published or not, for editor users who may view documents.

    Same gate as the editor itself (staff, active, two-factor verified where required).
    """

    def dispatch(self, request, *args, **kwargs):
        if not admin.site.has_permission(request):
            return redirect_to_login(request.get_full_path(), reverse("admin:login"))
        if not request.user.has_perm("agenda.view_document"):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get(self, request, pk):
        document = get_object_or_404(Document, pk=pk)
        if not document.file:
            raise Http404("No file")
        return private_file_response(document)
