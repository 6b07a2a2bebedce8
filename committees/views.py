"""Public pages about the organisation: committees and people."""

from django.views.generic import DetailView, ListView

from committees.models import Committee, Person


class CommitteeListView(ListView):
    template_name = "committees/committee_list.html"
    context_object_name = "committees"

    def get_queryset(self):
        return Committee.objects.public().active()


class CommitteeDetailView(DetailView):
    template_name = "committees/committee_detail.html"
    context_object_name = "committee"

    def get_queryset(self):
        return Committee.objects.public().select_related("support_officer")


class PersonListView(ListView):
    template_name = "committees/person_list.html"
    context_object_name = "people"

    def get_queryset(self):
        return Person.objects.public().councillors().select_related("party", "ward")


class PersonDetailView(DetailView):
    template_name = "committees/person_detail.html"
    context_object_name = "person"

    def get_queryset(self):
        return Person.objects.public().select_related("party", "ward")
