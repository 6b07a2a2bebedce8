"""WSGI entry point for gunicorn: `gunicorn minutes_site.wsgi`."""

import gc
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "minutes_site.settings")
application = get_wsgi_application()

# Refuse to serve without a real key: Django reads SECRET_KEY lazily, so ask for it now
# ("The SECRET_KEY setting must not be empty") rather than fail on the first request.
from django.conf import settings  # noqa: E402

settings.SECRET_KEY  # noqa: B018

# The publication deadlines' calendar (bank holidays), worked out once per worker at start.
from agenda.publishing.deadlines import warm_calendar  # noqa: E402

warm_calendar()

# Everything loaded so far (modules, settings, URL patterns and the views they import)
# lives as long as the worker. Freezing it keeps the garbage collector from walking it all
# again on each full collection: that walk cost up to a tenth of a second of one search
# request here. The URL patterns load lazily, so load them first.
from django.core.signals import request_finished  # noqa: E402
from django.urls import get_resolver  # noqa: E402

get_resolver().reverse_dict  # noqa: B018
gc.collect()
gc.freeze()


def freeze_what_the_first_request_loaded(**kwargs):
    """The first request compiles its templates, fills the translation catalogues and
    opens the database connection: worker-long objects too, frozen once they exist."""
    request_finished.disconnect(freeze_what_the_first_request_loaded)
    gc.collect()
    gc.freeze()


request_finished.connect(freeze_what_the_first_request_loaded)
