"""Email action owners about actions due within a week or overdue (run daily, e.g. cron)."""

from django.core.management.base import BaseCommand
from django.db import transaction

from agenda.notices.reminders import remind_action_owners


class Command(BaseCommand):
    help = "Email the owners of actions due within a week, and weekly once overdue."

    def handle(self, *args, **options):
        with transaction.atomic():
            written = remind_action_owners()
        self.stdout.write(f"{len(written)} reminder(s) queued for the worker to send.")
