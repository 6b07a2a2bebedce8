"""Editor pages for documents."""

from django.contrib import admin
from django.utils.html import format_html

from agenda.admin.concurrency import HistoryAdmin
from agenda.admin.forms import DocumentForm, document_on_site, editor_file_url
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

    def view_on_site(self, obj):
        return document_on_site(obj)

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
