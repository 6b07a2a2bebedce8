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
