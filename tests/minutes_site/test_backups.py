"""Backup and restore round trip on PostgreSQL: every meeting, item and file comes back."""

import hashlib
import secrets
from pathlib import Path

import psycopg2
import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.db import connection

from agenda.models import AgendaItem, Document, Meeting
from tests.factories import AgendaItemFactory, DocumentFactory, MeetingFactory

pytestmark = [
    pytest.mark.postgres,
    # Decided before any database work, so SQLite runs don't flush for nothing.
    pytest.mark.skipif(
        "postgresql" not in settings.DATABASES["default"]["ENGINE"],
        reason="backups use pg_dump: PostgreSQL only",
    ),
    pytest.mark.django_db(transaction=True),
]


def server_connection(dbname="postgres"):
    params = connection.settings_dict
    conn = psycopg2.connect(
        host=params["HOST"] or "127.0.0.1",
        port=params["PORT"] or 5432,
        user=params["USER"],
        password=params["PASSWORD"] or None,
        dbname=dbname,
    )
    conn.autocommit = True
    return conn


@pytest.fixture
def empty_database():
    name = f"mb_restore_{secrets.token_hex(6)}"
    admin = server_connection()
    with admin.cursor() as cursor:
        cursor.execute(f'CREATE DATABASE "{name}"')
    params = connection.settings_dict
    host = f"{params['HOST'] or '127.0.0.1'}:{params['PORT'] or 5432}"
    url = f"postgres://{params['USER']}@{host}/{name}"
    try:
        yield name, url
    finally:
        with admin.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.close()


def sample_council():
    for _ in range(3):
        meeting = MeetingFactory()
        for _ in range(2):
            item = AgendaItemFactory(meeting=meeting)
            DocumentFactory(item=item)
    DocumentFactory(item=AgendaItem.objects.first(), is_exempt=True)


def test_backup_restore_round_trip(tmp_path, settings, empty_database):
    sample_council()
    meetings = set(Meeting.objects.values_list("pk", "slug"))
    items = set(AgendaItem.objects.values_list("pk", "meeting_id", "title"))
    documents = {d.file.name: d.sha256 for d in Document.objects.all()}
    assert len(documents) == 7

    backup_dir = tmp_path / "backup"
    call_command("backup", str(backup_dir))
    assert {p.name for p in backup_dir.iterdir()} == {
        "database.dump",
        "media.tar.gz",
        "manifest.json",
    }

    name, url = empty_database
    restored_media = tmp_path / "restored-media"
    call_command("restore", str(backup_dir), database_url=url, media_root=str(restored_media))

    restored = server_connection(name)
    with restored.cursor() as cursor:
        cursor.execute("SELECT id, slug FROM agenda_meeting")
        assert set(cursor.fetchall()) == meetings
        cursor.execute("SELECT id, meeting_id, title FROM agenda_agendaitem")
        assert set(cursor.fetchall()) == items
        cursor.execute("SELECT file, sha256 FROM agenda_document")
        assert dict(cursor.fetchall()) == documents
    restored.close()
    for stored_name, checksum in documents.items():
        data = (Path(restored_media) / stored_name).read_bytes()
        assert hashlib.sha256(data).hexdigest() == checksum


def test_restore_refuses_a_tampered_backup_and_a_non_empty_database(tmp_path):
    sample_council()
    backup_dir = tmp_path / "backup"
    call_command("backup", str(backup_dir))
    # Into the live (non-empty) database: refused before anything is touched.
    with pytest.raises(CommandError, match="is not empty"):
        call_command("restore", str(backup_dir), media_root=str(tmp_path / "m1"))
    archive = backup_dir / "media.tar.gz"
    archive.write_bytes(archive.read_bytes()[:-10] + b"0" * 10)
    with pytest.raises(CommandError, match="does not match its checksum"):
        call_command("restore", str(backup_dir), media_root=str(tmp_path / "m2"))
