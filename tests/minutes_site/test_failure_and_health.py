"""Graceful failure: database outages are a plain 503, errors show no internals; /healthz."""

import json
import logging
from unittest import mock

import pytest
from django.db import OperationalError
from django.db.backends.base.base import BaseDatabaseWrapper
from django.test import Client
from django.urls import reverse

from agenda import publishing
from tests.factories import AgendaItemFactory, MeetingFactory

pytestmark = pytest.mark.django_db


def database_down():
    """Every new cursor fails as if the server had gone away."""
    return mock.patch.object(
        BaseDatabaseWrapper,
        "cursor",
        side_effect=OperationalError("could not connect to server: Connection refused"),
    )


@pytest.mark.parametrize("url", ["/", "/meetings/", "/committees/", "/meetings/2026-01-01-x/"])
def test_database_outage_is_a_plain_503(url):
    client = Client(raise_request_exception=False)
    with database_down():
        response = client.get(url)
    assert response.status_code == 503
    assert response["Cache-Control"] == "no-store"
    body = response.content.decode()
    assert "service is unavailable" in body
    assert "frame-ancestors 'none'" in response["Content-Security-Policy"]
    for internal in ("Traceback", "OperationalError", "Connection refused", "sqlite", "postgres"):
        assert internal not in body


def test_database_outage_for_a_signed_in_editor_is_503(clerk_client):
    clerk_client.raise_request_exception = False
    with database_down():
        response = clerk_client.get(reverse("admin:index"))
    assert response.status_code == 503


def test_unexpected_error_is_plain_500(client):
    client.raise_request_exception = False
    with mock.patch("agenda.views.HomeView.get_context_data", side_effect=RuntimeError("secret")):
        response = client.get("/")
    assert response.status_code == 500
    assert "something went wrong" in response.content.decode()
    assert "secret" not in response.content.decode()


@pytest.mark.parametrize(
    ("status", "words"),
    [(400, "could not understand"), (403, "permission"), (404, "Page not found")],
)
def test_error_templates_render_without_internals(status, words):
    from django.template.loader import render_to_string

    html = render_to_string(f"{status}.html")
    assert words in html
    assert "<script" not in html


def test_healthz_ok():
    response = Client().get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": True, "cache": True, "storage": True}
    assert "no-cache" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]


def test_healthz_reports_database_down():
    with database_down():
        response = Client().get("/healthz")
    assert response.status_code == 503
    assert response.json() == {"status": "fail", "database": False, "cache": True, "storage": True}


def test_healthz_reports_storage_not_writable(settings, tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    settings.MEDIA_ROOT = blocker / "media"
    response = Client().get("/healthz")
    assert response.status_code == 503
    assert response.json()["storage"] is False
    assert str(tmp_path) not in response.content.decode()


def test_healthz_reports_cache_down(settings):
    # A Redis cache nobody listens on: the check says so, names no address.
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:9/0",
        }
    }
    response = Client().get("/healthz")
    assert response.status_code == 503
    assert response.json()["cache"] is False
    assert "127.0.0.1" not in response.content.decode()


def test_publish_writes_an_audit_line(manager, caplog):
    caplog.set_level(logging.INFO, logger="minutebook.audit")
    meeting = MeetingFactory()
    AgendaItemFactory(meeting=meeting)
    publishing.run("publish_agenda", meeting, manager, urgency_reason="Test: published late.")
    records = [json.loads(r.getMessage()) for r in caplog.records if r.name == "minutebook.audit"]
    published = next(r for r in records if r["audit"] == "agenda_published")
    assert published["user"] == "manager"
    assert published["meeting"] == meeting.slug
