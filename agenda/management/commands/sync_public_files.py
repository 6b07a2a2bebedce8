"""Bring the bucket's public copies in line with what is public: every meeting's public
documents get one, everything else under public/ is deleted (agenda/publishing/public_files.py).
Run it after restoring a backup or changing PUBLIC_FILES_* settings; harmless at any time."""

from django.core.management.base import BaseCommand

from agenda.publishing import public_files


class Command(BaseCommand):
    help = "Make the public copies in the S3 bucket exactly the public documents."

    def handle(self, *args, **options):
        if not public_files.enabled():
            self.stdout.write(
                "Files are on the local disk (STORAGE_BACKEND=filesystem): nothing to do."
            )
            return
        meetings, orphans = public_files.sync_all()
        self.stdout.write(f"Checked {meetings} meetings; removed {orphans} stray public copies.")
