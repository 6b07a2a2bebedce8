"""Every editor page for meetings and their business loads for a superuser."""

import pytest

from tests.admin_objects import assert_smoke, make_object, registered

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("model", registered({"agenda"}), ids=lambda m: m._meta.label)
def test_every_agenda_admin_page_loads(admin_client, admin_user, model):
    assert_smoke(admin_client, model, make_object(model, admin_user))
