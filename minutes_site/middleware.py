"""Site-wide middleware: extra security headers and a graceful answer when the database is down."""

import logging

from django.conf import settings

from minutes_site.db_errors import DATABASE_ERRORS
from minutes_site.errors import database_unavailable_response

logger = logging.getLogger(__name__)


class PermissionsPolicyMiddleware:
    """Switch off browser features the site never uses (camera, location...)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if settings.PERMISSIONS_POLICY:
            response.headers.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        return response


class DatabaseUnavailableMiddleware:
    """A database that cannot be reached is an outage, not a bug: answer 503, plainly.

    Catches errors raised by views; errors raised in other middleware (a session save)
    reach minutes_site.errors.server_error, which makes the same 503.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        # A developer (DEBUG on) wants the real error, e.g. a missing migration.
        if isinstance(exception, DATABASE_ERRORS) and not settings.DEBUG:
            logger.error("Database unavailable: %s", exception.__class__.__name__)
            return database_unavailable_response()
        return None
