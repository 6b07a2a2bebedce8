"""Public PDF downloads: stream the stored generated Document; never render here."""

from django.http import Http404
from django.shortcuts import get_object_or_404
from django.views import View

from agenda.models import Document, Meeting
from agenda.printing.publish import download_name
from agenda.views.files import file_response


class MeetingPdfView(View):
    """/meetings/<slug>/agenda.printing and friends: the published file or 404."""

    kind = None

    def get(self, request, slug):
        meeting = get_object_or_404(Meeting.objects.public(), slug=slug)
        document = (
            Document.objects.public()
            .filter(meeting=meeting, item=None, kind=self.kind, is_generated=True)
            .order_by("-published_at", "-pk")
            .first()
        )
        if document is None:
            raise Http404("Not published")
        return file_response(document, filename=download_name(meeting, self.kind))
