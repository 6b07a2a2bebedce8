"""Error pages that reveal nothing about the system and need nothing from the database."""

import sys

from django.http import HttpResponse, HttpResponseServerError
from django.template import loader
from django.views.decorators.csrf import requires_csrf_token

from minutes_site import db_errors
from minutes_site.params import BadParameter


def _render_plain(template_name):
    # No request, so no context processors, session or user: nothing that could query.
    return loader.get_template(template_name).render({})


def database_unavailable_response():
    response = HttpResponse(_render_plain("503.html"), status=503)
    response["Cache-Control"] = "no-store"
    response["Retry-After"] = "60"
    return response


@requires_csrf_token
def server_error(request, template_name="500.html"):
    """handler500: a database outage anywhere in the stack is a 503; anything else a 500."""
    exception = sys.exc_info()[1]
    if isinstance(exception, db_errors.DATABASE_ERRORS):
        return database_unavailable_response()
    response = HttpResponseServerError(_render_plain(template_name))
    response["Cache-Control"] = "no-store"
    return response


@requires_csrf_token
def bad_request(request, exception, template_name="400.html"):
    """handler400: our own refusals (`BadParameter`) say what was wrong; anything else
    Django refuses (a suspicious header, say) gets the general sentence only."""
    message = str(exception) if isinstance(exception, BadParameter) else ""
    body = loader.get_template(template_name).render({"message": message})
    response = HttpResponse(body, status=400)
    response["Cache-Control"] = "no-store"
    return response
