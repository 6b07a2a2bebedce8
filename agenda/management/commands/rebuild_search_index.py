"""Rebuild the public search index from scratch (after an import, or to repair it)."""

from django.core.management.base import BaseCommand

from agenda.search.indexing import rebuild_search_index


class Command(BaseCommand):
    help = "Rebuild the full-text search index from public content only."

    def add_arguments(self, parser):
        parser.add_argument(
            "--extract",
            action="store_true",
            help="Also extract text from public PDFs that have none yet.",
        )

    def handle(self, *args, extract=False, **options):
        total = rebuild_search_index(stdout=self.stdout, extract=extract)
        self.stdout.write(self.style.SUCCESS(f"Indexed {total} public records."))
