"""The editor's decisions: those made at meetings (published with the meeting's decision
notice, a workflow step) and officers' or executive members' decisions recorded without a
meeting, published from the list ("Publish the selected decisions")."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse

from agenda import publishing
from agenda.admin.concurrency import HistoryAdmin
from agenda.models import Decision
from agenda.models.decisions import CORRECTABLE_FIELDS


class CallInForm(forms.Form):
    by = forms.CharField(label="Called in by (the members)", max_length=300)
    reason = forms.CharField(
        label="Their reason", widget=forms.Textarea(attrs={"rows": 3, "cols": 70})
    )


class CorrectionForm(forms.ModelForm):
    """The correctable parts of a published decision, and why they are corrected. Only
    used to read the clerk's input: `publishing.correct_decision` writes it."""

    reason = forms.CharField(
        label="Reason for the correction (published with it)",
        widget=forms.Textarea(attrs={"rows": 3, "cols": 70}),
    )

    class Meta:
        model = Decision
        fields = CORRECTABLE_FIELDS

    def _post_clean(self):
        # The instance is not validated here: it is locked, and the step checks it.
        pass


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

    change_form_template = "admin/agenda/decision/change_form.html"

    def get_readonly_fields(self, request, obj=None):
        """A published decision is read only here: corrections have their own page."""
        if obj is not None and obj.published_at is not None:
            return [name for _, options in self.fieldsets for name in options["fields"]]
        return super().get_readonly_fields(request, obj)

    def get_urls(self):
        correct = path(
            "<path:object_id>/correct/",
            self.admin_site.admin_view(self.correct_view),
            name="agenda_decision_correct",
        )
        return [correct, *super().get_urls()]

    def change_view(self, request, object_id, form_url="", extra_context=None):
        extra_context = {**(extra_context or {})}
        decision = Decision.objects.filter(pk=object_id).only("published_at").first()
        if decision is not None and decision.published_at is not None:
            extra_context["correct_url"] = reverse(
                "admin:agenda_decision_correct", args=[decision.pk]
            )
        return super().change_view(request, object_id, form_url, extra_context)

    def correct_view(self, request, object_id):
        """Correct a published decision's text, dates or maker, with a reason."""
        decision = get_object_or_404(Decision, pk=object_id)
        if not self.has_view_or_change_permission(request, decision):
            raise PermissionDenied
        if decision.published_at is None:
            return redirect("admin:agenda_decision_change", decision.pk)
        form = CorrectionForm(request.POST or None, instance=decision)
        if request.method == "POST" and form.is_valid():
            changes = {name: form.cleaned_data[name] for name in CORRECTABLE_FIELDS}
            try:
                publishing.correct_decision(
                    decision, request.user, changes=changes, reason=form.cleaned_data["reason"]
                )
            except (PermissionDenied, ValidationError) as error:
                for sentence in getattr(error, "messages", [str(error)]):
                    form.add_error(None, sentence)
            else:
                self.message_user(
                    request,
                    "The correction is recorded and shown on the decision's public page.",
                    messages.SUCCESS,
                )
                return redirect("admin:agenda_decision_change", decision.pk)
        return TemplateResponse(
            request,
            "admin/agenda/decision/correct.html",
            {
                **self.admin_site.each_context(request),
                "title": f"Correct “{decision.title}”",
                "decision": decision,
                "form": form,
                "media": self.media + form.media,
                "opts": self.model._meta,
            },
        )

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
