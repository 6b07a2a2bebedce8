"""Account operations that must take effect at once: ending a user's sessions."""

from django.contrib.sessions.models import Session
from django.db import transaction
from django.utils import timezone

from minutes_site.audit import log_event


def end_sessions(*, user):
    """Delete every live session belonging to `user`; returns how many ended.

    Sessions store the user id inside their encoded data, so each live one is decoded.
    Fine for a council's few hundred sessions; run `clearsessions` daily to keep it so.
    """
    ended = []
    for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator():
        if str(session.get_decoded().get("_auth_user_id")) == str(user.pk):
            ended.append(session.pk)
    Session.objects.filter(pk__in=ended).delete()
    return len(ended)


@transaction.atomic
def deactivate_user(*, user, by=None, request=None):
    """Switch an account off and sign it out everywhere, now."""
    user.is_active = False
    user.save(update_fields=["is_active"])
    count = end_sessions(user=user)
    log_event(
        "account_deactivated",
        user=by,
        request=request,
        target=user.get_username(),
        target_id=user.pk,
        sessions_ended=count,
    )
    return count
