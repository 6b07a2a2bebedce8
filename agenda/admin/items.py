"""Editor pages for an agenda item: agenda text, recommendations, minute, resolutions."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from agenda import publishing
from agenda.admin.approval import approve_previous_minutes
from agenda.admin.concurrency import WorkflowAdmin
from agenda.admin.inlines import (
    ActionInline,
    DeclarationInline,
    DocumentInline,
    RecommendationInline,
    ResolutionInline,
)
from agenda.models import Action, ActionUpdate, AgendaItem, Declaration, Meeting, Topic
from agenda.publishing import deadlines


@admin.register(AgendaItem)
class AgendaItemAdmin(WorkflowAdmin):
    actions = [approve_previous_minutes]
    autosave_fields = ("minutes_text", "agenda_text")

    def get_actions(self, request):
        actions = super().get_actions(request)
        if not request.user.has_perm(publishing.PUBLISH_PERMISSION):
            actions.pop("approve_previous_minutes", None)
        return actions

    list_display = ["__str__", "meeting", "kind", "is_exempt", "is_key_decision", "published_at"]
    list_filter = ["kind", "is_exempt", "is_urgent", "is_key_decision", "meeting__committee"]
    list_select_related = ["meeting__committee"]
    search_fields = ["title", "number", "meeting__committee__name", "report_reference"]
    autocomplete_fields = [
        "meeting",
        "contact_officer",
        "scrutiny_area",
        "wards_affected",
        "topic",
        "previous_minutes_of",
    ]
    inlines = [
        RecommendationInline,
        ResolutionInline,
        ActionInline,
        DocumentInline,
        DeclarationInline,
    ]
    fieldsets = [
        (None, {"fields": ["meeting", "position", "number", "kind", "title", "topic"]}),
        (
            "Agenda",
            {
                "fields": [
                    "agenda_text",
                    "report_reference",
                    "contact_officer",
                    "scrutiny_area",
                    "wards_affected",
                    "is_key_decision",
                    "previous_minutes_of",
                ]
            },
        ),
        (
            "Exempt (Part B) and urgent business",
            {
                "fields": [
                    "is_exempt",
                    "exempt_paragraph",
                    "public_interest_reason",
                    "is_urgent",
                    "urgency_reason",
                    "is_supplement",
                ],
                "description": "An exempt item shows only its number, title and paragraph "
                "to the public.",
            },
        ),
        ("Minutes", {"fields": ["minutes_text", "action_owner"]}),
    ]

    def change_view(self, request, object_id, form_url="", extra_context=None):
        item = (
            AgendaItem.objects.select_related("meeting__committee")
            .filter(pk=object_id if str(object_id).isdigit() else None)
            .first()
        )
        extra_context = extra_context or {}
        if item is not None and not item.meeting.agenda_is_public:
            extra_context["deadline_summary"] = deadlines.deadline_summary(item.meeting)
        elif item is not None and item.published_at is None:
            extra_context["deadline_summary"] = (
                "The agenda is already published: this item will go out as a supplement."
            )
        return super().change_view(request, object_id, form_url, extra_context)

    def get_changeform_initial_data(self, request):
        initial = super().get_changeform_initial_data(request)
        meeting = Meeting.objects.filter(pk=request.GET.get("meeting") or None).first()
        if meeting:
            position = meeting.next_item_position()
            initial.update(meeting=meeting.pk, position=position, number=str(position))
        return initial


@admin.register(Topic)
class TopicAdmin(admin.ModelAdmin):
    list_display = ["name"]
    search_fields = ["name"]
    exclude = ["slug"]


class ActionUpdateInline(admin.TabularInline):
    """Progress, newest last: each update says who and when and moves the status."""

    model = ActionUpdate
    extra = 1
    fields = ["text", "status", "by", "at"]
    readonly_fields = ["by", "at"]
    verbose_name_plural = "updates (published on the committee's action tracker)"

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Action)
class ActionAdmin(SimpleHistoryAdmin):
    list_display = ["owner", "description", "due_date", "status", "report_back", "item"]
    list_filter = ["status", "report_back", "item__meeting__committee"]
    inlines = [ActionUpdateInline]
    readonly_fields = ["report_item"]

    def save_formset(self, request, form, formset, change):
        for row in formset.save(commit=False):
            row.by = request.user
            row.save()
        formset.save_m2m()

    list_select_related = ["item__meeting__committee"]
    search_fields = ["owner", "description", "item__title"]
    autocomplete_fields = ["item", "resolution", "owner_person"]
    date_hierarchy = "due_date"


@admin.register(Declaration)
class DeclarationAdmin(admin.ModelAdmin):
    list_display = ["person", "kind", "meeting", "item", "left_room"]
    list_filter = ["kind", "left_room", "meeting__committee"]
    list_select_related = ["person", "meeting__committee", "item"]
    search_fields = ["person__name", "description", "item__title"]
    autocomplete_fields = ["meeting", "item", "person"]
