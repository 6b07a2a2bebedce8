"""Sending a written message over SMTP, by the worker, with retries and a log."""

import datetime
import logging
import os

from django.core.files.storage import default_storage
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.utils import timezone

from agenda.models import OutgoingEmail

logger = logging.getLogger(__name__)
FIRST_RETRY = datetime.timedelta(minutes=1)


def _backend():
    from agenda.notices.tasks import send_email

    return send_email.get_backend()


def queue(email_id, *, run_after=None):
    from agenda.notices.tasks import send_email

    task = send_email
    if run_after is not None and _backend().supports_defer:
        task = task.using(run_after=run_after)
    task.enqueue(email_id)


def _message(email):
    message = EmailMultiAlternatives(subject=email.subject, body=email.body_text, to=[email.to])
    if email.body_html:
        message.attach_alternative(email.body_html, "text/html")
    if email.unsubscribe_url:
        # One click from the mail program (RFC 8058), and a link in the message itself.
        message.extra_headers["List-Unsubscribe"] = f"<{email.unsubscribe_url}>"
        message.extra_headers["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    if email.attachment:
        with default_storage.open(email.attachment, "rb") as handle:
            name = os.path.basename(email.attachment)
            message.attach(name, handle.read(), "application/pdf")
    return message


def deliver(email_id):
    """Send one message once: a message already sent is not sent again. A failure is
    recorded and retried with backoff up to MAX_ATTEMPTS, then shown as failed."""
    inline = not _backend().supports_defer
    while True:
        with transaction.atomic():
            email = OutgoingEmail.objects.select_for_update().get(pk=email_id)
            if email.status != OutgoingEmail.Status.QUEUED:
                return email.status
            email.attempts += 1
            try:
                _message(email).send()
            except Exception as error:  # SMTP refusals, timeouts, a missing attachment...
                logger.warning("Email %s failed (attempt %s): %s", email.pk, email.attempts, error)
                email.error = f"{type(error).__name__}: {error}"[:2000]
                if email.attempts >= OutgoingEmail.MAX_ATTEMPTS:
                    email.status = OutgoingEmail.Status.FAILED
                email.save(update_fields=["attempts", "error", "status"])
                if email.status == OutgoingEmail.Status.FAILED:
                    return email.status
            else:
                email.status = OutgoingEmail.Status.SENT
                email.sent_at = timezone.now()
                email.error = ""
                email.save(update_fields=["attempts", "error", "status", "sent_at"])
                return email.status
        if not inline:
            queue(email_id, run_after=timezone.now() + FIRST_RETRY * 2 ** (email.attempts - 1))
            return email.status


def retry(email):
    """The editor's "Send again" on a failed message."""
    if email.status != OutgoingEmail.Status.FAILED:
        return False
    email.status = OutgoingEmail.Status.QUEUED
    email.attempts = 0
    email.save(update_fields=["status", "attempts"])
    transaction.on_commit(lambda: queue(email.pk))
    return True
