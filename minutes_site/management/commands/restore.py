"""manage.py restore FOLDER: into an empty database and media folder, checksums verified."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from minutes_site.backups import BackupError, restore, settings_from_url


class Command(BaseCommand):
    help = "Restore a backup made by `manage.py backup` into an EMPTY database and media folder."

    def add_arguments(self, parser):
        parser.add_argument("source", help="the backup folder")
        parser.add_argument(
            "--database-url", help="restore into this database instead of DATABASE_URL's"
        )
        parser.add_argument("--media-root", help="restore files here instead of MEDIA_ROOT")

    def handle(self, *args, source, database_url=None, media_root=None, **options):
        settings_dict = (
            settings_from_url(database_url) if database_url else connection.settings_dict
        )
        try:
            manifest = restore(
                source=source,
                settings_dict=settings_dict,
                media_root=media_root or settings.MEDIA_ROOT,
            )
        except BackupError as error:
            raise CommandError(str(error)) from error
        counts = manifest.get("counts", {})
        self.stdout.write(
            f"Restored {counts.get('meetings', '?')} meetings, {counts.get('items', '?')} items "
            f"and {len(manifest['media']['files'])} files (all checksums match)."
        )
