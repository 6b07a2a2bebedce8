"""Home, the meetings list, the month calendar and the meeting page."""

import calendar
import datetime

from django.db.models import Exists, OuterRef, Prefetch, prefetch_related_objects
from django.urls import reverse
from django.utils import timezone
from django.views.generic import DetailView, ListView, TemplateView

from agenda.models import (
    AttendanceSpan,
    Meeting,
    PublicContribution,
    Recommendation,
    Resolution,
)
from agenda.models.votes import minuted_motions
from agenda.publishing.deadlines import contributions_deadline
from agenda.views.former import FormerAddressMixin
from agenda.visibility import PreviewMixin, PublicScope
from committees.models import Committee
from committees.municipal import (
    municipal_year_bounds,
    municipal_year_label,
    municipal_years,
    within_calendar,
)
from minutes_site import params


class HomeView(TemplateView):
    template_name = "agenda/home.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        meetings = Meeting.objects.public().for_listing()
        context["upcoming"] = meetings.upcoming()[:8]
        context["recent_agendas"] = meetings.with_public_agenda().order_by(
            "-agenda_published_at", "-start"
        )[:5]
        context["recent_minutes"] = meetings.with_public_minutes().order_by(
            "-minutes_published_at", "-start"
        )[:5]
        now = timezone.localtime()
        context["calendar_url"] = reverse(
            "agenda:calendar", kwargs={"year": now.year, "month": now.month}
        )
        return context


class MeetingListView(params.CheckedPageMixin, ListView):
    """Every public meeting, newest first, narrowed by committee and municipal year."""

    template_name = "agenda/meeting_list.html"
    context_object_name = "meetings"
    paginate_by = 25

    def get_filters(self):
        committee = None
        if slug := params.slug(self.request.GET, "committee"):
            committee = Committee.objects.public().filter(slug=slug).first()
            if committee is None:
                raise params.BadParameter(f"There is no public committee called “{slug}”.")
        return committee, params.year(self.request.GET)

    def get_queryset(self):
        self.committee, self.year = self.get_filters()
        meetings = Meeting.objects.public().for_listing().order_by("-start")
        if self.committee:
            meetings = meetings.filter(committee=self.committee)
        if self.year:
            start, end = municipal_year_bounds(self.year)
            meetings = meetings.filter(start__gte=start, start__lt=end)
        return meetings

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        base = Meeting.objects.public()
        if self.committee:
            base = base.filter(committee=self.committee)
        context.update(
            committee=self.committee,
            year=self.year,
            year_label=municipal_year_label(self.year) if self.year else "",
            committees=Committee.objects.public().only("name", "slug"),
            years=[
                (year, municipal_year_label(year))
                for year in municipal_years(within_calendar(base).datetimes("start", "month"))
            ],
            now=timezone.now(),
        )
        today = timezone.localdate()
        context["calendar_url"] = reverse(
            "agenda:calendar", kwargs={"year": today.year, "month": today.month}
        )
        return context


class MeetingCalendarView(TemplateView):
    """A month grid of public meetings, with a plain list for small screens."""

    template_name = "agenda/meeting_calendar.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        year = params.check_year(self.kwargs["year"])
        month = params.check_month(self.kwargs["month"])
        zone = timezone.get_default_timezone()
        first = datetime.date(year, month, 1)
        following = (first + datetime.timedelta(days=32)).replace(day=1)
        previous = (first - datetime.timedelta(days=1)).replace(day=1)
        meetings = list(
            Meeting.objects.public()
            .for_listing()
            .filter(
                start__gte=datetime.datetime.combine(first, datetime.time(), zone),
                start__lt=datetime.datetime.combine(following, datetime.time(), zone),
            )
            .order_by("start")
        )
        by_day = {}
        for meeting in meetings:
            by_day.setdefault(timezone.localtime(meeting.start).date(), []).append(meeting)
        weeks = [
            [(day, day.month == month, by_day.get(day, [])) for day in week]
            for week in calendar.Calendar(firstweekday=0).monthdatescalendar(year, month)
        ]
        context.update(
            month=first,
            weeks=weeks,
            meetings=meetings,
            day_names=list(calendar.day_name),
            today=timezone.localdate(),
            previous_url=reverse(
                "agenda:calendar", kwargs={"year": previous.year, "month": previous.month}
            ),
            next_url=reverse(
                "agenda:calendar", kwargs={"year": following.year, "month": following.month}
            ),
            previous_month=previous,
            next_month=following,
        )
        return context


