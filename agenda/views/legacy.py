"""Old ModernGov addresses keep working: mgAi.aspx?ID=…, ieListDocuments.aspx?MId=…,
ieDecisionDetails.aspx?ID=…, mgCommitteeDetails.aspx?ID=… (under any folder, in any letter
case) answer with a permanent redirect to the record's page here, when the record is
public; anything else is a plain 404."""

from django.http import Http404, HttpResponsePermanentRedirect
from django.views import View

from agenda.models import AgendaItem, Decision, Meeting, SourceAddress
from committees.models import Committee

PUBLIC = {
    "committee": lambda: Committee.objects.public(),
    "meeting": lambda: Meeting.objects.public(),
    "item": lambda: AgendaItem.objects.public(),
    "decision": lambda: Decision.objects.public(),
}


class LegacyAddressView(View):
    """One view for every old page name; the name and query say which record."""

    def get(self, request, page):
        params = {key.lower(): value.strip() for key, value in request.GET.items()}
        address = SourceAddress.objects.for_request(page.lower(), params)
        if address is None:
            raise Http404("No page has that old address.")
        name = next(name for name in SourceAddress.TARGETS if getattr(address, f"{name}_id"))
        public = PUBLIC.get(name)
        target = address.target
        if public is not None and not public().filter(pk=target.pk).exists():
            raise Http404("No page has that old address.")
        if name == "topic" and not AgendaItem.objects.public().filter(topic=target).exists():
            raise Http404("No page has that old address.")
        return HttpResponsePermanentRedirect(target.get_absolute_url())
