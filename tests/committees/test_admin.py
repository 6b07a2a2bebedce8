"""The organisation's editor pages load, and a clerk cannot delete a committee."""

import pytest
from django.contrib import admin

from tests.admin_objects import admin_url, assert_smoke, make_object, registered
from tests.factories import CommitteeFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("model", registered({"committees", "auth"}), ids=lambda m: m._meta.label)
def test_every_organisation_admin_page_loads(admin_client, admin_user, model):
    assert_smoke(admin_client, model, make_object(model, admin_user))


def test_smoke_tests_cover_every_registered_model():
    # axes and otp_totp: tests/minutes_site/test_security_admin.py; the task results
    # (django_tasks_database): tests/minutes_site/test_tasks_admin.py
    covered = {"committees", "auth", "agenda", "axes", "otp_totp", "django_tasks_database"}
    assert {m._meta.app_label for m in admin.site._registry} <= covered


def test_clerk_cannot_delete_a_committee(clerk_client):
    committee = CommitteeFactory()
    response = clerk_client.get(admin_url(committee, "delete", committee.pk))
    assert response.status_code == 403
    response = clerk_client.post(admin_url(committee, "delete", committee.pk), {"post": "yes"})
    assert response.status_code == 403
    assert type(committee).objects.filter(pk=committee.pk).exists()
    changelist = clerk_client.get(admin_url(committee, "changelist"))
    action_form = changelist.context["action_form"]
    assert action_form is None or "delete_selected" not in dict(
        action_form.fields["action"].choices
    )


def test_clerk_sees_committees_read_only(clerk_client):
    committee = CommitteeFactory()
    response = clerk_client.get(admin_url(committee, "change", committee.pk))
    assert response.status_code == 200
    assert not response.context["has_change_permission"]
