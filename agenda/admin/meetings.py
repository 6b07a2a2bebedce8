"""Editor pages for meetings: build the agenda, record attendance, publish."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.template.response import TemplateResponse
from django.urls import path
from django.utils import timezone

from agenda import services
from agenda.admin.importing import import_view
from agenda.admin.inlines import AgendaItemInline, AttendanceInline, MeetingDocumentInline
from agenda.models import Meeting
from agenda.models.meetings import meeting_default_start
from agenda.pdf.admin_preview import PREVIEW_LINKS, preview_response
from committees.models import Committee


@admin.register(Meeting)
class MeetingAdmin(admin.ModelAdmin):
    list_display = ["start", "committee", "status", "agenda_status", "minutes_status"]
    list_filter = ["status", "agenda_status", "minutes_status", "committee"]
    list_select_related = ["committee"]
    date_hierarchy = "start"
    search_fields = ["committee__name", "title", "venue__name", "slug"]
    autocomplete_fields = ["committee", "venue", "contact_officer", "minutes_approved_by_meeting"]
    readonly_fields = [
        "agenda_status",
        "agenda_published_at",
        "minutes_status",
        "minutes_published_at",
        "minutes_approved_at",
        "minutes_approved_by_meeting",
    ]
    inlines = [AgendaItemInline, AttendanceInline, MeetingDocumentInline]
    actions = ["publish_agenda", "publish_draft_minutes"]
    fieldsets = [
        (None, {"fields": ["committee", "title", "start", "end", "venue", "contact_officer"]}),
        ("Status", {"fields": ["status", "status_notice", "is_listed", "webcast_url"]}),
        (
            "Publication",
            {
                "fields": [
                    "agenda_status",
                    "agenda_published_at",
                    "minutes_status",
                    "minutes_published_at",
                    "minutes_approved_at",
                    "minutes_approved_by_meeting",
                ]
            },
        ),
    ]

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
        extra_context = {**(extra_context or {}), "pdf_previews": PREVIEW_LINKS}
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
            actions.pop("publish_agenda", None)
            actions.pop("publish_draft_minutes", None)
        return actions

    def _confirm_then(self, request, queryset, *, verb, what, step):
        """Show one confirmation page; on "Yes" run `step` on each meeting."""
        if request.POST.get("confirmed") != "yes":
            return TemplateResponse(
                request,
                "admin/agenda/meeting/confirm_publish.html",
                {
                    **self.admin_site.each_context(request),
                    "title": f"{verb} {what}?",
                    "meetings": queryset,
                    "what": what,
                    "action": request.POST.get("action"),
                    "opts": self.model._meta,
                },
            )
        done = 0
        for meeting in queryset:
            try:
                published = step(meeting=meeting, user=request.user)
                done += 1
                generation = getattr(published, "pdf_generation", None)
                for problem in generation.problem_messages if generation else []:
                    self.message_user(request, f"{meeting}: {problem}", messages.WARNING)
            except (ValidationError, PermissionDenied) as error:
                message = error.messages[0] if hasattr(error, "messages") else str(error)
                self.message_user(request, f"{meeting}: {message}", messages.ERROR)
        if done:
            self.message_user(request, f"{verb}ed the {what} of {done} meeting(s).")
        return None

    @admin.action(description="Publish the agenda of selected meetings")
    def publish_agenda(self, request, queryset):
        return self._confirm_then(
            request, queryset, verb="Publish", what="agenda", step=services.agenda_publish
        )

    @admin.action(description="Publish the draft minutes of selected meetings")
    def publish_draft_minutes(self, request, queryset):
        return self._confirm_then(
            request, queryset, verb="Publish", what="draft minutes", step=services.minutes_publish
        )
