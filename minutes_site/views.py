"""Operational endpoints: health for load balancers."""

import tempfile
from pathlib import Path

from django.conf import settings
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from minutes_site.db_errors import DATABASE_ERRORS


def _database_ok():
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone() == (1,)
    except DATABASE_ERRORS:
        return False


def _storage_ok():
    """MEDIA_ROOT exists and we can write (and remove) a file in it."""
    try:
        root = Path(settings.MEDIA_ROOT)
        root.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=root, prefix=".healthz-"):
            pass
        return True
    except OSError:
        return False


@never_cache
@require_GET
def healthz(request):
    """{"status": "ok"|"fail", "database": bool, "storage": bool}; 503 if anything fails.
    Names no hosts, paths or versions."""
    checks = {"database": _database_ok(), "storage": _storage_ok()}
    healthy = all(checks.values())
    return JsonResponse(
        {"status": "ok" if healthy else "fail", **checks}, status=200 if healthy else 503
    )
