"""The security pages in the editor load: sign-in attempts (axes) and TOTP devices (otp)."""

import pytest
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.admin_objects import admin_url, registered

pytestmark = pytest.mark.django_db

ADDRESS = {"ip_address": "192.0.2.1", "user_agent": "test", "path_info": "/editor/login/"}


def make(model, user):
    now = timezone.now()
    if model is TOTPDevice:
        # Someone else's device: a confirmed device of the admin's own would (rightly)
        # demand a code from this admin client.
        sam = type(user).objects.create_user("sam", is_staff=True)
        return TOTPDevice.objects.create(user=sam, name="phone")
    if model is AccessAttempt:
        return AccessAttempt.objects.create(
            username="sam", attempt_time=now, failures_since_start=3, **ADDRESS
        )
    if model is AccessLog:
        return AccessLog.objects.create(username="sam", attempt_time=now, **ADDRESS)
    if model is AccessFailureLog:
        return AccessFailureLog.objects.create(username="sam", attempt_time=now, **ADDRESS)
    raise AssertionError(f"Add {model._meta.label} to tests/minutes_site/test_security_admin.py")


@pytest.mark.parametrize("model", registered({"axes", "otp_totp"}), ids=lambda m: m._meta.label)
def test_security_admin_pages_load(admin_client, admin_user, model):
    obj = make(model, admin_user)
    assert admin_client.get(admin_url(model, "changelist"), {"q": "sam"}).status_code == 200
    assert admin_client.get(admin_url(model, "change", obj.pk)).status_code == 200
