"""Editor pages for committees' agenda templates: the standard items each committee's
agendas are offered on the meeting page."""

from django.contrib import admin

from agenda.models import AgendaTemplateItem


@admin.register(AgendaTemplateItem)
class AgendaTemplateItemAdmin(admin.ModelAdmin):
    list_display = ["committee", "position", "kind", "title"]
    list_display_links = ["kind"]
    list_editable = ["position", "title"]
    list_filter = ["committee"]
    list_select_related = ["committee"]
    search_fields = ["committee__name", "title"]
    autocomplete_fields = ["committee"]
    fields = ["committee", "position", "kind", "title", "agenda_text"]
