"""Public PDF downloads: stream the stored generated Document; never render here."""

from django.http import Http404
from django.views import View

from agenda.models import Document, Meeting
from agenda.printing.publish import download_name
from agenda.views.files import public_file_response
from agenda.views.former import former_address_redirect


class MeetingPdfView(View):
    """/meetings/<slug>/agenda.pdf and friends: the published file or 404."""

    kind = None

    def get(self, request, slug):
        meeting = Meeting.objects.public().filter(slug=slug).first()
        if meeting is None:
            return former_address_redirect(request, slug, Meeting.objects.public())
        document = (
            Document.objects.public()
            .filter(meeting=meeting, item=None, kind=self.kind, is_generated=True)
            .order_by("-published_at", "-pk")
            .first()
        )
        if document is None:
            raise Http404("Not published")
        return public_file_response(document, filename=download_name(meeting, self.kind))
