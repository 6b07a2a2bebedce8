"""Backup and restore: pg_dump (custom format) + a tar of MEDIA_ROOT + a checksum manifest.

A backup is a folder:
  database.dump   pg_dump --format=custom
  media.tar.gz    every file under MEDIA_ROOT, paths relative to it
  manifest.json   sha256 of the two files above and of every media file, and row counts
Restore refuses a non-empty database or media folder, checks every checksum before and
after, and never extracts a path outside the media folder.
"""

import hashlib
import json
import os
import shutil

# subprocess runs pg_dump, pg_restore and psql with argument lists (no shell); see
# docs/security-audit.md.
import subprocess  # nosec B404
import tarfile
from pathlib import Path

import dj_database_url
from django.utils import timezone

MANIFEST = "manifest.json"
DUMP = "database.dump"
MEDIA_ARCHIVE = "media.tar.gz"


class BackupError(Exception):
    """A backup or restore could not be made safely; the message says why."""


def sha256_file(path):
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(1024 * 1024), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _pg_env(settings_dict):
    """libpq environment for a Django database settings dict (keeps the password off argv)."""
    if "postgresql" not in settings_dict.get("ENGINE", ""):
        raise BackupError("Backups need PostgreSQL (DATABASE_URL=postgres://...).")
    env = dict(os.environ)
    for key, var in (("HOST", "PGHOST"), ("PORT", "PGPORT"), ("USER", "PGUSER")):
        if settings_dict.get(key):
            env[var] = str(settings_dict[key])
    if settings_dict.get("PASSWORD"):
        env["PGPASSWORD"] = settings_dict["PASSWORD"]
    env["PGDATABASE"] = settings_dict["NAME"]
    return env


def settings_from_url(url):
    return dj_database_url.parse(url)


def _run(command, env):
    # Argument list from this module only (program name + fixed options + paths), no shell.
    result = subprocess.run(command, env=env, capture_output=True, text=True, check=False)  # noqa: S603  # nosec B603
    if result.returncode != 0:
        raise BackupError(f"{command[0]} failed: {result.stderr.strip()[-2000:]}")
    return result


def media_checksums(media_root):
    root = Path(media_root)
    if not root.exists():
        return {}
    return {
        path.relative_to(root).as_posix(): sha256_file(path)
        for path in sorted(root.rglob("*"))
        if path.is_file() and not path.name.startswith(".healthz-")
    }


def backup(*, destination, settings_dict, media_root, counts=None):
    """Write a backup folder; returns the manifest."""
    destination = Path(destination)
    destination.mkdir(parents=True, exist_ok=True)
    if any(destination.iterdir()):
        raise BackupError(f"{destination} is not empty; give a new folder for each backup.")
    env = _pg_env(settings_dict)
    dump = destination / DUMP
    _run(["pg_dump", "--format=custom", "--no-owner", "--no-privileges", f"--file={dump}"], env)
    files = media_checksums(media_root)
    archive = destination / MEDIA_ARCHIVE
    with tarfile.open(archive, "w:gz") as tar:
        for relative in files:
            tar.add(Path(media_root) / relative, arcname=relative, recursive=False)
    manifest = {
        "format": 1,
        "created_at": timezone.now().isoformat(),
        "database": {"file": DUMP, "sha256": sha256_file(dump)},
        "media": {"file": MEDIA_ARCHIVE, "sha256": sha256_file(archive), "files": files},
        "counts": counts or {},
    }
    (destination / MANIFEST).write_text(json.dumps(manifest, indent=2, sort_keys=True))
    return manifest


def read_manifest(source):
    source = Path(source)
    try:
        manifest = json.loads((source / MANIFEST).read_text())
    except (OSError, ValueError) as error:
        raise BackupError(f"No readable {MANIFEST} in {source}.") from error
    for part in ("database", "media"):
        path = source / manifest[part]["file"]
        if not path.is_file() or sha256_file(path) != manifest[part]["sha256"]:
            raise BackupError(f"{path.name} is missing or does not match its checksum.")
    return manifest


def _database_is_empty(env):
    result = _run(
        [
            "psql",
            "--no-psqlrc",
            "--tuples-only",
            "--no-align",
            "--command=SELECT count(*) FROM information_schema.tables "
            "WHERE table_schema NOT IN ('pg_catalog', 'information_schema')",
        ],
        env,
    )
    return result.stdout.strip() == "0"


def restore(*, source, settings_dict, media_root):
    """Restore a backup folder into an empty database and an empty media folder.

    Returns the manifest after every media file's checksum has been verified."""
    source = Path(source)
    manifest = read_manifest(source)
    env = _pg_env(settings_dict)
    media_root = Path(media_root)
    if media_root.exists() and any(media_root.iterdir()):
        raise BackupError(f"The media folder {media_root} is not empty.")
    if not _database_is_empty(env):
        raise BackupError(f"The database {settings_dict['NAME']} is not empty.")
    _run(
        [
            "pg_restore",
            "--no-owner",
            "--no-privileges",
            "--exit-on-error",
            f"--dbname={settings_dict['NAME']}",
            str(source / DUMP),
        ],
        env,
    )
    media_root.mkdir(parents=True, exist_ok=True)
    expected = manifest["media"]["files"]
    with tarfile.open(source / MEDIA_ARCHIVE, "r:gz") as tar:
        for member in tar.getmembers():
            if member.name not in expected or not member.isfile():
                raise BackupError(f"Unexpected entry {member.name!r} in the media archive.")
        # The "data" filter refuses absolute paths, "..", links and devices.
        tar.extractall(media_root, filter="data")
    restored = media_checksums(media_root)
    if restored != expected:
        wrong = sorted(set(expected) ^ set(restored)) or sorted(
            name for name in expected if restored.get(name) != expected[name]
        )
        shutil.rmtree(media_root)
        raise BackupError(f"Restored media does not match the manifest: {wrong[:10]}")
    return manifest
