"""Editor pages for meetings: build the agenda, record attendance, publish."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.template.response import TemplateResponse
from django.urls import path
from django.utils import timezone
from django.utils.html import format_html, format_html_join

from agenda import deadlines, services
from agenda.admin.concurrency import WorkflowAdmin
from agenda.admin.importing import import_view
from agenda.admin.inlines import AgendaItemInline, AttendanceInline, MeetingDocumentInline
from agenda.models import Meeting
from agenda.models.meetings import meeting_default_start
from agenda.pdf.admin_preview import PREVIEW_LINKS, preview_response
from committees.models import Committee

# Each workflow action: what the confirmation page says and which service it calls.
STEPS = {
    "publish_agenda": {
        "title": "Publish the agenda",
        "what": "agenda",
        "explain": "The agenda, its items and their public documents go on the website "
        "straight away. Exempt items show only their number, title and paragraph. "
        "Document metadata is removed from the public copies.",
        "publisher": True,
    },
    "publish_supplement": {
        "title": "Publish a supplement",
        "what": "supplement",
        "explain": "Items and documents added since the agenda went out are published, "
        "marked as a supplement.",
        "publisher": True,
    },
    "publish_draft_minutes": {
        "title": "Publish the draft minutes",
        "what": "minutes",
        "explain": "The minutes go on the website marked DRAFT until the next meeting "
        "approves them.",
        "publisher": True,
    },
    "record_held": {
        "title": "Record as held",
        "what": None,
        "explain": "The meeting is recorded as having taken place and its minutes open as a draft.",
        "publisher": False,
    },
    "cancel_meetings": {
        "title": "Cancel",
        "what": None,
        "explain": "The meeting is cancelled and your notice is shown on the website.",
        "publisher": True,
        "notice": True,
    },
    "postpone_meetings": {
        "title": "Postpone",
        "what": None,
        "explain": "The meeting is postponed and your notice is shown on the website.",
        "publisher": True,
        "notice": True,
    },
}


@admin.register(Meeting)
class MeetingAdmin(WorkflowAdmin):
    list_display = ["start", "committee", "status", "agenda_status", "minutes_status"]
    list_filter = ["status", "agenda_status", "minutes_status", "committee"]
    list_select_related = ["committee"]
    date_hierarchy = "start"
    search_fields = ["committee__name", "title", "venue__name", "slug"]
    autocomplete_fields = ["committee", "venue", "contact_officer", "minutes_approved_by_meeting"]
    readonly_fields = [
        # Status moves only through the workflow actions (logged, with a public notice).
        "status",
        "agenda_deadline",
        "agenda_status",
        "agenda_published_at",
        "late_publication_reason",
        "minutes_status",
        "minutes_published_at",
        "minutes_approved_at",
        "minutes_approved_by_meeting",
        "workflow_log",
    ]
    inlines = [AgendaItemInline, AttendanceInline, MeetingDocumentInline]
    actions = [*STEPS, "add_standard_items"]
    fieldsets = [
        (None, {"fields": ["committee", "title", "start", "end", "venue", "contact_officer"]}),
        ("Status", {"fields": ["status", "status_notice", "is_listed", "webcast_url"]}),
        (
            "Publication",
            {
                "fields": [
                    "agenda_deadline",
                    "agenda_status",
                    "agenda_published_at",
                    "late_publication_reason",
                    "minutes_status",
                    "minutes_published_at",
                    "minutes_approved_at",
                    "minutes_approved_by_meeting",
                    "workflow_log",
                ]
            },
        ),
    ]

    @admin.display(description="agenda deadline")
    def agenda_deadline(self, obj):
        if obj is None or obj.pk is None:
            return "Save the meeting to see its deadline."
        if obj.agenda_is_public:
            return f"Published {timezone.localtime(obj.agenda_published_at):%d %b %Y %H:%M}."
        return deadlines.deadline_summary(obj)

    @admin.display(description="workflow log")
    def workflow_log(self, obj):
        rows = obj.transitions.select_related("user")[:20] if obj and obj.pk else []
        if not rows:
            return "Nothing released yet."
        return format_html(
            "<ul>{}</ul>",
            format_html_join(
                "",
                "<li>{} — {} by {}{}</li>",
                (
                    (
                        f"{timezone.localtime(row.at):%d %b %Y %H:%M}",
                        row.get_kind_display(),
                        row.user or "the system",
                        f" ({row.reason})" if row.reason else "",
                    )
                    for row in rows
                ),
            ),
        )

    def get_urls(self):
        preview = self.admin_site.admin_view(self.preview_pdf)
        # "Import from ModernGov" (agenda/admin/importing.py), linked from the changelist.
        importer = self.admin_site.admin_view(lambda request: import_view(self, request))
        return [
            path("import/", importer, name="agenda_meeting_import"),
            path(
                "<path:object_id>/preview/<slug:which>.pdf",
                preview,
                name="agenda_meeting_preview_pdf",
            ),
            *super().get_urls(),
        ]

    def preview_pdf(self, request, object_id, which):
        return preview_response(self, request, object_id, which)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        meeting = Meeting.objects.filter(pk=object_id if str(object_id).isdigit() else None)
        meeting = meeting.select_related("committee").first()
        extra_context = {**(extra_context or {}), "pdf_previews": PREVIEW_LINKS}
        if meeting is not None and not meeting.agenda_is_public:
            extra_context["deadline_summary"] = deadlines.deadline_summary(meeting)
        return super().change_view(request, object_id, form_url, extra_context)

    def get_changeform_initial_data(self, request):
        initial = super().get_changeform_initial_data(request)
        committee = Committee.objects.filter(pk=request.GET.get("committee") or None).first()
        if committee:
            initial["committee"] = committee.pk
            initial["venue"] = committee.default_venue_id
            initial["contact_officer"] = committee.support_officer_id
            day = timezone.localdate() + timezone.timedelta(days=28)
            initial["start"] = meeting_default_start(committee, day)
        return initial

    def save_model(self, request, obj, form, change):
        if not obj.venue_id and obj.committee.default_venue_id:
            obj.venue_id = obj.committee.default_venue_id
        if not obj.contact_officer_id and obj.committee.support_officer_id:
            obj.contact_officer_id = obj.committee.support_officer_id
        super().save_model(request, obj, form, change)

    def get_actions(self, request):
        actions = super().get_actions(request)
        if not request.user.has_perm(services.PUBLISH_PERMISSION):
            for name, step in STEPS.items():
                if step["publisher"]:
                    actions.pop(name, None)
        return actions

    # ------------------------------------------------------------------ workflow actions

    def _run(self, request, queryset, name, call):
        """Ask once (with the checklist), then on "Yes" run `call` on each meeting."""
        step = STEPS[name]
        meetings = list(queryset.select_related("committee"))
        if request.POST.get("confirmed") != "yes":
            rows = []
            for meeting in meetings:
                checks = (
                    services.publication_checks(meeting, request.user, step["what"])
                    if step["what"]
                    else []
                )
                rows.append(
                    {
                        "meeting": meeting,
                        "checks": checks,
                        "blocked": any(c.blocking and not c.ok for c in checks),
                        "late": step["what"] in ("agenda", "supplement")
                        and deadlines.is_late(meeting),
                        "deadline": deadlines.deadline_summary(meeting),
                    }
                )
            return TemplateResponse(
                request,
                "admin/agenda/meeting/confirm_publish.html",
                {
                    **self.admin_site.each_context(request),
                    "title": f"{step['title']}?",
                    "step": step,
                    "rows": rows,
                    "all_blocked": rows and all(row["blocked"] for row in rows),
                    "action": name,
                    "opts": self.model._meta,
                },
            )
        done = 0
        for meeting in meetings:
            try:
                published = call(meeting, request)
                done += 1
                generation = getattr(published, "pdf_generation", None)
                for problem in generation.problem_messages if generation else []:
                    self.message_user(request, f"{meeting}: {problem}", messages.WARNING)
            except (ValidationError, PermissionDenied) as error:
                text = " ".join(getattr(error, "messages", [str(error)]))
                self.message_user(request, f"{meeting}: {text}", messages.ERROR)
        if done:
            self.message_user(request, f"{step['title']}: done for {done} meeting(s).")
        return None

    @admin.action(description="Publish the agenda of selected meetings")
    def publish_agenda(self, request, queryset):
        return self._run(
            request,
            queryset,
            "publish_agenda",
            lambda m, r: services.agenda_publish(
                meeting=m, user=r.user, urgency_reason=r.POST.get(f"urgency_{m.pk}", "")
            ),
        )

    @admin.action(description="Publish a supplement (items added since publication)")
    def publish_supplement(self, request, queryset):
        return self._run(
            request,
            queryset,
            "publish_supplement",
            lambda m, r: services.supplement_publish(
                meeting=m, user=r.user, urgency_reason=r.POST.get(f"urgency_{m.pk}", "")
            ),
        )

    @admin.action(description="Publish the draft minutes of selected meetings")
    def publish_draft_minutes(self, request, queryset):
        return self._run(
            request,
            queryset,
            "publish_draft_minutes",
            lambda m, r: services.minutes_publish(meeting=m, user=r.user),
        )

    @admin.action(description="Record selected meetings as held (opens draft minutes)")
    def record_held(self, request, queryset):
        return self._run(
            request,
            queryset,
            "record_held",
            lambda m, r: services.meeting_held(meeting=m, user=r.user),
        )

    @admin.action(description="Cancel selected meetings (with a public notice)")
    def cancel_meetings(self, request, queryset):
        return self._run(
            request,
            queryset,
            "cancel_meetings",
            lambda m, r: services.meeting_cancel(
                meeting=m, user=r.user, notice=r.POST.get("notice", "")
            ),
        )

    @admin.action(description="Postpone selected meetings (with a public notice)")
    def postpone_meetings(self, request, queryset):
        return self._run(
            request,
            queryset,
            "postpone_meetings",
            lambda m, r: services.meeting_postpone(
                meeting=m, user=r.user, notice=r.POST.get("notice", "")
            ),
        )

    @admin.action(description="Add standard items (minutes of the previous meeting)")
    def add_standard_items(self, request, queryset):
        added = 0
        for meeting in queryset:
            try:
                added += services.add_standard_items(meeting=meeting, user=request.user) is not None
            except (ValidationError, PermissionDenied) as error:
                self.message_user(request, f"{meeting}: {error}", messages.ERROR)
        self.message_user(request, f"Added the standard items to {added} meeting(s).")
