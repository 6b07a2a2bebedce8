"""Without SECRET_KEY and DEBUG, housekeeping commands run but the site will not serve."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def run(code, **env):
    clean = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "SECRET_KEY"}}
    clean.update(env, DJANGO_SETTINGS_MODULE="minutes_site.settings")
    clean.pop("MINUTEBOOK_TESTING", None)
    return subprocess.run(  # noqa: S603
        [sys.executable, "-c", code], cwd=ROOT, env=clean, capture_output=True, text=True
    )


def test_web_server_refuses_to_start_without_a_secret_key():
    result = run("import minutes_site.wsgi")
    assert result.returncode != 0
    assert "The SECRET_KEY setting must not be empty" in result.stderr


def test_housekeeping_commands_run_without_a_secret_key():
    result = run(
        "import django; django.setup(); from django.core.management import call_command; "
        "call_command('makemigrations', '--check', '--dry-run', verbosity=0)"
    )
    assert result.returncode == 0, result.stderr


def test_web_server_starts_with_a_secret_key():
    result = run("import minutes_site.wsgi", SECRET_KEY="k" * 20 + "-Qx7-" + "z9" * 20)
    assert result.returncode == 0, result.stderr
