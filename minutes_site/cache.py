"""The default cache: Django's file cache, culled now and then rather than on every write.

Django's FileBasedCache lists its whole folder on every `set()` to see whether it is over
MAX_ENTRIES; with thousands of cached pages that listing costs more than the write. Here
it is done at most once a minute per process (the folder may run a little over its
limit meanwhile). Everything else is Django's.
"""

import time

from django.core.cache.backends.filebased import FileBasedCache

CULL_EVERY_SECONDS = 60


class FileCache(FileBasedCache):
    _last_cull = 0.0

    def _cull(self):
        now = time.monotonic()
        if now - self._last_cull < CULL_EVERY_SECONDS:
            return
        self._last_cull = now
        super()._cull()
