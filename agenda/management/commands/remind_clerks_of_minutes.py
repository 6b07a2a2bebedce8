"""Email clerks whose draft minutes are due tomorrow or overdue (run daily, e.g. cron)."""

from django.core.management.base import BaseCommand
from django.db import transaction

from agenda.publishing.minutes_due import remind_clerks


class Command(BaseCommand):
    help = (
        "Email the clerks of meetings whose draft minutes are due on the next working day, "
        "and weekly once they are overdue."
    )

    def handle(self, *args, **options):
        with transaction.atomic():
            written = remind_clerks()
        self.stdout.write(f"{len(written)} reminder(s) queued for the worker to send.")
