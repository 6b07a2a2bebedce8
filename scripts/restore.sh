#!/usr/bin/env bash
# Restore Minutebook: scripts/restore.sh FOLDER [--database-url URL] [--media-root DIR]
# The target database and media folder must be EMPTY (create a fresh database first).
# Every checksum in the backup's manifest.json is verified before and after.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ $# -lt 1 ]; then
  echo "usage: $0 BACKUP_FOLDER [--database-url URL] [--media-root DIR]" >&2
  exit 2
fi
exec .venv/bin/python manage.py restore "$@"
