"""Editor pages for documents."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import path
from django.utils.html import format_html

from agenda.admin import scanning
from agenda.admin.concurrency import HistoryAdmin
from agenda.admin.forms import DocumentForm, document_on_site, editor_file_url
from agenda.admin.labels import LabelledFormSet, NamedSplitInputsMixin
from agenda.models import Document, ReportSignOff
from agenda.models.rows import Resolution
from agenda.publishing import sign_off


class SignOffForm(forms.ModelForm):
    class Meta:
        model = ReportSignOff
        fields = ["stage", "comment"]


class SignOffInline(NamedSplitInputsMixin, admin.TabularInline):
    """Each step of the report's sign-off, added by the person who signs; rows are never
    changed afterwards. An override (managers only) needs its reason."""

    # Rows are only ever added (never edited), so they need names, not versions.
    formset = LabelledFormSet
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
        "checks",
        # Publication is the publishing steps' alone: a clerk cannot put a document live.
        "published_at",
    ]
    fields = [
        "meeting",
        "item",
        "title",
        "kind",
        "file",
        "original_filename",
        "preview_link",
        "checks",
        "is_exempt",
        "position",
        "published_at",
        "content_type",
        "size",
        "sha256",
        "is_generated",
    ]

    def view_on_site(self, obj):
        return document_on_site(obj)

    def get_urls(self):
        return [
            path(
                "<path:object_id>/scan-override/",
                self.admin_site.admin_view(self.scan_override_view),
                name="agenda_document_scan_override",
            ),
            *super().get_urls(),
        ]

    def scan_override_view(self, request, object_id):
        return scanning.override_view(self, request, object_id)

    @admin.display(description="hidden content and accessibility")
    def checks(self, obj):
        return scanning.scan_report(obj)

    @admin.display(description="view file")
    def preview_link(self, obj):
        if not obj.pk or not obj.file:
            return "-"
        url = editor_file_url(obj)
        return format_html('<a href="{}">Open {}</a>', url, obj.original_filename or "file")


@admin.register(Resolution)
class ResolutionAdmin(HistoryAdmin):
    """Listed so actions can pick a resolution; edited inline on the item page."""

    list_display = ["__str__", "item", "outcome"]
    list_filter = ["outcome"]
    search_fields = ["text", "item__title"]
    list_select_related = ["item"]
    autocomplete_fields = ["item"]
