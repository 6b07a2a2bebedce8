"""The only way a PDF render may read a resource: the project's own static files and image
files under MEDIA_ROOT. Everything else (file://, other hosts, private and loopback
addresses, oversize files) is refused and recorded, so a hostile <img> or <link> in rich
text cannot make the server read local files or call internal services.

data: URLs are allowed only for small raster images (MAX_DATA_BYTES): they carry their
bytes inline, so nothing is fetched, and the cap keeps a page from ballooning the PDF.
"""

import base64
import binascii
import mimetypes
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from weasyprint.urls import URLFetcher, URLFetcherResponse

# Relative URLs in the templates resolve against this base; it names no real host and is
# never contacted: the fetcher maps its paths onto files.
BASE_URL = "https://minutebook.invalid/"
MAX_RESOURCE_BYTES = 5 * 1024 * 1024
MAX_DATA_BYTES = 64 * 1024
IMAGE_TYPES = {"image/png", "image/jpeg", "image/gif", "image/webp"}
MEDIA_SUFFIXES = {".png", ".jpg", ".jpeg", ".gif", ".webp"}
STATIC_SUFFIXES = {".css", ".png", ".jpg", ".jpeg", ".gif", ".webp", ".svg", ".woff", ".woff2"}


class ResourceRefused(ValueError):
    """A render asked for something it may not have; WeasyPrint logs it and carries on."""


class SafeURLFetcher(URLFetcher):
    """WeasyPrint 70 fetcher (a URLFetcher subclass with `fetch(url, headers)`) that never
    opens a network connection. `attempts` records every URL asked for and the verdict."""

    def __init__(self):
        super().__init__(allowed_protocols=("https", "data"), allow_redirects=False)
        self.attempts = []

    def fetch(self, url, headers=None):
        try:
            response = self._resolve(url)
        except ResourceRefused as refusal:
            self.attempts.append((url, f"refused: {refusal}"))
            raise
        self.attempts.append((url, "allowed"))
        return response

    @property
    def refused(self):
        return [url for url, verdict in self.attempts if verdict != "allowed"]

    def _resolve(self, url):
        if url.startswith("data:"):
            return self._data(url)
        if not url.startswith(BASE_URL):
            raise ResourceRefused("only the project's own static and media files may be used")
        path = unquote(urlsplit(url).path)
        if ".." in path.split("/"):
            raise ResourceRefused("path escapes its folder")
        static_prefix = "/" + settings.STATIC_URL.strip("/") + "/"
        media_prefix = "/" + settings.MEDIA_URL.strip("/") + "/"
        if path.startswith(static_prefix):
            return self._file(self._static_path(path[len(static_prefix) :]), STATIC_SUFFIXES, url)
        if path.startswith(media_prefix):
            root = Path(settings.MEDIA_ROOT).resolve()
            return self._file(self._inside(root, path[len(media_prefix) :]), MEDIA_SUFFIXES, url)
        raise ResourceRefused("not a static or media file")

    @staticmethod
    def _inside(root, relative):
        candidate = (root / relative).resolve()
        if not candidate.is_relative_to(root):
            raise ResourceRefused("path escapes its folder")
        return candidate

    def _static_path(self, relative):
        found = finders.find(relative)
        if found:
            return Path(found).resolve()
        return self._inside(Path(settings.STATIC_ROOT).resolve(), relative)

    @staticmethod
    def _file(path, suffixes, url):
        if path.suffix.lower() not in suffixes:
            raise ResourceRefused("file type not allowed")
        if not path.is_file():
            raise ResourceRefused("no such file")
        if path.stat().st_size > MAX_RESOURCE_BYTES:
            raise ResourceRefused("file too large")
        content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        return URLFetcherResponse(url, path.read_bytes(), {"Content-Type": content_type})

    @staticmethod
    def _data(url):
        header, _, payload = url[5:].partition(",")
        parts = header.split(";")
        content_type = parts[0].lower()
        if content_type not in IMAGE_TYPES:
            raise ResourceRefused("data: URLs may only hold images")
        if len(payload) > MAX_DATA_BYTES * 4 // 3 + 4:
            raise ResourceRefused("data: image too large")
        try:
            body = (
                base64.b64decode(payload, validate=True)
                if "base64" in parts
                else unquote(payload).encode("latin-1")
            )
        except (binascii.Error, UnicodeEncodeError) as error:
            raise ResourceRefused("data: URL is malformed") from error
        return URLFetcherResponse(url, body, {"Content-Type": content_type})
