"""Addresses of records, for pages that link hundreds of them.

`reverse()` walks the URL resolver on every call: about 40 µs here, and a large meeting
page links a hundred documents, forty items and thirty people. `link()` reverses a name
once with stand-in values, keeps the address as literal parts, and fills the parts in for
each row. Only values made of URL-safe characters take that path (what `reverse()` would
emit unchanged); anything else goes through `reverse()` itself, so for the values a name's
converters accept the answer is the one `reverse()` gives (tests/committees/test_links.py).
Unlike `reverse()`, it does not check a plain value against its converter (a slug where a
number belongs): callers pass a record's own fields. It also writes values as they are,
which is what the built-in converters' `to_url()` does (int, slug, str: all the project
uses); a converter that rewrote its value would need `reverse()`.
"""

import re
from functools import lru_cache

from django.urls import NoReverseMatch, get_script_prefix, get_urlconf, reverse

# Digits satisfy the int, slug and str converters; the same length, so none contains another.
_STAND_INS = tuple(str(918273645500 + n) for n in range(8))
# Characters reverse() leaves as they are (RFC 3986 unreserved): a value made only of
# these needs no quoting, and no converter used here rejects them.
_PLAIN = re.compile(r"[A-Za-z0-9._~-]+")


@lru_cache(maxsize=512)
def _parts(name, keys, prefix, urlconf):
    """The address of `name` as literal strings and the keys between them."""
    stand_ins = dict(zip(keys, _STAND_INS, strict=False))
    address = reverse(name, kwargs=stand_ins, urlconf=urlconf)
    if not keys:
        return ((address, False),)
    pattern = "(" + "|".join(stand_ins.values()) + ")"
    key_of = {value: key for key, value in stand_ins.items()}
    pieces = re.split(pattern, address)
    # re.split with a group alternates literal text and the stand-ins it split on.
    return tuple(
        (piece, False) if index % 2 == 0 else (key_of[piece], True)
        for index, piece in enumerate(pieces)
    )


def link(name, **kwargs):
    """`reverse(name, kwargs=kwargs)`, without walking the resolver for plain values."""
    values = {key: str(value) for key, value in kwargs.items()}
    if len(values) > len(_STAND_INS) or not all(_PLAIN.fullmatch(v) for v in values.values()):
        return reverse(name, kwargs=kwargs)
    try:
        parts = _parts(name, tuple(sorted(values)), get_script_prefix(), get_urlconf())
    except NoReverseMatch:  # a converter that refuses digits: no template for this name
        return reverse(name, kwargs=kwargs)
    return "".join(values[piece] if is_key else piece for piece, is_key in parts)
