"""Tasks of the notices room, run by the worker."""

from django_tasks import task


@task()
def send_email(email_id):
    """Send one written message (see delivery.py); returns its status."""
    from agenda.notices.delivery import deliver

    return str(deliver(email_id))
