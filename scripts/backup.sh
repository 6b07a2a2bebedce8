#!/usr/bin/env bash
# Back up Minutebook: scripts/backup.sh [FOLDER]  (default: backups/YYYY-mm-ddTHHMMSS)
# Needs the same environment as the site (DATABASE_URL, MEDIA_ROOT, SECRET_KEY) and pg_dump.
set -euo pipefail
cd "$(dirname "$0")/.."
destination="${1:-backups/$(date -u +%Y-%m-%dT%H%M%S)}"
exec .venv/bin/python manage.py backup "$destination"
