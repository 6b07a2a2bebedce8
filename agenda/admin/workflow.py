"""Editor pages for what the workflow records: closure days, errata, the workflow log."""

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError

from agenda import publishing
from agenda.models import ClosureDay, Erratum, Transition


@admin.register(ClosureDay)
class ClosureDayAdmin(admin.ModelAdmin):
    """Days the offices are shut: they never count towards an agenda's clear days."""

    list_display = ["date", "reason"]
    date_hierarchy = "date"
    search_fields = ["reason"]


class ErratumForm(forms.ModelForm):
    class Meta:
        model = Erratum
        fields = ["meeting", "item", "text"]

    def clean(self):
        cleaned = super().clean()
        meeting, item = cleaned.get("meeting"), cleaned.get("item")
        if meeting and not meeting.minutes_locked:
            raise ValidationError(
                "The minutes of %(meeting)s are not approved yet: correct the draft instead.",
                params={"meeting": meeting},
            )
        if meeting and item and item.meeting_id != meeting.pk:
            raise ValidationError("That item belongs to another meeting.")
        return cleaned


@admin.register(Erratum)
class ErratumAdmin(admin.ModelAdmin):
    """Corrections to approved minutes: added through the workflow, never edited."""

    list_display = ["meeting", "item", "text", "recorded_by", "published_at"]
    list_select_related = ["meeting__committee", "item", "recorded_by"]
    autocomplete_fields = ["meeting", "item"]
    form = ErratumForm

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        result = publishing.run(
            "record_erratum", obj.meeting, request.user, text=obj.text, item=obj.item
        )
        obj.pk = result.created.pk


@admin.register(Transition)
class TransitionAdmin(admin.ModelAdmin):
    """The release record: read only."""

    list_display = ["at", "meeting", "kind", "user", "from_state", "to_state", "reason"]
    list_filter = ["kind", "meeting__committee"]
    list_select_related = ["meeting__committee", "user"]
    search_fields = ["meeting__committee__name", "reason"]
    date_hierarchy = "at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
