"""Editor preview of the three printed documents, rendered on the fly for staff."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404

from agenda.models import Document, Meeting
from agenda.printing.publish import download_name, render_kind

PREVIEW_KINDS = {
    "agenda": Document.Kind.AGENDA_FRONTSHEET,
    "reports-pack": Document.Kind.AGENDA_PACK,
    "minutes": Document.Kind.MINUTES,
}
PREVIEW_LINKS = [
    ("agenda", "Preview agenda frontsheet"),
    ("reports-pack", "Preview reports pack"),
    ("minutes", "Preview printed minutes"),
]


def preview_response(model_admin, request, object_id, which):
    kind = PREVIEW_KINDS.get(which)
    if kind is None:
        raise Http404("No such printed document")
    meeting = get_object_or_404(Meeting.objects.select_related("committee"), pk=object_id)
    if not model_admin.has_view_permission(request, meeting):
        raise PermissionDenied
    content, problems = render_kind(meeting, kind, preview=True)
    for title, why in problems:
        messages.warning(request, f"“{title}” cannot go into the reports pack: {why}.")
    response = HttpResponse(content, content_type="application/pdf")
    name = download_name(meeting, kind).replace(".pdf", "-preview.pdf")
    response["Content-Disposition"] = f'inline; filename="{name}"'
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = settings.FILE_CONTENT_SECURITY_POLICY
    return response
