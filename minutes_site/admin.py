"""User admin: deactivating an account signs it out; staff/superuser changes are audited."""

from django.contrib import admin, messages
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin

from minutes_site.accounts import deactivate_user, end_sessions
from minutes_site.audit import log_event

User = get_user_model()
AUDITED_FLAGS = ("is_active", "is_staff", "is_superuser")

admin.site.unregister(User)

# django_rq registers a dashboard that links to its own URLs, which the site does not mount:
# the queue is watched with `rq info` (docs/tasks.md). The task results stay, read only.
try:
    from django_rq.models import Dashboard
except ImportError:  # django_rq is only needed with TASKS_BACKEND=redis
    Dashboard = None
if Dashboard is not None and admin.site.is_registered(Dashboard):
    admin.site.unregister(Dashboard)


@admin.register(User)
class EditorUserAdmin(UserAdmin):
    actions = ["deactivate_and_sign_out"]

    def save_model(self, request, obj, form, change):
        before = {}
        if change:
            before = User.objects.filter(pk=obj.pk).values(*AUDITED_FLAGS).first() or {}
        super().save_model(request, obj, form, change)
        changed = {f: getattr(obj, f) for f in AUDITED_FLAGS if before.get(f, None) is not None}
        changed = {f: v for f, v in changed.items() if before[f] != v}
        if changed:
            log_event(
                "permission_change",
                request=request,
                target_type="user",
                target=obj.get_username(),
                target_id=obj.pk,
                change="flags",
                values=changed,
            )
        if change and before.get("is_active") and not obj.is_active:
            ended = end_sessions(user=obj)
            self.message_user(request, f"{obj} is deactivated; {ended} session(s) ended.")

    @admin.action(description="Deactivate and sign out everywhere", permissions=["change"])
    def deactivate_and_sign_out(self, request, queryset):
        for user in queryset.exclude(pk=request.user.pk):
            deactivate_user(user=user, by=request.user, request=request)
        self.message_user(request, "Deactivated and signed out.", messages.SUCCESS)
