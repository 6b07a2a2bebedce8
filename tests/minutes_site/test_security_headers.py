"""Every HTML page carries the strict CSP and the other security headers."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse

from minutes_site.csp import editor_importmap_hashes
from tests.factories import AgendaItemFactory, MeetingFactory, publish

pytestmark = pytest.mark.django_db

REQUIRED_DIRECTIVES = [
    "default-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
    "form-action 'self'",
    "img-src 'self' data:",
    "style-src 'self' 'sha256-",  # only the editor's fixed base stylesheet, by hash
]


def directives(response):
    header = response["Content-Security-Policy"]
    return {part.split()[0]: part.strip() for part in header.split(";") if part.strip()}


def assert_strict_csp(response):
    assert response.status_code == 200, response.status_code
    header = response["Content-Security-Policy"]
    for directive in REQUIRED_DIRECTIVES:
        assert directive in header
    assert "unsafe-inline" not in header
    assert "unsafe-hashes" not in header
    assert "unsafe-eval" not in header
    script = directives(response)["script-src"].split()[1:]
    # 'self' plus only the hash of the editor's import map.
    assert script[0] == "'self'"
    assert set(script[1:]) <= set(editor_importmap_hashes())
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert "camera=()" in response["Permissions-Policy"]
    assert response["X-Frame-Options"] == "DENY"


@pytest.fixture
def meeting():
    meeting = MeetingFactory()
    AgendaItemFactory(meeting=meeting)
    return publish(meeting)


def test_public_pages_carry_csp(client, meeting):
    for url in [
        reverse("agenda:home"),
        reverse("agenda:meeting_list"),
        meeting.get_absolute_url(),
        reverse("committees:committee_list"),
    ]:
        assert_strict_csp(client.get(url))


def test_error_pages_carry_csp(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "frame-ancestors 'none'" in response["Content-Security-Policy"]
    assert "Traceback" not in response.content.decode()


def test_editor_pages_carry_csp(clerk_client, meeting):
    assert_strict_csp(Client().get(reverse("admin:login")))
    for url in [
        reverse("admin:index"),
        reverse("admin:agenda_meeting_changelist"),
        reverse("admin:agenda_meeting_change", args=[meeting.pk]),
        reverse("admin:agenda_agendaitem_change", args=[meeting.items.first().pk]),
    ]:
        assert_strict_csp(clerk_client.get(url))


def test_editor_importmap_is_allowed_by_exact_hash(clerk_client, meeting):
    """The inline import map on the item page is exactly what the CSP hash allows."""
    from minutes_site.csp import _SCRIPT_BODY, script_hash

    response = clerk_client.get(
        reverse("admin:agenda_agendaitem_change", args=[meeting.items.first().pk])
    )
    html = response.content.decode()
    maps = [m for m in _SCRIPT_BODY.finditer(html) if 'type="importmap"' in m.group(0)]
    assert maps, "the editor's import map is on the page"
    script_src = directives(response)["script-src"]
    for found in maps:
        assert script_hash(found.group(1)) in script_src
    # and no other inline script exists on the page
    inline = [m for m in _SCRIPT_BODY.finditer(html) if "src=" not in m.group(0).split(">")[0]]
    assert len(inline) == len(maps)


def test_hsts_and_secure_cookies_over_https(client, settings):
    response = client.get(reverse("agenda:home"), secure=True)
    assert "max-age=31536000" in response["Strict-Transport-Security"]
    assert "includeSubDomains" in response["Strict-Transport-Security"]
    assert settings.SESSION_COOKIE_SECURE and settings.CSRF_COOKIE_SECURE
    assert settings.SESSION_COOKIE_HTTPONLY


def test_check_deploy_is_clean_with_debug_off():
    root = Path(__file__).resolve().parents[2]
    env = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "MINUTEBOOK_TESTING"}} | {
        "DEBUG": "0",
        "SECRET_KEY": "a-long-random-test-key-" + "x7Qp2" * 10,
        "ALLOWED_HOSTS": "minutes.example.org",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_media_root_is_never_served(client, meeting, settings):
    from django.urls import resolve
    from django.urls.exceptions import Resolver404

    for prefix in ("/media/", settings.MEDIA_URL):
        with pytest.raises(Resolver404):
            resolve(prefix + "documents/anything.pdf")


def test_editor_style_hash_matches_the_shipped_editor(settings):
    """The allowed style hash is Tiptap's base stylesheet inside the installed editor.js."""
    import base64
    import hashlib
    import re

    from django.contrib.staticfiles import finders

    script = Path(finders.find("django_prose_editor/editor.js")).read_text()
    hashes = {
        "'sha256-" + base64.b64encode(hashlib.sha256(m.encode()).digest()).decode() + "'"
        for m in re.findall(r"`(\.ProseMirror \{[^`]*)`", script)
    }
    assert set(settings.EDITOR_INLINE_STYLE_HASHES) <= hashes
