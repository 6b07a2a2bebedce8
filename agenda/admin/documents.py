"""Editor pages for documents."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils.html import format_html

from agenda.admin.concurrency import HistoryAdmin
from agenda.admin.forms import DocumentForm
from agenda.models import Document, ReportSignOff
from agenda.models.items import Resolution
from agenda.publishing import sign_off


class SignOffForm(forms.ModelForm):
    class Meta:
        model = ReportSignOff
        fields = ["stage", "comment"]


class SignOffInline(admin.TabularInline):
    """Each step of the report's sign-off, added by the person who signs; rows are never
    changed afterwards. An override (managers only) needs its reason."""

    model = ReportSignOff
    form = SignOffForm
    extra = 1
    fields = ["stage", "comment", "signed_by", "signed_at"]
    readonly_fields = ["signed_by", "signed_at"]
    verbose_name = "sign-off step"
    verbose_name_plural = "sign-off"

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_add_permission(self, request, obj=None):
        return obj is not None and request.user.has_perm("agenda.change_document")


@admin.register(Document)
class DocumentAdmin(HistoryAdmin):
    form = DocumentForm
    inlines = [SignOffInline]

    def save_formset(self, request, form, formset, change):
        if formset.model is not ReportSignOff:
            return super().save_formset(request, form, formset, change)
        for row_form in formset.forms:
            if not row_form.has_changed() or row_form.instance.pk:
                continue
            data = row_form.cleaned_data
            try:
                sign_off.sign(form.instance, request.user, data["stage"], data.get("comment", ""))
            except (ValidationError, PermissionDenied) as error:
                text = " ".join(getattr(error, "messages", [str(error)]))
                self.message_user(request, text, messages.ERROR)
        # The rows were written by the sign-off functions; the history message lists none.
        formset.new_objects, formset.changed_objects, formset.deleted_objects = [], [], []
        return None

    list_display = ["title", "kind", "meeting", "item", "is_exempt", "published_at", "size"]
    list_filter = ["kind", "is_exempt", "is_generated", "meeting__committee"]
    list_select_related = ["meeting__committee", "item"]
    search_fields = ["title", "original_filename", "item__title", "meeting__committee__name"]
    autocomplete_fields = ["meeting", "item"]
    readonly_fields = [
        "content_type",
        "size",
        "sha256",
        "is_generated",
        "original_filename",
        "preview_link",
    ]
    fields = [
        "meeting",
        "item",
        "title",
        "kind",
        "file",
        "original_filename",
        "preview_link",
        "is_exempt",
        "position",
        "published_at",
        "content_type",
        "size",
        "sha256",
        "is_generated",
    ]

    @admin.display(description="view file")
    def preview_link(self, obj):
        if not obj.pk or not obj.file:
            return "-"
        url = reverse("editor_document_file", kwargs={"pk": obj.pk})
        return format_html('<a href="{}">Open {}</a>', url, obj.original_filename or "file")


@admin.register(Resolution)
class ResolutionAdmin(HistoryAdmin):
    """Listed so actions can pick a resolution; edited inline on the item page."""

    list_display = ["__str__", "item", "outcome"]
    list_filter = ["outcome"]
    search_fields = ["text", "item__title"]
    list_select_related = ["item"]
    autocomplete_fields = ["item"]
