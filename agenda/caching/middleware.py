"""PageCacheMiddleware: anonymous GETs of the public pages (routes.py) served from the
cache, with ETag/Last-Modified and 304 replies.

It sits inside the security and CSP middleware, so every response, cached or not, gets
this request's security headers and Content-Security-Policy. The site's policy has no
nonce (minutes_site/csp.py allows its one inline script by hash), and a page whose
rendering asked for a nonce is not stored, so no cached body can carry another request's
nonce. It sits outside the session, CSRF and authentication middleware and decides by
the request alone: any cookie but the CSRF cookie (a session, a flash message) or an
Authorization header means a person who may see something else, who is never answered
from the cache and whose page is marked `private, no-store`. A response that sets a
cookie, uses a CSRF token, varies on anything but Cookie and Accept-Encoding, or says
private/no-store/no-cache itself, is never stored.
"""

import hashlib
import logging
import threading
import time
from collections import OrderedDict
from contextlib import nullcontext
from functools import lru_cache

from django.conf import settings
from django.core.exceptions import DisallowedHost
from django.http import HttpResponse
from django.urls import Resolver404, resolve
from django.utils.cache import (
    get_conditional_response,
    patch_cache_control,
    patch_vary_headers,
)
from django.utils.http import http_date

from agenda.caching import generations as g
from agenda.caching.dependencies import recording
from agenda.caching.routes import ROUTES

logger = logging.getLogger(__name__)

PAGE_PREFIX = "mb:page:"
HEADER = "X-Page-Cache"
ALLOWED_VARY = {"cookie", "accept-encoding"}
CSP_ATTRIBUTES = (
    "_csp_config",
    "_csp_update",
    "_csp_replace",
    "_csp_exempt",
    "_csp_config_ro",
    "_csp_update_ro",
    "_csp_replace_ro",
    "_csp_exempt_ro",
)


@lru_cache(maxsize=4096)
def _route_of_path(path, urlconf):
    try:
        match = resolve(path, urlconf)
    except Resolver404:
        return None, None
    route = ROUTES.get(match.view_name)
    return (route, match.kwargs) if route else (None, None)


def route_of(request):
    """(Route, kwargs) of a cacheable address, else (None, None)."""
    urlconf = getattr(request, "urlconf", None) or settings.ROOT_URLCONF
    return _route_of_path(request.path_info, urlconf)


class Recent:
    """The pages this process served last, so a hit need not fetch and unpickle the body
    from the shared cache each time. An entry here is still served only while its tokens,
    read from the shared cache on every request, are the current ones."""

    def __init__(self, size=256):
        self.size = size
        self.entries = OrderedDict()
        self.lock = threading.Lock()

    def get(self, key):
        with self.lock:
            entry = self.entries.get(key)
            if entry is not None:
                self.entries.move_to_end(key)
            return entry

    def put(self, key, entry):
        with self.lock:
            self.entries[key] = entry
            self.entries.move_to_end(key)
            while len(self.entries) > self.size:
                self.entries.popitem(last=False)

    def drop(self, key):
        with self.lock:
            self.entries.pop(key, None)

    def clear(self):
        with self.lock:
            self.entries.clear()


recent = Recent()


def is_personal(request):
    """Whether the request may be from someone who sees more than the public."""
    if "HTTP_AUTHORIZATION" in request.META:
        return True
    return any(name != settings.CSRF_COOKIE_NAME for name in request.COOKIES)


def page_key(request):
    address = f"{request.scheme}://{request.get_host()}{request.get_full_path()}"
    return PAGE_PREFIX + hashlib.sha256(address.encode("utf-8", "surrogateescape")).hexdigest()


def mark_personal(response):
    response["Cache-Control"] = "private, no-store"
    patch_vary_headers(response, ("Cookie",))
    return response


def storable(request, response):
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    if request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):
        return False  # the page carries a CSRF token made for this visitor
    if isinstance(getattr(request, "_csp_nonce", None), str):
        return False  # the page carries this request's CSP nonce
    control = response.get("Cache-Control", "").lower()
    if any(word in control for word in ("private", "no-store", "no-cache")):
        return False
    vary = {part.strip().lower() for part in response.get("Vary", "").split(",") if part.strip()}
    if vary - ALLOWED_VARY:
        return False
    return len(response.content) <= settings.PAGE_CACHE_MAX_BYTES


