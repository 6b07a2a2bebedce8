"""The editor's decisions: those made at meetings (published with the meeting's decision
notice, a workflow step) and officers' or executive members' decisions recorded without a
meeting, published from the list ("Publish the selected decisions")."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError

from agenda import publishing
from agenda.admin.concurrency import HistoryAdmin
from agenda.models import Decision


@admin.register(Decision)
class DecisionAdmin(HistoryAdmin):
    list_display = ["title", "kind", "status", "decision_maker", "decided_on", "is_exempt"]
    list_filter = ["kind", "status", "call_in", "is_key_decision", "is_exempt", "committee"]
    list_select_related = ["committee"]
    search_fields = ["title", "decision_maker", "text"]
    date_hierarchy = "decided_on"
    autocomplete_fields = ["committee", "meeting", "item", "lead_officer"]
    raw_id_fields = ["resolution", "forward_plan_entry", "scrutiny_item"]
    filter_horizontal = ["wards"]
    readonly_fields = ["external_id", "source_url", "published_at"]
    actions = ["publish_selected"]
    fieldsets = [
        (None, {"fields": ["title", "kind", "status", "status_as_printed", "decision_maker"]}),
        ("Where it was taken", {"fields": ["committee", "meeting", "item", "resolution"]}),
        (
            "The record",
            {
                "fields": [
                    "purpose", "text", "reasons", "alternatives", "conflicts", "dispensations",
                    "lead_officer", "wards", "topic",
                ]
            },
        ),
        (
            "Dates, key decision and call-in",
            {
                "fields": [
                    "decided_on", "publication_date", "effective_from", "is_key_decision",
                    "forward_plan_entry", "call_in", "is_urgent", "urgency_reason",
                    "call_in_until", "called_in_on", "called_in_by", "call_in_reason",
                    "scrutiny_item",
                ]
            },
        ),
        ("Privacy", {"fields": ["is_exempt", "exempt_paragraph"]}),
        ("Source", {"fields": ["external_id", "source_url", "published_at"]}),
    ]  # fmt: skip

    @admin.action(description="Publish the selected decisions (recorded without a meeting)")
    def publish_selected(self, request, queryset):
        done = 0
        for decision in queryset.filter(published_at__isnull=True, meeting__isnull=True):
            try:
                publishing.publish_recorded_decision(decision, request.user)
            except (PermissionDenied, ValidationError) as error:
                sentence = " ".join(getattr(error, "messages", [str(error)]))
                self.message_user(request, f"Not published: {sentence}", messages.ERROR)
                continue
            done += 1
        self.message_user(
            request,
            f"{done} decision(s) published. Decisions taken at a meeting go out with its "
            "decision notice (the meeting's “Publish the decision notice”).",
            messages.SUCCESS if done else messages.WARNING,
        )
