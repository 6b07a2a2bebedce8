"""Import ModernGov content: saved pages (.html), web-service XML (.xml), copied text (.txt)."""

import datetime

from django.core.management.base import BaseCommand, CommandError

from agenda.importers.load import import_paths


def _date(value):
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise CommandError(f"--date must be YYYY-MM-DD, not {value!r}.") from None


class Command(BaseCommand):
    help = (
        "Import ModernGov pages, mgWebService XML or copied item text. Files and folders; "
        "each file is saved atomically and re-importing updates rather than duplicates."
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", help="files or folders (.html .htm .xml .txt)")
        parser.add_argument(
            "--committee", help="committee for sources that do not name one (created if missing)"
        )
        parser.add_argument("--date", type=_date, help="meeting date YYYY-MM-DD, as above")
        parser.add_argument(
            "--no-pdfs",
            action="store_true",
            help="do not render printed PDFs (agenda, reports pack, minutes) for changed meetings",
        )

    def handle(self, *args, **options):
        reports = import_paths(
            options["paths"],
            committee=options["committee"],
            date=options["date"],
            pdfs=not options["no_pdfs"],
        )
        if not reports:
            raise CommandError("No .html, .htm, .xml or .txt files found in the paths given.")
        for report in reports:
            style = self.style.SUCCESS if report.ok else self.style.ERROR
            lines = report.lines()
            self.stdout.write(style(lines[0]))
            for line in lines[1:]:
                self.stdout.write(line)
        failed = sum(not report.ok for report in reports)
        self.stdout.write(f"{len(reports) - failed} of {len(reports)} file(s) imported.")
        if failed == len(reports):
            raise CommandError("Every file failed: nothing was imported.")
