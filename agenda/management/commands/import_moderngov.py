"""Import ModernGov content: saved pages (.html), web-service XML (.xml), copied text (.txt),
printed minutes (.pdf), or a whole saved site folder (--site)."""

import datetime

from django.core.management.base import BaseCommand, CommandError

from agenda.importers.load import import_paths
from agenda.importers.site import import_site


def _date(value):
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise CommandError(f"--date must be YYYY-MM-DD, not {value!r}.") from None


class Progress:
    """A one-line progress bar on a terminal; plain lines when the output is a file."""

    WIDTH = 30

    def __init__(self, stream):
        self.stream = stream
        self.live = hasattr(stream, "isatty") and stream.isatty()

    def __call__(self, done, total, name):
        filled = self.WIDTH * done // max(total, 1)
        bar = "#" * filled + "-" * (self.WIDTH - filled)
        line = f"[{bar}] {done}/{total} {name}"
        if self.live:
            self.stream.write(f"\r{line[:120]:<120}")
            if done == total:
                self.stream.write("\n")
        else:
            self.stream.write(line + "\n")
        self.stream.flush()


class Command(BaseCommand):
    help = (
        "Import ModernGov pages, mgWebService XML, copied item text or printed-minutes PDFs "
        "(files and folders), or a whole saved ModernGov site with --site. Each file is saved "
        "atomically; importing again updates rather than duplicates. --dry-run saves nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", help="files or folders (.html .htm .xml .txt .pdf)")
        parser.add_argument(
            "--site",
            action="store_true",
            help="each folder is a saved copy of a ModernGov site: import all its pages, "
            "keep their old addresses, attach the PDFs they link to",
        )
        parser.add_argument(
            "--base-url", help="with --site: the site's address (default: from the folder name)"
        )
        parser.add_argument(
            "--committee", help="committee for sources that do not name one (created if missing)"
        )
        parser.add_argument("--date", type=_date, help="meeting date YYYY-MM-DD, as above")
        parser.add_argument(
            "--no-pdfs",
            action="store_true",
            help="do not render printed PDFs (agenda, reports pack, minutes) for changed meetings",
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="read and check everything, show what would be saved and what was guessed, "
            "save nothing",
        )
        parser.add_argument(
            "--details", action="store_true", help="show what was recognised and guessed per item"
        )

    def handle(self, *args, **options):
        if options["site"]:
            reports = self._site(options)
        else:
            reports = import_paths(
                options["paths"],
                committee=options["committee"],
                date=options["date"],
                pdfs=not options["no_pdfs"],
                dry_run=options["dry_run"],
            )
        if not reports:
            raise CommandError("No .html, .htm, .xml, .txt or .pdf files found in the paths given.")
        for report in reports:
            style = self.style.SUCCESS if report.ok else self.style.ERROR
            lines = report.lines(details=options["details"])
            self.stdout.write(style(lines[0]))
            for line in lines[1:]:
                self.stdout.write(line)
        failed = sum(not report.ok for report in reports)
        verb = "read (dry run: nothing saved)" if options["dry_run"] else "imported"
        self.stdout.write(f"{len(reports) - failed} of {len(reports)} file(s) {verb}.")
        if failed == len(reports):
            raise CommandError("Every file failed: nothing was imported.")

    def _site(self, options):
        reports = []
        progress = Progress(self.stderr)
        for folder in options["paths"]:
            site = import_site(
                folder,
                base_url=options["base_url"],
                dry_run=options["dry_run"],
                progress=progress,
            )
            reports.extend(site.files)
            attached = "would attach" if options["dry_run"] else "attached"
            self.stdout.write(
                f"{folder}: {len(site.files)} page(s); PDFs {attached}: {site.attached}, "
                f"unchanged: {site.attached_unchanged}."
            )
            for line in site.skipped:
                self.stdout.write(f"  skipped: {line}")
        return reports
