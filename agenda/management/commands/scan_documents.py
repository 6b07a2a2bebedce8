"""Scan documents not yet scanned at their present version (uploads from before the
scanner, imported documents), or every document with --all. Prints what it found."""

from django.core.management.base import BaseCommand
from django.db.models import Exists, OuterRef

from agenda.models import Document, DocumentScan
from agenda.scanning.record import scan_document


class Command(BaseCommand):
    help = "Scan documents for hidden content and check their accessibility."

    def add_arguments(self, parser):
        parser.add_argument("--all", action="store_true", help="Scan every document again.")

    def handle(self, *args, **options):
        documents = Document.objects.exclude(file="").filter(is_generated=False)
        if not options["all"]:
            current = DocumentScan.objects.current().filter(
                document=OuterRef("pk"), subject=DocumentScan.Subject.FILE
            )
            documents = documents.exclude(Exists(current))
        scanned = leaking = 0
        for pk in documents.values_list("pk", flat=True).order_by("pk").iterator():
            for scan in scan_document(pk, force=options["all"]):
                scanned += 1
                if scan.leak_count:
                    leaking += 1
                    self.stdout.write(
                        f"{scan.document}: {scan.leak_count} hidden-content finding(s)"
                    )
        self.stdout.write(f"Scanned {scanned} file(s); {leaking} with hidden content.")