class MeetingDetailView(FormerAddressMixin, PreviewMixin, DetailView):
    """The meeting page: when and where, what is published, every item and its minute."""

    template_name = "agenda/meeting_detail.html"
    context_object_name = "meeting"

    def get_queryset(self):
        return self.get_scope().meetings().select_related("committee", "venue", "contact_officer")

    def get_context_data(self, **kwargs):
        scope = self.get_scope()
        meeting = self.object
        context = super().get_context_data(**kwargs)
        context["shows_agenda"] = shows_agenda = scope.shows_agenda(meeting)
        context["take_part_open"] = (
            meeting.status == Meeting.Status.SCHEDULED
            and not scope.is_preview
            # A past meeting takes no questions (and its deadline need not be computed).
            and meeting.start > timezone.now()
            and timezone.now() <= contributions_deadline(meeting)
        )
        context["shows_minutes"] = shows_minutes = shows_agenda and scope.shows_minutes(meeting)
        context["notices"] = (
            list(meeting.notices.public()) if not scope.is_preview else list(meeting.notices.all())
        )
        if shows_agenda:
            documents = documents_by_item(scope, meeting)
            context["items"] = items_with_content(scope, meeting, documents)
            context["meeting_documents"] = documents.get(None, [])
            context["contributions"] = list(
                PublicContribution.objects.public()
                .filter(meeting=meeting)
                .select_related("item")
                .order_by("submitted_at", "pk")
            )
            # Items withdrawn or made exempt after publication: said publicly, in words
            # the step wrote (never the hidden content).
            context["visibility_notices"] = list(meeting.transitions.public_notices())
        if shows_minutes:
            context["attendances"] = with_times(
                scope.attendances()
                .filter(meeting=meeting)
                .select_related("person__party", "substitute_for")
                .order_by("status", "person__name")
            )
            context["apologies"] = [
                a for a in context["attendances"] if a.status == a.Status.APOLOGIES
            ]
            context["declarations"] = list(
                scope.declarations()
                .filter(meeting=meeting)
                .select_related("person", "item")
                .order_by("item__position", "person__name")
            )
        return context


def with_times(attendances):
    """Attendance rows with their times in the room (the console's spans): one more query,
    and only when the meeting has any."""
    rows = list(
        attendances.annotate(
            has_times=Exists(AttendanceSpan.objects.filter(attendance=OuterRef("pk")))
        )
    )
    if any(row.has_times for row in rows):
        prefetch_related_objects(rows, "spans")
    return rows


# Rows of exempt or withdrawn items never load on a public page.
OPEN_ROWS = {"item__is_exempt": False, "item__withdrawn_at__isnull": True}


def documents_by_item(scope: PublicScope, meeting):
    """The meeting's public documents in one query, by item id (None: the meeting's own),
    each knowing its meeting without a join."""
    by_item = {}
    # One meeting: its own order, without joining the meeting (and its items) to sort.
    listing = scope.documents().for_listing(with_meeting=False).filter(meeting=meeting)
    for document in listing.order_by("position", "pk"):
        document.meeting = meeting
        by_item.setdefault(document.item_id, []).append(document)
    return by_item


def items_with_content(scope: PublicScope, meeting, documents):
    """A meeting's items with their recommendations and resolutions in three queries
    however many there are, as lists (`public_recommendations`, `public_resolutions`,
    `public_documents` from `documents`, `minuted_motions`) a template reads without
    building a queryset per item. Exempt items get empty lists: their rows never load."""
    items = (
        scope.items()
        .filter(meeting=meeting)
        .select_related("contact_officer", "scrutiny_area", "minute_number")
        .prefetch_related(
            Prefetch(
                "recommendations",
                queryset=Recommendation.objects.filter(**OPEN_ROWS),
                to_attr="public_recommendations",
            ),
            Prefetch(
                "resolutions",
                queryset=Resolution.objects.filter(**OPEN_ROWS).select_related(
                    "motion__vote_event"
                ),
                to_attr="public_resolutions",
            ),
        )
        .order_by("position")
    )
    items = list(items)
    # The console's motions behind the resolutions: one query, only if a vote was recorded.
    motions = minuted_motions([row for item in items for row in item.public_resolutions])
    for item in items:
        ids = {row.motion_id for row in item.public_resolutions}
        item.minuted_motions = [motion for motion in motions if motion.pk in ids]
        item.public_documents = documents.get(item.pk, [])
    return items
