"""The task results (publishing, email) are readable in the editor, and nothing more."""

import pytest
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from tests.admin_objects import admin_url

pytestmark = pytest.mark.django_db


def failed_task():
    return DBTaskResult.objects.create(
        status="FAILED",
        args_kwargs={"args": [], "kwargs": {}},
        task_path="agenda.publishing.tasks.render_outputs",
        backend_name="default",
        run_after=timezone.now(),
        exception_class_path="OSError",
        traceback="Traceback (most recent call last):\nOSError: disk full",
    )


def test_an_administrator_reads_a_failed_task_and_its_traceback(admin_client):
    task = failed_task()
    listing = admin_client.get(admin_url(DBTaskResult, "changelist"), {"q": "x"})
    assert listing.status_code == 200
    page = admin_client.get(admin_url(DBTaskResult, "change", task.pk))
    assert page.status_code == 200
    assert "disk full" in page.content.decode()
    assert admin_client.get(admin_url(DBTaskResult, "add")).status_code == 403


def test_a_clerk_cannot_see_task_results(clerk_client):
    task = failed_task()
    assert clerk_client.get(admin_url(DBTaskResult, "change", task.pk)).status_code in {302, 403}


def test_the_rq_dashboard_is_not_mounted_in_the_editor():
    from django.contrib import admin
    from django_rq.models import Dashboard

    assert not admin.site.is_registered(Dashboard)