def make_public(response, content, modified):
    if "Cache-Control" not in response:
        patch_cache_control(response, public=True, max_age=settings.PAGE_CACHE_MAX_AGE)
    patch_vary_headers(response, ("Cookie",))
    if response.has_header("Content-Encoding"):
        patch_vary_headers(response, ("Accept-Encoding",))
    response["ETag"] = '"' + hashlib.sha256(content).hexdigest()[:32] + '"'
    response["Last-Modified"] = http_date(modified)


def from_entry(request, entry):
    content = b"" if request.method == "HEAD" else entry["content"]
    response = HttpResponse(content, status=entry["status"], headers=dict(entry["headers"]))
    for name, value in entry["csp"].items():
        setattr(response, name, value)
    return response


class PageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        route = kwargs = None
        if settings.PAGE_CACHE_SECONDS > 0 and request.method in ("GET", "HEAD"):
            route, kwargs = route_of(request)
        if route is None:
            return self.get_response(request)
        if is_personal(request):
            return mark_personal(self.get_response(request))
        try:
            key = page_key(request)
        except DisallowedHost:
            return self.get_response(request)
        try:
            entry = self.lookup(key)
        except Exception:  # the cache being down must not take the site down
            logger.exception("Page cache unreachable; answering without it")
            return self.get_response(request)
        if entry is not None:
            response = from_entry(request, entry)
            response[HEADER] = "hit"
            return get_conditional_response(
                request,
                etag=entry["etag"],
                last_modified=int(entry["modified"]),
                response=response,
            )
        return self.render(request, route, kwargs, key)

    def lookup(self, key):
        entry = recent.get(key)
        if entry is not None and time.time() < entry.get("expires", 0):
            if g.peek(list(entry["tokens"])) == entry["tokens"]:
                return entry
            recent.drop(key)
        entry = g.cache().get(key)
        if entry is None:
            return None
        if g.peek(list(entry["tokens"])) != entry["tokens"]:
            return None
        recent.put(key, entry)
        return entry

    def render(self, request, route, kwargs, key):
        static = route.static_names(kwargs)
        try:
            before = g.current(sorted({*static, g.ORG, g.SITE}))
        except Exception:
            logger.exception("Page cache unreachable; answering without it")
            return self.get_response(request)
        recorder = recording(committees=route.kind == "committee")
        with recorder if route.kind != "site" else nullcontext():
            response = self.get_response(request)
        if not storable(request, response):
            return response
        modified = time.time()
        make_public(response, response.content, modified)
        response[HEADER] = "miss"
        if request.method == "GET":
            try:
                self.store(key, route, static, recorder, before, response, modified)
            except Exception:
                logger.exception("Could not store a page in the cache")
        return get_conditional_response(
            request,
            etag=response["ETag"],
            last_modified=int(modified),
            response=response,
        )

    def store(self, key, route, static, recorder, before, response, modified):
        names = set(static) | recorder.names
        if route.kind != "site" and names == {g.ORG}:
            names.add(g.SITE)  # it showed no meeting we know of: retire it with the site
        tokens = g.current(sorted(names))
        # Anything retired while the page rendered may or may not be in it: every
        # retirement gives the site a new token first (generations.bump), so a changed
        # site token means the page is not stored.
        if g.peek([g.ORG, g.SITE]) != {g.ORG: before[g.ORG], g.SITE: before[g.SITE]}:
            return
        headers = [(name, value) for name, value in response.items() if name != HEADER]
        entry = {
            "status": response.status_code,
            "content": response.content,
            "headers": headers,
            "tokens": tokens,
            "etag": response["ETag"],
            "modified": modified,
            "expires": modified + settings.PAGE_CACHE_SECONDS,
            "csp": {
                name: getattr(response, name) for name in CSP_ATTRIBUTES if hasattr(response, name)
            },
        }
        g.cache().set(key, entry, settings.PAGE_CACHE_SECONDS)
        recent.put(key, entry)
