"""Audit log of access: who did what, when, from where, as one JSON object per line.

Goes to the "minutebook.audit" logger (stdout in settings.LOGGING), so the hosting's log
collector keeps it. Logins come from Django's auth signals, permission changes from
m2m_changed on users and groups; services call log_event() for publishing.
"""

import json
import logging

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.db.models.signals import m2m_changed
from django.utils import timezone

logger = logging.getLogger("minutebook.audit")


def client_ip(request):
    """The address the request came from (the proxy's view of it when behind one)."""
    if request is None:
        return None
    return getattr(request, "axes_ip_address", None) or request.META.get("REMOTE_ADDR")


def log_event(event, user=None, request=None, **details):
    """Write one audit record. `details` must be JSON-serialisable (str() is the fallback)."""
    if user is None and request is not None:
        user = getattr(request, "user", None)
    record = {
        "audit": event,
        "at": timezone.now().isoformat(),
        "user": user.get_username() if user is not None and user.is_authenticated else None,
        "user_id": user.pk if user is not None and user.is_authenticated else None,
        "ip": client_ip(request),
        **details,
    }
    logger.info(json.dumps(record, default=str, sort_keys=True))
    return record


def _on_login(sender, request, user, **kwargs):
    log_event("login", user=user, request=request, staff=user.is_staff)


def _on_logout(sender, request, user, **kwargs):
    if user is not None:
        log_event("logout", user=user, request=request)


def _on_login_failed(sender, credentials, request=None, **kwargs):
    # Never the password: Django already masks it, we keep only the name tried.
    log_event("login_failed", request=request, username=credentials.get("username"))


def _changed_by():
    """The editor user making the change, from django-simple-history's request tracking."""
    from simple_history.models import HistoricalRecords

    request = getattr(HistoricalRecords.context, "request", None)
    return request


def _on_permissions_changed(sender, instance, action, model, pk_set, reverse, **kwargs):
    if action not in {"post_add", "post_remove", "post_clear"}:
        return
    request = _changed_by()
    what = "permissions" if model.__name__ == "Permission" else "groups"
    if what == "groups" and reverse:  # group.user_set changed
        what = "members"
    target = instance
    names = []
    if pk_set:
        names = sorted(str(obj) for obj in model._default_manager.filter(pk__in=pk_set))
    log_event(
        "permission_change",
        request=request,
        target_type=target._meta.model_name,
        target=str(target),
        target_id=target.pk,
        change=f"{what}_{action.removeprefix('post_')}",
        values=names,
    )


def connect_signals():
    user_model = get_user_model()
    user_logged_in.connect(_on_login, dispatch_uid="audit_login")
    user_logged_out.connect(_on_logout, dispatch_uid="audit_logout")
    user_login_failed.connect(_on_login_failed, dispatch_uid="audit_login_failed")
    for through in (
        user_model.user_permissions.through,
        user_model.groups.through,
        Group.permissions.through,
    ):
        m2m_changed.connect(
            _on_permissions_changed, sender=through, dispatch_uid=f"audit_{through.__name__}"
        )
