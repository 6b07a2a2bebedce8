"""Generation tokens: one per thing a cached page can depend on, kept in the cache.

A token is an opaque string, never a counter: a token evicted from the cache comes back as
a new one (so the pages that depended on it are retired, never revived), and two processes
bumping at once cannot land on a value a stored page already carries.
"""

import secrets
import time

from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.redis import RedisCache

ORG = "org"
SITE = "site"
PREFIX = "mb:gen:"


def meeting_key(pk):
    return f"m:{pk}"


def committee_key(pk):
    return f"c:{pk}"


def decision_key(pk):
    return f"d:{pk}"


def cache():
    return caches[getattr(settings, "PAGE_CACHE_ALIAS", "default")]


def new_token():
    return f"{time.time_ns():x}.{secrets.token_hex(4)}"


def current(names):
    """The tokens of `names` (a list), creating any that are missing."""
    backend = cache()
    found = backend.get_many([PREFIX + name for name in names])
    tokens = {}
    for name in names:
        token = found.get(PREFIX + name)
        if token is None:
            token = new_token()
            # Someone else may have created it meanwhile: theirs wins.
            if not backend.add(PREFIX + name, token, None):
                token = backend.get(PREFIX + name) or token
        tokens[name] = token
    return tokens


def _redis_mget(backend, keys):
    """MGET through one client kept per process: Django's RedisCache builds a new client
    object for every call, which costs three times the round trip itself. Values are
    decoded as RedisCache encodes them."""
    client = getattr(backend, "_page_cache_client", None)
    if client is None:
        client = backend._page_cache_client = backend._cache.get_client(None, write=False)
    values = client.mget([backend.make_and_validate_key(key) for key in keys])
    loads = backend._cache._serializer.loads
    return {key: loads(value) for key, value in zip(keys, values, strict=True) if value is not None}


def peek(names):
    """The tokens of `names` as stored (None where missing), without creating any. Read on
    every request the page cache answers, so the Redis path is kept short."""
    backend = cache()
    keys = [PREFIX + name for name in names]
    if isinstance(backend, RedisCache):
        found = _redis_mget(backend, keys)
    else:
        found = backend.get_many(keys)
    return {name: found.get(PREFIX + name) for name in names}


def bump(names):
    """New tokens for `names`. The site-wide tokens are written first: a page that read a
    meeting's new token while it rendered then always sees the new site token too, and is
    not stored (middleware.py)."""
    names = set(names)
    backend = cache()
    first = {PREFIX + name: new_token() for name in (ORG, SITE) if name in names}
    rest = {PREFIX + name: new_token() for name in names - {ORG, SITE}}
    if first:
        backend.set_many(first, None)
    if rest:
        backend.set_many(rest, None)
