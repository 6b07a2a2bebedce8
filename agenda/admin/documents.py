"""Editor pages for documents."""

from django.contrib import admin
from django.urls import path, reverse
from django.utils.html import format_html

from agenda.admin import scanning
from agenda.admin.concurrency import HistoryAdmin
from agenda.admin.forms import DocumentForm
from agenda.models import Document
from agenda.models.items import Resolution


@admin.register(Document)
class DocumentAdmin(HistoryAdmin):
    form = DocumentForm
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
