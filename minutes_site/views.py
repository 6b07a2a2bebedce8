"""Operational endpoints: health for load balancers."""

import secrets
import tempfile
from pathlib import Path

from django.conf import settings
from django.core.cache import cache
from django.core.files.storage import default_storage
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


def _cache_ok():
    """The shared cache (Redis in production) stores and returns a value."""
    value = secrets.token_hex(8)
    try:
        cache.set("healthz", value, 30)
        return cache.get("healthz") == value
    except Exception:  # each cache backend has its own connection errors
        return False


def _storage_ok():
    """The bucket answers (S3 storage), or MEDIA_ROOT exists and we can write (and
    remove) a file in it."""
    healthy = getattr(default_storage, "healthy", None)
    if healthy is not None:
        return healthy()
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
    """{"status": "ok"|"fail", "database": bool, "cache": bool, "storage": bool}; 503 if
    anything fails. Names no hosts, paths, versions or records."""
    checks = {"database": _database_ok(), "cache": _cache_ok(), "storage": _storage_ok()}
    healthy = all(checks.values())
    return JsonResponse(
        {"status": "ok" if healthy else "fail", **checks}, status=200 if healthy else 503
    )
