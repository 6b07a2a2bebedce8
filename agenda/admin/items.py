"""Editor pages for an agenda item: agenda text, recommendations, minute, resolutions."""

from django.contrib import admin, messages
from django.contrib.admin.utils import flatten_fieldsets
from django.http import HttpResponseRedirect
from django.urls import reverse
from simple_history.admin import SimpleHistoryAdmin

from agenda import publishing
from agenda.admin.approval import approve_previous_minutes
from agenda.admin.concurrency import VERSION_FIELD, VersionedForm, WorkflowAdmin
from agenda.admin.inlines import (
    ActionInline,
    DeclarationInline,
    DocumentInline,
    RecommendationInline,
    ResolutionInline,
    minutes_locked,
)
from agenda.admin.labels import LabelledFormSet, NamedSplitInputsMixin
from agenda.admin.record import RecordAdminMixin, VisibilityFormMixin, withdraw_items
from agenda.models import (
    Action,
    ActionUpdate,
    AgendaItem,
    Declaration,
    Document,
    ForwardPlanEntry,
    Meeting,
    Recommendation,
    Resolution,
    Topic,
)
from agenda.models.locks import LOCKED_MESSAGE
from agenda.publishing import deadlines


class ItemForm(VisibilityFormMixin, VersionedForm):
    """The item page: "exempt" on a published item runs the exempt_item step."""


@admin.register(AgendaItem)
class AgendaItemAdmin(WorkflowAdmin):
    form = ItemForm
    actions = [approve_previous_minutes, withdraw_items]
    autosave_fields = ("minutes_text", "agenda_text")

    def get_actions(self, request):
        actions = super().get_actions(request)
        if not request.user.has_perm(publishing.PUBLISH_PERMISSION):
            actions.pop("approve_previous_minutes", None)
            actions.pop("withdraw_items", None)
        return actions

    def get_readonly_fields(self, request, obj=None):
        """Approved minutes: the whole item is read-only (only an erratum corrects it)."""
        if minutes_locked(obj):
            fields = flatten_fieldsets(self.get_fieldsets(request, obj))
            return [name for name in fields if name != VERSION_FIELD]
        return super().get_readonly_fields(request, obj)

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
        ("Minutes", {"fields": ["started_at", "ended_at", "minutes_text", "action_owner"]}),
    ]

    def row_histories(self, obj):
        return [
            Recommendation.history.filter(item_id=obj.pk),
            Resolution.history.filter(item_id=obj.pk),
            Document.history.filter(item_id=obj.pk),
        ]

    def change_view(self, request, object_id, form_url="", extra_context=None):
        item = (
            AgendaItem.objects.select_related("meeting__committee")
            .filter(pk=object_id if str(object_id).isdigit() else None)
            .first()
        )
        extra_context = extra_context or {}
        if item is not None and item.meeting.minutes_locked and request.method == "GET":
            messages.info(request, LOCKED_MESSAGE % {"meeting": item.meeting})
        if item is not None and not item.meeting.agenda_is_public:
            extra_context["deadline_summary"] = deadlines.deadline_summary(item.meeting)
        elif item is not None and item.published_at is None:
            extra_context["deadline_summary"] = (
                "The agenda is already published: this item will go out as a supplement."
            )
        return super().change_view(request, object_id, form_url, extra_context)

    def _to_meeting(self, obj):
        """ "Save" on an item goes back to its meeting's page, where the agenda is built."""
        url = reverse("admin:agenda_meeting_change", args=[obj.meeting_id])
        return HttpResponseRedirect(f"{url}#items-group")

    def response_post_save_change(self, request, obj):
        return self._to_meeting(obj)

    def response_post_save_add(self, request, obj):
        return self._to_meeting(obj)

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


class ActionUpdateInline(NamedSplitInputsMixin, admin.TabularInline):
    """Progress, newest last: each update says who and when and moves the status."""

    # Rows are only ever added (never edited), so they need names, not versions.
    formset = LabelledFormSet
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
class ActionAdmin(RecordAdminMixin, SimpleHistoryAdmin):
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
class DeclarationAdmin(RecordAdminMixin, admin.ModelAdmin):
    list_display = ["person", "kind", "meeting", "item", "left_room"]
    list_filter = ["kind", "left_room", "meeting__committee"]
    list_select_related = ["person", "meeting__committee", "item"]
    search_fields = ["person__name", "description", "item__title"]
    autocomplete_fields = ["meeting", "item", "person"]


@admin.register(ForwardPlanEntry)
class ForwardPlanEntryAdmin(SimpleHistoryAdmin):
    """The forward plan: key decisions with their notice; an entry links to the agenda
    item that takes it."""

    list_display = ["title", "decision_maker", "expected_date", "notice", "published_at", "item"]
    list_filter = ["notice", "is_exempt", "committee"]
    search_fields = ["title", "decision_maker"]
    autocomplete_fields = ["committee", "contact", "item"]
    date_hierarchy = "expected_date"
