"""The public forms (take part, subscribe) laid out by crispy-forms: every error in the
summary links to its field, fields name their help text and errors, radios sit in a
fieldset, and the honeypot stays out of the layout."""

import datetime
import re

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from tests import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    cache.clear()


def assert_summary_reaches_fields(page, expected):
    targets = re.findall(r'<li><a href="#([^"]+)">', page)
    assert set(targets) == expected
    for target in targets:
        assert f'id="{target}"' in page, target
    assert page.count('name="csrfmiddlewaretoken"') == 1
    assert page.count('name="website"') == 1  # the honeypot, once, outside the layout


def test_take_part_form(client):
    meeting = f.AgendaItemFactory(
        meeting__start=timezone.now() + datetime.timedelta(days=30)
    ).meeting
    f.publish(meeting)
    url = reverse("agenda:take_part", args=[meeting.slug])
    page = client.get(url).content.decode()
    assert "<legend" in page and "What would you like to do?" in page
    select = re.search(r'<select[^>]*id="id_item"[^>]*>', page).group(0)
    assert "form-select" in select
    assert "form-control" in re.search(r'<textarea[^>]*id="id_text"[^>]*>', page).group(0)

    page = client.post(url, {"kind": "speak", "email": "nope"}).content.decode()

    assert_summary_reaches_fields(page, {"id_item", "id_name", "id_email", "id_text"})
    email = re.search(r'<input[^>]*id="id_email"[^>]*>', page).group(0)
    assert 'aria-invalid="true"' in email
    assert 'aria-describedby="id_email_helptext id_email_error"' in email


def test_subscribe_form(client):
    committee = f.CommitteeFactory()
    url = reverse("notices:subscribe", args=["committee", committee.slug])
    page = client.post(url, {"email": "not an address"}).content.decode()
    assert_summary_reaches_fields(page, {"id_email"})
    email = re.search(r'<input[^>]*id="id_email"[^>]*>', page).group(0)
    assert 'aria-describedby="id_email_helptext id_email_error"' in email
    assert 'autocomplete="email"' in email
