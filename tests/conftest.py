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

    for cache in caches.all(initialized_only=True):
        if isinstance(cache, LocMemCache):
            cache.clear()
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


def pytest_collection_modifyitems(items):
    """A test that commits (live server, a worker process) flushes the database after it,
    taking the rows the data migrations made (the editor's groups and their permissions).
    Each such test restores those rows first (serialized rollback), whatever ran before."""
    for item in items:
        marker = item.get_closest_marker("django_db")
        if (
            marker
            and marker.kwargs.get("transaction")
            and "serialized_rollback" not in marker.kwargs
        ):
            item.add_marker(pytest.mark.django_db(**marker.kwargs, serialized_rollback=True))
