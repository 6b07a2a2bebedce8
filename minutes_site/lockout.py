"""The page someone sees when django-axes has paused sign-in for them."""

from django.conf import settings
from django.http import HttpResponse
from django.template.loader import render_to_string

from minutes_site.audit import log_event


def lockout_response(request, original_response=None, credentials=None):
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    username = (credentials or {}).get("username", "")
    log_event("login_locked_out", request=request, username=username)
    # Rendered here: axes returns this from middleware, where nothing renders it later.
    page = render_to_string(
        settings.AXES_LOCKOUT_TEMPLATE,
        {"failure_limit": settings.AXES_FAILURE_LIMIT, "cooloff_minutes": minutes},
        request=request,
    )
    response = HttpResponse(page, status=settings.AXES_HTTP_RESPONSE_CODE)
    response["Cache-Control"] = "no-store"
    return response
