"""The editor's decisions: those made at meetings (published with the meeting's decision
notice, a workflow step) and officers' or executive members' decisions recorded without a
meeting, published from the list ("Publish the selected decisions")."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.template.response import TemplateResponse

from agenda import publishing
from agenda.admin.concurrency import HistoryAdmin
from agenda.models import Decision


class CallInForm(forms.Form):
    by = forms.CharField(label="Called in by (the members)", max_length=300)
    reason = forms.CharField(
        label="Their reason", widget=forms.Textarea(attrs={"rows": 3, "cols": 70})
    )


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
    actions = ["publish_selected", "call_in_selected"]
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

    @admin.action(description="Record a call-in of the selected decisions")
    def call_in_selected(self, request, queryset):
        """Ask once who called the decisions in and why, then call each in."""
        decisions = list(queryset.select_related("committee", "item"))
        form = CallInForm(request.POST if request.POST.get("confirmed") == "yes" else None)
        if not form.is_valid():
            return TemplateResponse(
                request,
                "admin/agenda/decision/confirm_call_in.html",
                {
                    **self.admin_site.each_context(request),
                    "title": "Record a call-in?",
                    "decisions": decisions,
                    "form": form,
                    "opts": self.model._meta,
                },
            )
        for decision in decisions:
            try:
                result = publishing.call_in(decision, request.user, **form.cleaned_data)
            except (PermissionDenied, ValidationError) as error:
                sentence = " ".join(getattr(error, "messages", [str(error)]))
                self.message_user(request, f"{decision}: {sentence}", messages.ERROR)
            else:
                self.message_user(
                    request,
                    f"{decision}: called in; it is on the agenda of {result.meeting} as "
                    f"“{result.created.title}”.",
                )
        return None
