"""Inlines shared by the meeting and item pages of the editor."""

from django import forms
from django.contrib import admin
from django.core.exceptions import NON_FIELD_ERRORS
from django.db import models
from django.db.models import F

from agenda.admin.forms import DocumentForm
from agenda.models import (
    Action,
    AgendaItem,
    Attendance,
    Declaration,
    Document,
    Recommendation,
    Resolution,
)

# Rows are moved out of the way by this much while a reorder is saved, so swapping two
# positions never trips the unique constraint half-way.
REORDER_OFFSET = 1_000_000


class ReorderableFormSet(forms.BaseInlineFormSet):
    """An inline formset whose `position` values may be swapped or shuffled in one save."""

    def clean(self):
        """Say in the clerk's words which numbers clash, before Django's generic message."""
        seen, clashes = set(), set()
        for form in self.forms:
            data = getattr(form, "cleaned_data", None) or {}
            position = data.get("position")
            if position is None or self._should_delete_form(form):
                continue
            (clashes if position in seen else seen).add(position)
        if clashes:
            numbers = ", ".join(str(n) for n in sorted(clashes))
            label = self.model._meta.get_field("position").verbose_name
            raise forms.ValidationError(
                f"Two rows have the same {label} ({numbers}). Give each row its own "
                f"{label}; nothing has been saved yet."
            )
        super().clean()

    def save(self, commit=True):
        if not commit:
            return super().save(commit=False)
        moved = [
            form.instance.pk
            for form in self.initial_forms
            if "position" in form.changed_data and not self._should_delete_form(form)
        ]
        if moved:
            self.model._default_manager.filter(pk__in=moved).update(
                position=F("position") + REORDER_OFFSET
            )
        return super().save(commit=commit)


class PositionExemptForm(forms.ModelForm):
    """Checks `position` uniqueness within the submitted rows only (the formset does
    that), not against rows that this same save is about to move."""

    def validate_unique(self):
        exclude = self._get_validation_exclusions()
        exclude.add("position")
        try:
            self.instance.validate_unique(exclude=exclude)
            self.instance.validate_constraints(exclude=exclude)
        except forms.ValidationError as error:
            self._add_new_errors(error)

    def _add_new_errors(self, error):
        """Constraints not involving the parent were already checked by full_clean():
        report each message once."""
        for name, messages in error.message_dict.items():
            field = name if name in self.fields else None
            shown = self._errors.get(field or NON_FIELD_ERRORS, [])
            for message in messages:
                if message not in shown:
                    self.add_error(field, message)


class AgendaItemInline(admin.TabularInline):
    model = AgendaItem
    fk_name = "meeting"
    form = PositionExemptForm
    formset = ReorderableFormSet
    extra = 1
    fields = ["position", "number", "kind", "title", "is_exempt", "exempt_paragraph"]
    show_change_link = True
    # No style="" attributes (strict CSP): the admin's vIntegerField class keeps it narrow.


class AttendanceInline(admin.TabularInline):
    model = Attendance
    extra = 0
    autocomplete_fields = ["person", "substitute_for"]
    fields = ["person", "status", "substitute_for", "note"]
    radio_fields = {"status": admin.HORIZONTAL}


class NumberedRowInline(admin.TabularInline):
    form = PositionExemptForm
    formset = ReorderableFormSet
    extra = 1
    formfield_overrides = {
        models.TextField: {"widget": forms.Textarea(attrs={"rows": 3, "cols": 70})}
    }


class RecommendationInline(NumberedRowInline):
    model = Recommendation
    fields = ["position", "label", "text"]


class ResolutionInline(NumberedRowInline):
    model = Resolution
    fields = ["position", "label", "text", "outcome", "votes_for", "votes_against", "abstentions"]


class ActionInline(admin.TabularInline):
    model = Action
    fk_name = "item"
    extra = 0
    autocomplete_fields = ["owner_person"]
    fields = ["owner", "owner_person", "description", "due_date", "report_back", "status"]


class DeclarationInline(admin.TabularInline):
    model = Declaration
    extra = 0
    autocomplete_fields = ["person", "registered_interest"]
    fields = [
        "person",
        "kind",
        "description",
        "registered_interest",
        "left_room",
        "has_dispensation",
    ]


class DocumentInline(admin.TabularInline):
    model = Document
    form = DocumentForm
    extra = 0
    fields = ["title", "kind", "file", "is_exempt", "position", "published_at"]
    readonly_fields = ["published_at"]


class MeetingDocumentInline(DocumentInline):
    fk_name = "meeting"

    def get_queryset(self, request):
        return super().get_queryset(request).filter(item__isnull=True)
