"""Residents' subscriptions: double opt-in by a signed link, one-click unsubscribe."""

import datetime

from django.core import signing
from django.urls import reverse
from django.utils import timezone

from agenda.models import OutgoingEmail, Subscription
from agenda.notices.compose import site_url, write

CONFIRM_SALT = "minutebook.subscription.confirm"
CONFIRM_DAYS = 7
# A second request for the same subscription within this time sends no second email.
RESEND_AFTER = datetime.timedelta(minutes=10)


def confirmation_token(subscription):
    return signing.dumps({"s": subscription.token}, salt=CONFIRM_SALT)


def from_confirmation(token):
    """The subscription a confirmation link names, or None if it is bad or too old."""
    try:
        data = signing.loads(
            token, salt=CONFIRM_SALT, max_age=datetime.timedelta(days=CONFIRM_DAYS)
        )
    except signing.BadSignature:
        return None
    return Subscription.objects.filter(token=data.get("s")).first()


def subscribe(email, **subject):
    """Record the wish and send the confirmation (only that) to an unconfirmed address."""
    email = email.strip().lower()
    subscription, _created = Subscription.objects.get_or_create(email=email, **subject)
    if subscription.confirmed_at is not None:
        return subscription
    recent = OutgoingEmail.objects.filter(
        kind=OutgoingEmail.Kind.CONFIRM,
        to=email,
        created_at__gte=timezone.now() - RESEND_AFTER,
        key__startswith=f"confirm:{subscription.pk}:",
    )
    if not recent.exists():
        link = site_url(
            reverse("notices:confirm", kwargs={"token": confirmation_token(subscription)})
        )
        write(
            key=f"confirm:{subscription.pk}:{timezone.now():%Y%m%d%H%M%S%f}",
            kind=OutgoingEmail.Kind.CONFIRM,
            to=email,
            subject=f"Confirm that you want to hear about {subscription.subject}",
            lines=[
                f"Someone, we hope you, asked to be told by email when {subscription.subject} "
                "has a new agenda, minutes or decisions.",
                f"Confirm within {CONFIRM_DAYS} days with the link below. If it was not you, "
                "do nothing: you will get no more email from us.",
            ],
            link=link,
        )
    return subscription


def confirm(subscription):
    if subscription.confirmed_at is None:
        subscription.confirmed_at = timezone.now()
        subscription.save(update_fields=["confirmed_at"])
    return subscription
