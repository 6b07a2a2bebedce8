"""Editor pages for meetings: build the agenda, record attendance, publish."""

from django.contrib import admin, messages
from django.contrib.admin.views.main import ChangeList
from django.core.exceptions import PermissionDenied, ValidationError
from django.template.response import TemplateResponse
from django.urls import path
from django.utils import timezone
from django.utils.html import format_html, format_html_join

from agenda import publishing
from agenda.admin.builder import AgendaBuilderMixin, StepConfirmForm, builder_context
from agenda.admin.concurrency import WorkflowAdmin
from agenda.admin.importing import import_view
from agenda.admin.inlines import (
    AgendaItemFormSet,
    AgendaItemInline,
    AttendanceInline,
    MeetingDocumentInline,
)
from agenda.admin.meeting_form import MeetingForm
from agenda.admin.meeting_panels import MeetingPanelsMixin
from agenda.admin.pdf_preview import PREVIEW_LINKS, preview_response
from agenda.models import Action, AgendaItem, Document, ForwardPlanEntry, Meeting
from agenda.models.locks import LOCKED_MESSAGE
from agenda.models.meetings import meeting_default_start
from agenda.publishing import deadlines
from agenda.publishing.standard_items import add_standard_items
from committees.models import Committee
from committees.municipal import within_calendar


