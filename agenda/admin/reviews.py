"""Editor pages the migration adds: the review list of imported records with guesses and
the old addresses kept for redirects (decisions: admin/decisions.py)."""

from django.contrib import admin, messages
from django.utils import timezone
from django.utils.html import format_html, format_html_join

from agenda.models import ImportReview, SourceAddress


class NeedsCheckingFilter(admin.SimpleListFilter):
    """Opens on the records still to check: some parts guessed, not yet checked."""

    title = "to check"
    parameter_name = "to_check"

    def lookups(self, request, model_admin):
        return [("yes", "Guesses to check"), ("all", "Everything imported")]

    def choices(self, changelist):
        value = self.value() or "yes"
        for lookup, title in self.lookup_choices:
            yield {
                "selected": value == lookup,
                "query_string": changelist.get_query_string({self.parameter_name: lookup}),
                "display": title,
            }

    def queryset(self, request, queryset):
        return queryset if self.value() == "all" else queryset.to_review()


@admin.register(ImportReview)
class ImportReviewAdmin(admin.ModelAdmin):
    list_display = ["subject_link", "confidence", "status", "first_guess", "source_name"]
    list_filter = [NeedsCheckingFilter, "confidence", "status"]
    list_select_related = ["item__meeting__committee", "decision"]
    search_fields = ["source_name", "source_url", "item__title", "decision__title"]
    readonly_fields = [
        "subject_link",
        "source_name",
        "source_url",
        "confidence",
        "recognised_list",
        "guessed_list",
        "narrative_list",
        "motion",
        "status",
        "reviewed_by",
        "reviewed_at",
        "imported_at",
    ]
    fields = readonly_fields
    actions = ["mark_checked"]

    def has_add_permission(self, request):
        return False

    @admin.display(description="imported record")
    def subject_link(self, obj):
        return format_html('<a href="{}">{}</a>', obj.get_absolute_url(), obj.subject)

    @admin.display(description="first guess")
    def first_guess(self, obj):
        return obj.guessed[0] if obj.guessed else "–"

    @staticmethod
    def _list(values):
        if not values:
            return "–"
        return format_html(
            "<ul>{}</ul>", format_html_join("", "<li>{}</li>", ((v,) for v in values))
        )

    @admin.display(description="recognised")
    def recognised_list(self, obj):
        return self._list(obj.recognised)

    @admin.display(description="guessed")
    def guessed_list(self, obj):
        return self._list(obj.guessed)

    @admin.display(description="left as narrative")
    def narrative_list(self, obj):
        return self._list(obj.narrative)

    @admin.action(description="Mark as checked", permissions=["change"])
    def mark_checked(self, request, queryset):
        count = queryset.filter(status=ImportReview.Status.OPEN).update(
            status=ImportReview.Status.REVIEWED,
            reviewed_by=request.user,
            reviewed_at=timezone.now(),
        )
        self.message_user(request, f"{count} import review(s) marked as checked.", messages.SUCCESS)


@admin.register(SourceAddress)
class SourceAddressAdmin(admin.ModelAdmin):
    list_display = ["__str__", "page", "key", "target_link"]
    list_filter = ["page"]
    search_fields = ["url", "key"]
    readonly_fields = ["page", "key", "url", *SourceAddress.TARGETS]

    def has_add_permission(self, request):
        return False

    @admin.display(description="now at")
    def target_link(self, obj):
        return format_html('<a href="{}">{}</a>', obj.get_absolute_url(), obj.target)
