"""The WSGI worker freezes what it loads at start and after its first request."""

from tests.minutes_site.test_secret_key import run

CHECK = """
import gc
import minutes_site.wsgi  # noqa: F401
from django.core.signals import request_finished
from django.urls import get_resolver
at_start = gc.get_freeze_count()
assert get_resolver()._populated, "URL patterns not loaded before the freeze"
assert at_start > 10000, at_start
import agenda.views.meetings  # a view module the URL patterns imported: already frozen
request_finished.send(sender=None)
after_first = gc.get_freeze_count()
request_finished.send(sender=None)
assert gc.get_freeze_count() == after_first, "froze again after the second request"
print("ok", at_start, after_first)
"""


def test_worker_freezes_its_long_lived_objects_once():
    result = run(CHECK, SECRET_KEY="k" * 20 + "-Qx7-" + "z9" * 20)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("ok")
