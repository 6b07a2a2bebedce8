"""manage.py backup FOLDER: database (pg_dump) + media + checksum manifest."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from minutes_site.backups import BackupError, backup


class Command(BaseCommand):
    help = "Back up the database and uploaded files into a new folder, with checksums."

    def add_arguments(self, parser):
        parser.add_argument("destination", help="a new or empty folder")

    def handle(self, *args, destination, **options):
        from agenda.models import AgendaItem, Document, Meeting

        counts = {
            "meetings": Meeting.objects.count(),
            "items": AgendaItem.objects.count(),
            "documents": Document.objects.count(),
        }
        try:
            manifest = backup(
                destination=destination,
                settings_dict=connection.settings_dict,
                media_root=settings.MEDIA_ROOT,
                counts=counts,
            )
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            f"Backed up {counts['meetings']} meetings, {counts['items']} items and "
            f"{len(manifest['media']['files'])} files to {destination}"
        )
