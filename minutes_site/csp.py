"""Content-Security-Policy: django-csp, plus the hash of the editor's import map.

django-prose-editor declares its ES modules in an inline <script type="importmap">. js_asset
can put a nonce on it (Media(nonce=...)), but Django 5.2's admin renders `{{ media }}` with no
access to the request, so the nonce would have to travel through a global. A SHA-256 of the
import map's exact text allows that one script and nothing else, and it is the same on every
request, so we compute it once (at the first response, when static file URLs can resolve).
"""

import base64
import hashlib
import logging
import re

from csp.middleware import CSPMiddleware

logger = logging.getLogger(__name__)

_SCRIPT_BODY = re.compile(r"<script[^>]*>(.*?)</script>", re.DOTALL)


def script_hash(text):
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


_importmap_hashes = None


def editor_importmap_hashes():
    """CSP hash sources for the import map(s) the rich-text editor renders in the admin.

    Computed once; a failure (no static manifest before collectstatic) is retried on the
    next response instead of being remembered."""
    global _importmap_hashes
    if _importmap_hashes is None:
        from committees.richtext import RichTextField

        try:
            media = RichTextField().formfield().widget.media
            rendered = "".join(media.render_importmap())
        except ValueError:
            logger.warning("Cannot resolve the editor's import map (run collectstatic).")
            return ()
        _importmap_hashes = tuple(script_hash(body) for body in _SCRIPT_BODY.findall(rendered))
    return _importmap_hashes


class MinutebookCSPMiddleware(CSPMiddleware):
    """django-csp's middleware with the editor's import map hash added to script-src."""

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        hashes = editor_importmap_hashes()
        if hashes and not report_only:
            update = dict(parts.update or {})
            update["script-src"] = [*update.get("script-src", []), *hashes]
            parts.update = update
        return parts
