"""Hermetic test settings: every test gets its own media folder and a quiet log."""

import pytest


@pytest.fixture(autouse=True)
def _isolated_media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.DEBUG = False
    settings.ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
    settings.COUNCIL = {**settings.COUNCIL, "name": "Test Borough Council", "short_name": "Test"}
    settings.FOUR_EYES_RELEASE = True


@pytest.fixture(autouse=True)
def _empty_caches():
    """Every test starts with empty in-memory caches: no page cached by another test."""
    from django.core.cache import caches
    from django.core.cache.backends.locmem import LocMemCache

    from agenda.caching.middleware import recent

    for cache in caches.all(initialized_only=True):
        if isinstance(cache, LocMemCache):
            cache.clear()
    recent.clear()  # the page cache's copies in this process
    yield


@pytest.fixture
def clerk(django_user_model):
    from django.contrib.auth.models import Group

    user = django_user_model.objects.create_user("clerk", "clerk@example.org", "x", is_staff=True)
    user.groups.add(Group.objects.get(name="Clerk"))
    return user


@pytest.fixture
def manager(django_user_model):
    from django.contrib.auth.models import Group

    user = django_user_model.objects.create_user(
        "manager", "manager@example.org", "x", is_staff=True
    )
    user.groups.add(Group.objects.get(name="Democratic services manager"))
    return user


@pytest.fixture
def clerk_client(client, clerk):
    client.force_login(clerk)
    return client


@pytest.fixture
def manager_client(client, manager):
    client.force_login(manager)
    return client


# One Chromium per test module for the browser tests (tests/browser.py).
from tests.browser import browser, browser_page  # noqa: E402, F401

# The editor's groups and their permissions, as the data migrations made them.
_EDITOR_GROUPS = {}


@pytest.fixture(autouse=True)
def _editor_groups_survive_flushes(request):
    """A test that commits (live server, a worker process) flushes the database after it,
    taking the groups the data migrations made; the next such test would find no "Clerk".
    The first one keeps a copy of them; later ones put them back when they are gone.
    (Django's serialized rollback cannot: it collides with the content types the flush
    recreates.)"""
    marker = request.node.get_closest_marker("django_db")
    if marker is None or not marker.kwargs.get("transaction"):
        yield
        return
    request.getfixturevalue("transactional_db")
    from django.contrib.auth.models import Group, Permission
    from django.db.models import Q

    if not _EDITOR_GROUPS:
        for group in Group.objects.prefetch_related("permissions__content_type"):
            _EDITOR_GROUPS[group.name] = [
                (p.content_type.app_label, p.codename) for p in group.permissions.all()
            ]
    elif not Group.objects.exists():
        for name, permissions in _EDITOR_GROUPS.items():
            wanted = Q(pk__in=[])
            for app_label, codename in permissions:
                wanted |= Q(content_type__app_label=app_label, codename=codename)
            Group.objects.create(name=name).permissions.set(Permission.objects.filter(wanted))
    yield
