"""`manage.py load_demo`: the fictional Calderbrook council, for trying Minutebook."""

import datetime
import logging

from django.core.management.base import BaseCommand

from agenda.demo.content import COUNCIL_NAME

# WeasyPrint logs every rendering step at INFO, even the stylesheets it parses on import,
# and building a demo is not staff activity worth auditing: keep the printed logins readable.
QUIET_LOGGERS = ("weasyprint", "weasyprint.progress", "minutebook.audit")


class Command(BaseCommand):
    help = "Create or refresh the demo council (idempotent) and print the demo logins."

    def add_arguments(self, parser):
        parser.add_argument(
            "--anchor",
            type=datetime.date.fromisoformat,
            help="Build meetings around this day (YYYY-MM-DD) instead of today.",
        )

    def handle(self, *args, anchor=None, **options):
        self.stdout.write(
            "Loading the demo council. The first load publishes about 25 meetings and renders "
            "their PDFs, which takes a while; later loads take a second."
        )
        loggers = [logging.getLogger(name) for name in QUIET_LOGGERS]
        levels = [logger.level for logger in loggers]
        for logger in loggers:
            logger.setLevel(logging.WARNING)
        try:
            from agenda.demo.build import EDITOR_URL, LOGINS, load_demo  # imports WeasyPrint

            org, meetings = load_demo(anchor)
        finally:
            for logger, level in zip(loggers, levels, strict=True):
                logger.setLevel(level)
        self.stdout.write(
            f"{COUNCIL_NAME}: {len(org.committees)} committees, "
            f"{sum(len(m) for m in org.members.values())} seats, {len(meetings)} meetings."
        )
        self.stdout.write(f"\nDemo logins for the editor at {EDITOR_URL}")
        for login in LOGINS:
            self.stdout.write(f"  {login.role:<18} {login.username} / {login.password}")
        self.stdout.write("(Passwords are set when each demo user is first created.)")
        self.stdout.write("The public site is at http://127.0.0.1:8000/")
