"""The register of members' interests: kept with history, published on the member's page,
linked from declarations; sensitive and ended entries stay off the page."""

import datetime

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from committees.interests import RegisteredInterest
from tests import factories as f

pytestmark = pytest.mark.django_db


def test_register_published_on_the_member_page_with_declarations(client):
    member = f.PersonFactory(name="Councillor Priya Shah")
    land = RegisteredInterest.objects.create(
        person=member, category="land", description="Home at 4 Mill Lane, Calderbrook"
    )
    RegisteredInterest.objects.create(
        person=member, category="gifts", description="Match tickets", value="£80"
    )
    RegisteredInterest.objects.create(
        person=member, category="land", description="Secret address", is_sensitive=True
    )
    RegisteredInterest.objects.create(
        person=member,
        category="employment",
        description="Former job at the quarry",
        registered_on=timezone.localdate() - datetime.timedelta(days=400),
        ended_on=timezone.localdate() - datetime.timedelta(days=30),
    )
    meeting = f.publish(f.MeetingFactory(), minutes=True)
    f.DeclarationFactory(
        meeting=meeting,
        person=member,
        kind="pecuniary",
        description="Lives next to the site",
        registered_interest=land,
    )
    page = client.get(member.get_absolute_url()).content.decode()
    assert "Register of interests" in page
    assert "Home at 4 Mill Lane" in page and "Match tickets" in page and "£80" in page
    assert "Secret address" not in page and "Former job" not in page
    assert "(registered: land)" in page


def test_history_is_kept_and_dates_are_checked():
    interest = RegisteredInterest.objects.create(
        person=f.PersonFactory(), category="contracts", description="Supplies the council"
    )
    interest.description = "Supplied the council until March"
    interest.save()
    assert interest.history.count() == 2
    with transaction.atomic(), pytest.raises(IntegrityError):
        RegisteredInterest.objects.filter(pk=interest.pk).update(
            ended_on=interest.registered_on - datetime.timedelta(days=1)
        )
