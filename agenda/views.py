"""Public pages about meetings and their business. Everything goes through `.public()`."""

from django.shortcuts import get_object_or_404
from django.views import View
from django.views.generic import DetailView, ListView, TemplateView

from agenda.files import file_response
from agenda.models import AgendaItem, Document, Meeting, Topic


class HomeView(TemplateView):
    template_name = "agenda/home.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["upcoming"] = Meeting.objects.public().upcoming().for_listing()[:10]
        return context


class MeetingListView(ListView):
    template_name = "agenda/meeting_list.html"
    context_object_name = "meetings"
    paginate_by = 50

    def get_queryset(self):
        return Meeting.objects.public().for_listing()


class MeetingDetailView(DetailView):
    template_name = "agenda/meeting_detail.html"
    context_object_name = "meeting"

    def get_queryset(self):
        return Meeting.objects.public().select_related("committee", "venue", "contact_officer")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["items"] = AgendaItem.objects.public().filter(meeting=self.object)
        return context


class AgendaItemDetailView(DetailView):
    template_name = "agenda/item_detail.html"
    context_object_name = "item"

    def get_queryset(self):
        return AgendaItem.objects.public().select_related("meeting__committee")


class TopicDetailView(DetailView):
    template_name = "agenda/topic_detail.html"
    context_object_name = "topic"
    queryset = Topic.objects.all()


class DocumentDownloadView(View):
    def get(self, request, pk, filename):
        document = get_object_or_404(Document.objects.public(), pk=pk)
        return file_response(document)
