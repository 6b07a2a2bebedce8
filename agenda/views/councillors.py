"""A councillor's record: `/people/<slug>/record/`, linked from their page.

Committees and roles, attendance (with the share of meeting time present), declarations,
votes and motions moved or seconded, over a period chosen by municipal year or dates.
Everything is read from public minutes through `agenda.visibility`; the figures' rules are
in `agenda.models.member_record`. `committees` never imports `agenda`, so the person page
links here by URL name and this page lives with the business it reads.
"""

from django.db.models import Prefetch
from django.views.generic import DetailView

from agenda.models.member_record import AttendanceRecord, Period, vote_tally
from agenda.visibility import PublicScope
from committees.models import Membership, Person
from committees.municipal import municipal_year_label, municipal_years, within_calendar


class CouncillorRecordView(DetailView):
    template_name = "agenda/councillor_record.html"
    context_object_name = "person"

    def get_queryset(self):
        """The person with every part of the record for the period, in one query each."""
        self.period = period = Period.from_query(self.request.GET)
        scope = PublicScope()
        by_date = ("-meeting__start", "pk")
        item_by_date = ("-item__meeting__start", "item__position", "position")
        return (
            Person.objects.public()
            .select_related("party", "ward")
            .prefetch_related(
                Prefetch(
                    "memberships",
                    queryset=Membership.objects.filter(committee__is_public=True)
                    .filter(period.memberships())
                    .select_related("committee")
                    .order_by("committee__position", "committee__name", "-start_date"),
                    to_attr="record_memberships",
                ),
                Prefetch(
                    "attendances",
                    queryset=scope.attendances()
                    .filter(period.meetings())
                    .select_related("meeting__committee")
                    .prefetch_related("spans")
                    .order_by(*by_date),
                    to_attr="record_attendances",
                ),
                Prefetch(
                    "declarations",
                    queryset=scope.declarations()
                    .filter(period.meetings())
                    .select_related("meeting__committee", "item")
                    .order_by(*by_date),
                    to_attr="record_declarations",
                ),
                Prefetch(
                    "votes",
                    queryset=scope.votes()
                    .filter(period.meetings("vote_event__motion__item__meeting"))
                    .select_related("vote_event__motion__item__meeting__committee")
                    .order_by(
                        "-vote_event__motion__item__meeting__start",
                        "vote_event__motion__item__position",
                        "vote_event__at",
                    ),
                    to_attr="record_votes",
                ),
                Prefetch(
                    "casting_votes",
                    queryset=scope.vote_events()
                    .filter(period.meetings("motion__item__meeting"))
                    .select_related("motion__item__meeting__committee")
                    .order_by("-motion__item__meeting__start", "motion__item__position", "at"),
                    to_attr="record_casting",
                ),
                Prefetch(
                    "motions_moved",
                    queryset=scope.motions()
                    .filter(period.meetings("item__meeting"))
                    .select_related("item__meeting__committee", "seconder")
                    .order_by(*item_by_date),
                    to_attr="record_moved",
                ),
                Prefetch(
                    "motions_seconded",
                    queryset=scope.motions()
                    .filter(period.meetings("item__meeting"))
                    .select_related("item__meeting__committee", "mover")
                    .order_by(*item_by_date),
                    to_attr="record_seconded",
                ),
            )
        )

    def get_context_data(self, **kwargs):
        person = self.object
        context = super().get_context_data(**kwargs)
        years = municipal_years(
            within_calendar(
                PublicScope().attendances().filter(person=person), "meeting__start"
            ).datetimes("meeting__start", "month")
        )
        context.update(
            period=self.period,
            years=[(year, municipal_year_label(year)) for year in years],
            memberships=person.record_memberships,
            attendance=AttendanceRecord.of(person.record_attendances),
            declarations=person.record_declarations,
            votes=person.record_votes,
            tally=vote_tally(person.record_votes),
            casting=person.record_casting,
            moved=person.record_moved,
            seconded=person.record_seconded,
        )
        return context
