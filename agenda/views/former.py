"""Old addresses of moved meetings: a meeting's address carries its date, so when the date
moves the old address answers 301 with the new one (agenda.models.changes.FormerSlug)."""

from django.http import Http404, HttpResponsePermanentRedirect
from django.urls import reverse

from agenda.models import FormerSlug
from agenda.visibility import PreviewScope, PublicScope, can_preview


def former_address_redirect(request, slug, meetings):
    """A permanent redirect to the same page of the meeting among `meetings` that once had
    the address `slug`; 404 if none did (so nothing unseen is revealed)."""
    meeting = FormerSlug.meeting_for(slug, meetings)
    match = request.resolver_match
    if meeting is None or match is None:
        raise Http404("No such meeting")
    name = f"{match.namespace}:{match.url_name}" if match.namespace else match.url_name
    location = reverse(name, kwargs={**match.kwargs, "slug": meeting.slug})
    if request.META.get("QUERY_STRING"):
        location += "?" + request.META["QUERY_STRING"]
    return HttpResponsePermanentRedirect(location)


class FormerAddressMixin:
    """For views of one meeting by `slug`: a 404 becomes a redirect when the slug is one
    the meeting had before it moved. `former_meetings()` says which meetings may be found."""

    def former_meetings(self):
        scope = PreviewScope() if can_preview(self.request) else PublicScope()
        return scope.meetings()

    def get(self, request, *args, **kwargs):
        try:
            return super().get(request, *args, **kwargs)
        except Http404:
            return former_address_redirect(request, kwargs["slug"], self.former_meetings())
