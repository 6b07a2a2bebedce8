"""Logins: lockout after repeated failures, sessions ending, two-factor, audit lines."""

import json
import logging

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from minutes_site.accounts import deactivate_user

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery staple"


@pytest.fixture
def editor_user(django_user_model):
    user = django_user_model.objects.create_user("sam", "sam@example.org", PASSWORD, is_staff=True)
    user.groups.add(Group.objects.get(name="Clerk"))
    return user


def login(client, password, username="sam", **extra):
    return client.post(
        reverse("admin:login"),
        {"username": username, "password": password, "next": "/editor/", **extra},
    )


def audit_records(caplog):
    return [json.loads(r.getMessage()) for r in caplog.records if r.name == "minutebook.audit"]


def test_lockout_after_five_failures_even_with_right_password(client, editor_user, settings):
    assert settings.AXES_FAILURE_LIMIT == 5
    for _ in range(4):
        response = login(client, "wrong password")
        assert response.status_code == 200  # the ordinary "please enter a correct..." form
    response = login(client, "wrong password")
    assert response.status_code == 429
    page = response.content.decode()
    assert "Sign-in is paused for this account" in page
    assert "15 minutes" in page
    assert "Content-Security-Policy" in response

    response = login(client, PASSWORD)
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_lockout_is_per_username_and_address(client, editor_user):
    for _ in range(5):
        login(client, "wrong password")
    other_address = Client(REMOTE_ADDR="192.0.2.10")
    assert login(other_address, PASSWORD).status_code == 302


def test_lockouts_are_visible_to_admins(client, editor_user, admin_client):
    for _ in range(5):
        login(client, "wrong password")
    response = admin_client.get(reverse("admin:axes_accessattempt_changelist"))
    assert response.status_code == 200
    assert "sam" in response.content.decode()


def test_successful_login_resets_the_count(client, editor_user):
    for _ in range(4):
        login(client, "wrong password")
    assert login(client, PASSWORD).status_code == 302
    client.logout()
    for _ in range(4):
        assert login(client, "wrong password").status_code == 200


def test_audit_lines_for_login_success_and_failure(client, editor_user, caplog):
    caplog.set_level(logging.INFO, logger="minutebook.audit")
    login(client, "wrong password")
    login(client, PASSWORD)
    failed, succeeded = audit_records(caplog)[-2:]
    assert failed["audit"] == "login_failed"
    assert failed["username"] == "sam"
    assert failed["ip"] == "127.0.0.1"
    assert "password" not in json.dumps(failed).replace('"audit"', "")
    assert succeeded["audit"] == "login"
    assert succeeded["user"] == "sam"
    assert succeeded["staff"] is True
    assert succeeded["ip"] == "127.0.0.1"
    assert succeeded["at"]


def test_audit_line_for_group_membership_and_permission_change(admin_client, editor_user, caplog):
    caplog.set_level(logging.INFO, logger="minutebook.audit")
    manager = Group.objects.get(name="Democratic services manager")
    data = {
        "username": "sam",
        "password": editor_user.password,
        "is_active": "on",
        "is_staff": "on",
        "groups": [manager.pk],
        "date_joined_0": "2026-01-01",
        "date_joined_1": "09:00:00",
    }
    response = admin_client.post(reverse("admin:auth_user_change", args=[editor_user.pk]), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    changes = [r for r in audit_records(caplog) if r["audit"] == "permission_change"]
    assert {"groups_remove", "groups_add"} <= {c["change"] for c in changes}
    added = next(c for c in changes if c["change"] == "groups_add")
    assert added["target"] == "sam"
    assert added["values"] == ["Democratic services manager"]
    assert added["user"] == "admin"  # who made the change


def test_deactivated_user_loses_session_on_next_request(client, editor_user):
    assert login(client, PASSWORD).status_code == 302
    assert client.get(reverse("admin:index")).status_code == 200
    editor_user.is_active = False
    editor_user.save()
    # ModelBackend.get_user refuses inactive users on every request.
    response = client.get(reverse("admin:index"))
    assert response.status_code == 302
    assert reverse("admin:login") in response["Location"]


def test_unticking_active_on_the_user_page_ends_sessions(client, editor_user, admin_client):
    from django.contrib.sessions.models import Session

    assert login(client, PASSWORD).status_code == 302
    data = {
        "username": "sam",
        "is_staff": "on",
        "date_joined_0": "2026-01-01",
        "date_joined_1": "09:00:00",
    }  # "is_active" left out: unticked
    response = admin_client.post(reverse("admin:auth_user_change", args=[editor_user.pk]), data)
    assert response.status_code == 302
    assert not any(
        s.get_decoded().get("_auth_user_id") == str(editor_user.pk) for s in Session.objects.all()
    )


def test_deactivate_user_deletes_sessions(client, editor_user):
    from django.contrib.sessions.models import Session

    assert login(client, PASSWORD).status_code == 302
    other = Client()
    assert login(other, PASSWORD).status_code == 302
    assert deactivate_user(user=editor_user) == 2
    assert not any(
        s.get_decoded().get("_auth_user_id") == str(editor_user.pk) for s in Session.objects.all()
    )
    assert client.get(reverse("admin:index")).status_code == 302


def test_admin_deactivation_ends_sessions(client, editor_user, admin_client):
    assert login(client, PASSWORD).status_code == 302
    response = admin_client.post(
        reverse("admin:auth_user_changelist"),
        {"action": "deactivate_and_sign_out", "_selected_action": [editor_user.pk]},
    )
    assert response.status_code == 302
    editor_user.refresh_from_db()
    assert not editor_user.is_active
    assert client.get(reverse("admin:index")).status_code == 302


def test_staff_with_totp_device_must_give_a_token(client, editor_user):
    device = TOTPDevice.objects.create(user=editor_user, name="phone", confirmed=True)
    response = login(client, PASSWORD)
    assert response.status_code == 200  # no token: not signed in
    assert "_auth_user_id" not in client.session
    token = totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits)
    response = login(client, PASSWORD, otp_token=f"{token:06d}")
    assert response.status_code == 302, response.context["form"].errors
    assert client.get(reverse("admin:index")).status_code == 200


def test_forced_login_without_otp_verification_is_not_editor(client, editor_user):
    TOTPDevice.objects.create(user=editor_user, name="phone", confirmed=True)
    client.force_login(editor_user)  # password only, no device verified
    assert client.get(reverse("admin:index")).status_code == 302


def test_otp_can_be_required_for_all_staff(client, editor_user, settings):
    settings.OTP_REQUIRED_FOR_STAFF = True
    response = login(client, PASSWORD)
    assert response.status_code == 200
    assert "no authenticator app set up yet" in response.content.decode()


def test_password_validation_is_on(editor_user):
    from django.contrib.auth.password_validation import validate_password
    from django.core.exceptions import ValidationError

    for weak in ["short", "password123", "12345678901234"]:
        with pytest.raises(ValidationError):
            validate_password(weak, editor_user)


def test_admin_can_set_up_a_totp_device_with_a_qr_code(admin_client, editor_user):
    device = TOTPDevice.objects.create(user=editor_user, name="phone", confirmed=False)
    response = admin_client.get(reverse("admin:otp_totp_totpdevice_qrcode", args=[device.pk]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("image/svg+xml")
