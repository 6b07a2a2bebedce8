"""Public pages about the organisation: committees and people.

`agenda` imports `committees`, never the reverse: meetings, attendance and declarations are
reached through reverse relations (committee.meetings, person.attendances), whose managers
carry agenda's deny-by-default `.public()` rules.
"""

from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import Http404
from django.utils import timezone
from django.views.generic import DetailView, ListView

from committees.interests import RegisteredInterest
from committees.models import Committee, Membership, Party, Person, Ward
from committees.municipal import (
    municipal_year_bounds,
    municipal_year_label,
    municipal_year_of,
    municipal_years,
    within_calendar,
)
from minutes_site import params


class CommitteeListView(ListView):
    template_name = "committees/committee_list.html"
    context_object_name = "committees"

    def get_queryset(self):
        return Committee.objects.public().active().select_related("parent")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        groups = {}
        for committee in context["committees"]:
            groups.setdefault(committee.kind, []).append(committee)
        order = list(Committee.Kind.values)
        context["groups"] = [
            (Committee.Kind(kind).label, groups[kind]) for kind in sorted(groups, key=order.index)
        ]
        return context


class CommitteeDetailView(DetailView):
    """Purpose, members, contact, upcoming meetings and past meetings by municipal year."""

    template_name = "committees/committee_detail.html"
    context_object_name = "committee"
    past_per_page = 20

    def get_queryset(self):
        return Committee.objects.public().select_related(
            "support_officer", "parent", "default_venue", "scrutiny_area"
        )

    def get_context_data(self, **kwargs):
        committee = self.object
        context = super().get_context_data(**kwargs)
        members = list(
            committee.current_memberships().filter(person__is_public=True).order_by("person__name")
        )
        members.sort(key=lambda m: Membership.ROLE_ORDER.get(m.role, 9))
        context["members"] = members
        meetings = committee.meetings.public().select_related("venue")
        now = timezone.now()
        context["upcoming"] = list(meetings.upcoming(now)[:10])
        past = meetings.past(now)
        years = municipal_years(within_calendar(past).datetimes("start", "month"))
        year = params.year(self.request.GET)
        if year is None:
            year = years[0] if years else municipal_year_of(timezone.localdate())
        elif year not in years:
            raise Http404("No meetings in that year")
        start, end = municipal_year_bounds(year)
        paginator = Paginator(past.filter(start__gte=start, start__lt=end), self.past_per_page)
        page = params.page_of(paginator, self.request.GET)
        context.update(
            past_page=page,
            past_year=year,
            past_year_label=municipal_year_label(year),
            years=[(y, municipal_year_label(y)) for y in years],
        )
        return context


class PersonListView(ListView):
    """Councillors, grouped by ward, narrowed by ward or party."""

    template_name = "committees/person_list.html"
    context_object_name = "people"

    def get_queryset(self):
        people = (
            Person.objects.public()
            .councillors()
            .select_related("party", "ward")
            .order_by("ward__name", "name")
        )
        self.ward = self.party = None
        if slug := params.slug(self.request.GET, "ward"):
            self.ward = Ward.objects.filter(slug=slug).first()
            people = people.filter(ward=self.ward) if self.ward else people.none()
        if slug := params.slug(self.request.GET, "party"):
            self.party = Party.objects.filter(slug=slug).first()
            people = people.filter(party=self.party) if self.party else people.none()
        return people

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        groups = {}
        for person in context["people"]:
            groups.setdefault(person.ward, []).append(person)
        context["groups"] = list(groups.items())
        councillors = Person.objects.public().councillors()
        context["wards"] = Ward.objects.filter(people__in=councillors).distinct()
        context["parties"] = Party.objects.filter(people__in=councillors).annotate(
            seats=Count("people", filter=Q(people__in=councillors))
        )
        context["ward"], context["party"] = self.ward, self.party
        return context


class PersonDetailView(DetailView):
    """Committees and roles, attendance record (public minutes only), declarations."""

    template_name = "committees/person_detail.html"
    context_object_name = "person"

    def get_queryset(self):
        return Person.objects.public().select_related("party", "ward")

    def get_context_data(self, **kwargs):
        person = self.object
        context = super().get_context_data(**kwargs)
        context["memberships"] = list(
            person.memberships.current()
            .filter(committee__is_public=True)
            .select_related("committee")
            .order_by("committee__position", "committee__name")
        )
        counts = dict(
            person.attendances.public()
            .order_by()
            .values_list("status")
            .annotate(n=Count("pk"))
            .values_list("status", "n")
        )
        Attendance = person.attendances.model
        present = sum(counts.get(s, 0) for s in Attendance.PRESENT_STATES)
        expected = sum(counts.get(s, 0) for s in Attendance.EXPECTED_STATES)
        context["attendance"] = {
            "expected": expected,
            "present": present,
            "apologies": counts.get(Attendance.Status.APOLOGIES, 0),
            "absent": counts.get(Attendance.Status.ABSENT, 0),
            "in_attendance": counts.get(Attendance.Status.IN_ATTENDANCE, 0),
            "rate": round(100 * present / expected) if expected else None,
        }
        context["interests"] = list(
            RegisteredInterest.objects.public().current().filter(person=person)
        )
        context["declarations"] = list(
            person.declarations.public()
            .select_related("meeting__committee", "item", "registered_interest")
            .order_by("-meeting__start")[:50]
        )
        return context