class OddDatesChangeList(ChangeList):
    """The meetings list, without its year/month links while any meeting holds a date from
    before the date rule (those links cannot be computed for year 1 or 9999); the list
    itself still shows such a meeting so a clerk can correct it."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        odd = Meeting.objects.exclude(pk__in=within_calendar(Meeting.objects.all()).values("pk"))
        if self.date_hierarchy and odd.exists():
            self.date_hierarchy = None


def workflow_action(step_class):
    """An admin action for one step of the table: ask once (with the checklist), then run
    the step on each selected meeting. Generated for every step the editor offers."""

    def action(modeladmin, request, queryset):
        return modeladmin.run_step(request, queryset, step_class)

    action.__name__ = step_class.name
    return admin.action(description=f"{step_class.title}: selected meetings")(action)


WORKFLOW_ACTIONS = [
    workflow_action(step) for step in publishing.STEPS.values() if step.offered_in_admin
]


@admin.register(Meeting)
class MeetingAdmin(AgendaBuilderMixin, MeetingPanelsMixin, WorkflowAdmin):
    form = MeetingForm
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
    actions = [*WORKFLOW_ACTIONS, "add_standard_items"]
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

    def row_histories(self, obj):
        return [
            AgendaItem.history.filter(meeting_id=obj.pk),
            Document.history.filter(meeting_id=obj.pk, item_id__isnull=True),
        ]

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        return type(form.__name__, (form,), {"actor": request.user})

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if obj is not None and Meeting.objects.public().filter(pk=obj.pk).exists():
            fields = ["confirm_move", "change_notice"]
            if obj.agenda_is_public:
                fields.append("renumber_notice")
            fieldsets = [
                *fieldsets,
                (
                    "Changes after publication",
                    {
                        "fields": fields,
                        "description": "Residents may already rely on this meeting's date "
                        "and item numbers: changing them publishes a notice.",
                    },
                ),
            ]
        return fieldsets

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
                "<int:object_id>/forward-plan/<int:entry_id>/",
                self.admin_site.admin_view(self.add_forward_plan_item),
                name="agenda_meeting_add_forward_plan_item",
            ),
            path(
                "<int:object_id>/report-back/<int:action_id>/",
                self.admin_site.admin_view(self.add_report_item),
                name="agenda_meeting_add_report_item",
            ),
            path(
                "<int:object_id>/publications/<int:publication_id>/retry/",
                self.admin_site.admin_view(self.retry_publication),
                name="agenda_meeting_retry_publication",
            ),
            path(
                "<int:object_id>/reports/",
                self.admin_site.admin_view(self.match_reports_view),
                name="agenda_meeting_match_reports",
            ),
            path(
                "<int:object_id>/step/<slug:name>/",
                self.admin_site.admin_view(self.step_view),
                name="agenda_meeting_step",
            ),
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
        if meeting is not None and meeting.minutes_locked and request.method == "GET":
            messages.info(request, LOCKED_MESSAGE % {"meeting": meeting})
        if meeting is not None and not meeting.agenda_is_public:
            extra_context["deadline_summary"] = deadlines.deadline_summary(meeting)
        if meeting is not None:
            extra_context.update(builder_context(meeting, request.user))
            rows = self.publication_rows(meeting)
            extra_context["publications"] = rows
            extra_context["open_publication"] = any(r["publication"].is_open for r in rows)
            extra_context["failed_emails"] = meeting.emails.filter(status="failed").count()
            extra_context["suggested_decisions"] = list(
                ForwardPlanEntry.objects.to_take_at(meeting)
            )
            extra_context["suggested_reports"] = list(
                Action.objects.reports_due_at(meeting).select_related("item__meeting")
            )
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
        move = getattr(form, "move", None)
        if move:
            # The date moves through its step (notice, reprint, new address), after the
            # rest of the page is saved as usual.
            obj.start, obj.end = Meeting.objects.values_list("start", "end").get(pk=obj.pk)
        elif change and {"start", "end"} & set(form.changed_data):
            obj.slug = ""  # not public yet: the address simply takes the new date
        super().save_model(request, obj, form, change)
        if move:
            result = publishing.run("move_meeting", obj, request.user, **move)
            obj.refresh_from_db()
            self.report_step(request, result)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        for formset in formsets:
            order = getattr(formset, "requested_order", None)
            if isinstance(formset, AgendaItemFormSet) and order:
                result = publishing.run(
                    "renumber_items",
                    form.instance,
                    request.user,
                    order=order,
                    notice=formset.notice(),
                )
                self.report_step(request, result)

    def report_step(self, request, result):
        """What a step run from the page did (or that the worker is completing it)."""
        if result.created is not None:
            self.message_user(request, result.created.summary)
        for text in result.messages:
            self.message_user(request, text, messages.INFO if result.pending else messages.WARNING)

    def get_changelist(self, request, **kwargs):
        return OddDatesChangeList

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if obj is not None and obj.minutes_locked:
            # Approved minutes: when and where it met is the record (an erratum corrects).
            fields += ["committee", "title", "start", "end", "venue", "contact_officer"]
        return fields

    def get_actions(self, request):
        actions = super().get_actions(request)
        for step in publishing.STEPS.values():
            if not request.user.has_perm(publishing.RULES[step.name].permission):
                actions.pop(step.name, None)
        return actions

    # ------------------------------------------------------------------ workflow actions

    def run_step(self, request, queryset, step_class):
        """Ask once (with the checklist), then on "Yes" run the step on each meeting."""
        meetings = list(queryset.select_related("committee"))
        if request.POST.get("confirmed") != "yes":
            return self._confirm(request, meetings, step_class)
        done = sum(
            1 for meeting in meetings if self.take_step(request, meeting, step_class) is not None
        )
        if done:
            self.message_user(request, f"{step_class.title}: done for {done} meeting(s).")
        return None

    def take_step(self, request, meeting, step_class):
        """Run the confirmed step on one meeting and say what happened; its StepResult, or
        None if it was refused."""
        step = step_class(
            meeting,
            request.user,
            urgency_reason=request.POST.get(f"urgency_{meeting.pk}", ""),
            notice=request.POST.get("notice", ""),
        )
        try:
            result = step.execute()
        except (ValidationError, PermissionDenied) as error:
            text = " ".join(getattr(error, "messages", [str(error)]))
            self.message_user(request, f"{meeting}: {text}", messages.ERROR)
            return None
        level = messages.INFO if result.pending else messages.WARNING
        for problem in result.messages:
            self.message_user(request, f"{meeting}: {problem}", level)
        return result

    def _confirm(self, request, meetings, step_class, back_url=None):
        what = publishing.RULES[step_class.name].checklist
        rows = []
        for meeting in meetings:
            step = step_class(meeting, request.user)
            checks = step.checklist()
            rows.append(
                {
                    "meeting": meeting,
                    "checks": checks,
                    "blocked": any(c.blocking and not c.ok for c in checks),
                    "late": what in ("agenda", "supplement") and step.late,
                    "deadline": deadlines.deadline_summary(meeting),
                }
            )
        form = StepConfirmForm(
            late=[row["meeting"] for row in rows if row["late"] and not row["blocked"]],
            notice=step_class.needs_notice,
        )
        for row in rows:
            name = form.urgency_name(row["meeting"])
            row["urgency"] = form[name] if name in form.fields else None
        return TemplateResponse(
            request,
            "admin/agenda/meeting/confirm_publish.html",
            {
                **self.admin_site.each_context(request),
                "title": f"{step_class.title}?",
                "step": {
                    "title": step_class.title,
                    "explain": step_class.explain,
                    "what": what,
                    "notice": step_class.needs_notice,
                },
                "rows": rows,
                "form": form,
                "all_blocked": rows and all(row["blocked"] for row in rows),
                "action": step_class.name,
                "opts": self.model._meta,
                "back_url": back_url,
            },
        )

    @admin.action(
        description="Add standard items (apologies, declarations, previous minutes, exclusion)"
    )
    def add_standard_items(self, request, queryset):
        if not request.user.has_perm(publishing.EDIT_PERMISSION):
            raise PermissionDenied
        for meeting in queryset.select_related("committee"):
            try:
                added = add_standard_items(meeting)
            except ValidationError as error:
                self.message_user(request, " ".join(error.messages), messages.ERROR)
                continue
            names = ", ".join(f"{item.number}. {item.title}" for item in added)
            self.message_user(
                request,
                f"{meeting}: added {names}." if added else f"{meeting}: nothing to add.",
            )
