"""Editor pages for email: the log of what was sent, and residents' subscriptions."""

from django.contrib import admin, messages

from agenda.models import OutgoingEmail, Subscription
from agenda.notices import delivery


@admin.register(OutgoingEmail)
class OutgoingEmailAdmin(admin.ModelAdmin):
    """Every message: to whom, what, when, sent or failed (read only; failed ones can be
    sent again)."""

    list_display = ["created_at", "kind", "to", "subject", "status", "attempts", "error"]
    list_filter = ["status", "kind"]
    search_fields = ["to", "subject", "meeting__committee__name"]
    date_hierarchy = "created_at"
    list_select_related = ["meeting__committee"]
    actions = ["send_again"]
    readonly_fields = [field.name for field in OutgoingEmail._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.action(description="Send the selected failed emails again")
    def send_again(self, request, queryset):
        count = sum(delivery.retry(email) for email in queryset)
        self.message_user(request, f"Sending {count} email(s) again.", messages.INFO)


@admin.register(Subscription)
class SubscriptionAdmin(admin.ModelAdmin):
    """Residents' subscriptions: an address asks, confirms, and ends them itself."""

    list_display = ["email", "committee", "ward", "topic", "created_at", "confirmed_at"]
    list_filter = ["committee"]
    search_fields = ["email"]
    readonly_fields = ["email", "committee", "ward", "topic", "created_at", "confirmed_at"]
    exclude = ["token"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
