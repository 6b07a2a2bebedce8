"""Hostile values in every public URL and query parameter: never a 5xx.

The URLs come from the URL configuration itself (everything outside the editor), so a new
public page is fuzzed without touching this file. Which query parameters a page reads is
found by asking it: each known parameter alone, then all together, recording which ones
the view looks up. Each parameter read is then sent alone with hostile values of its kind
(dates, ids, numbers, search syntax, bytes that are not UTF-8): every value at the first
page reading it, a third of them at each later one; every page also gets the whole table
at once. Bounded: about two thousand requests.
"""

import re
from pathlib import Path
from urllib.parse import quote

import pytest
from django.http import QueryDict
from django.test import Client
from django.urls import NoReverseMatch, URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from agenda.api import oparl
from agenda.models import AgendaItem, Document, Meeting, Topic
from agenda.views.sitemaps import SITEMAPS
from committees.models import Committee, Membership, Person, Venue

REPO = Path(__file__).resolve().parents[3]

DATES = [
    "2024-13-01",
    "2023-02-31",
    "0000-01-01",
    "0001-01-01",
    "0001-01-01T00:00:00+01:00",
    "9999-12-31",
    "9999-12-31T23:59:59-01:00",
    "10000-01-01",
    "2024-05-01T25:61:00",
    "2024-05-01T00:00:00+25:00",
    "2024-05-01T00:00:00.99999999999",
    "2024-05-01 00:00:00 01:00",
    "yesterday",
    "",
]
NUMBERS = [
    "0",
    "-1",
    "1.5",
    "1e9",
    str(2**63),
    str(2**64),
    "9" * 40,
    "9" * 5000,
    "\u0661",  # ARABIC-INDIC DIGIT ONE: str.isdigit() says yes
    "\u00b2",  # SUPERSCRIPT TWO: isdigit() yes, int() no
    " 1",
    "",
]
TEXT = [
    '"',
    '"unclosed phrase',
    "-",
    "--library",
    "OR",
    "library OR OR parks",
    "( ) \\ % _ '",
    "<script>alert(1)</script>",
    "lib:* & !parks | <->",
    "x" * 5000,
    "café naïve",
    "\x00",
    "a\x00b",
]
# Raw query-string values: bytes that are not UTF-8 and escaped NULs.
RAW = ["%FF%FE", "%00", "%C0%AF"]
KIND = {
    "created_since": DATES,
    "created_until": DATES,
    "modified_since": DATES,
    "modified_until": DATES,
    "date_from": DATES,
    "date_to": DATES,
    "since": DATES,
    "until": DATES,
    "year": NUMBERS,
    "person": NUMBERS,
    "page": NUMBERS,
    "limit": NUMBERS,
}
# Every parameter the public site reads; a new one must be added here (see the test below).
PARAMETERS = [
    *KIND,
    "q",
    "type",
    "committee",
    "ward",
    "party",
    "document",
    "preview",
    "status",
]


# What the page is asked with to find whether it reads a parameter at all.
BENIGN = {name: "2024-05-01" for name in KIND if KIND[name] is DATES} | {
    "year": "2024",
    "page": "1",
    "limit": "10",
    "person": "1",
    "preview": "1",
}
ROWS = 8  # requests per page carrying every parameter at once


def values_for(name):
    return KIND.get(name, TEXT)


def public_patterns(resolver=None, prefix="", namespace=""):
    """(route, namespaced name, converters) for every URL outside the editor (admin)."""
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            if entry.app_name == "admin":
                continue
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from public_patterns(entry, prefix + str(entry.pattern), inner)
        elif isinstance(entry, URLPattern) and entry.name:
            route = prefix + str(entry.pattern)
            # A regular-expression route has no converters: its named groups are the arguments.
            converters = entry.pattern.converters or dict.fromkeys(entry.pattern.regex.groupindex)
            yield route, f"{namespace}{entry.name}", converters


def real_values(council):
    """Values each path argument takes for the fixture's public objects."""
    slugs = [
        *Meeting.objects.public().values_list("slug", flat=True),
        *Committee.objects.public().values_list("slug", flat=True),
        *Person.objects.public().values_list("slug", flat=True),
        *Topic.objects.values_list("slug", flat=True),
    ]
    ids = sorted(
        {
            *Meeting.objects.public().values_list("pk", flat=True),
            *AgendaItem.objects.public().values_list("pk", flat=True),
            *Document.objects.public().values_list("pk", flat=True),
            *Committee.objects.public().values_list("pk", flat=True),
            *Person.objects.public().values_list("pk", flat=True),
            *Membership.objects.public().values_list("pk", flat=True),
            *Venue.objects.values_list("pk", flat=True),
        }
    )
    today = timezone.localdate()
    document = Document.objects.public().first()
    return {
        "slug": slugs,
        "pk": ids,
        "year": [today.year],
        "month": [today.month],
        "filename": [document.download_name],
        "body": [oparl.BODY_ID],
        "section": list(SITEMAPS),
        "kind": ["committee", "ward", "topic"],
        "page": ["mgAi", "ieListDocuments"],  # old ModernGov addresses
    }


HOSTILE_PATH = {
    "int": [0, 2**31, 2**63 - 1, 2**63, 2**64, 10**40],
    "slug": ["no-such-thing", "x" * 2000, "-", "_"],
    "str": ["no-such-thing", "x" * 2000, "%00", "..%2F..%2Fsettings.py"],
}


def converter_kind(converter):
    return {"IntConverter": "int", "SlugConverter": "slug"}.get(type(converter).__name__, "str")


class RecordingQueryDict(QueryDict):
    """request.GET that notes which parameters a view looks up."""

    read = set()
    recording = False  # building the dict looks keys up too: not a read by the view

    def note(self, key):
        if self.recording:
            self.read.add(key)

    def __getitem__(self, key):
        self.note(key)
        return super().__getitem__(key)

    def getlist(self, key, default=None):
        self.note(key)
        return super().getlist(key, default)

    def __contains__(self, key):
        self.note(key)
        return super().__contains__(key)


def record_reads(get_response):
    def middleware(request):
        request.GET = RecordingQueryDict(request.META.get("QUERY_STRING", ""))
        request.GET.recording = True
        return get_response(request)

    return middleware


def first_working_path(client, name, converters, values):
    """A path for the pattern built from real values: the first that answers 200."""
    candidates = [{}]
    for argument in converters:
        candidates = [
            {**partial, argument: value}
            for partial in candidates
            for value in values.get(argument, ["x"])
        ]
    paths = [reverse(name, kwargs=kwargs) for kwargs in candidates[:60]]
    for path in paths:
        if client.get(path).status_code == 200:
            return path
    return paths[0]


def parameters_read(probe, path, benign):
    """The parameters the page at `path` looks up: each asked alone (a refusal of one hides
    no other), then all together (some are read only alongside another, as page with q)."""
    reads = set()
    for parameter in PARAMETERS:
        RecordingQueryDict.read = set()
        probe(f"{path}?{parameter}={benign.get(parameter, 'library')}")
        reads |= RecordingQueryDict.read & {parameter}
    RecordingQueryDict.read = set()
    probe(f"{path}?" + "&".join(f"{p}={benign.get(p, 'library')}" for p in PARAMETERS))
    return reads | (RecordingQueryDict.read & set(PARAMETERS))


def hostile_paths(name, converters, values):
    for argument, converter in converters.items():
        for bad in HOSTILE_PATH[converter_kind(converter)]:
            kwargs = {a: values.get(a, ["x"])[0] for a in converters}
            kwargs[argument] = bad
            try:
                yield reverse(name, kwargs=kwargs)
            except NoReverseMatch:
                continue  # the route's pattern cannot even spell it: the router answers 404


def query_strings(reads, covered, turn):
    """Each hostile value of each parameter, in full at the first page reading it; later
    pages reading the same parameter get every third value, a different third each turn."""
    for name in sorted(reads):
        table = [quote(value) for value in values_for(name)] + RAW
        if name in covered:
            table = table[turn % 3 :: 3]
        covered.add(name)
        for value in table:
            yield f"{name}={value}"
    # Everything at once, so a parameter read only alongside another is reached too.
    for row in range(ROWS):
        yield "&".join(
            f"{name}={quote(values_for(name)[row % len(values_for(name))])}" for name in PARAMETERS
        )


@pytest.mark.django_db
def test_no_public_url_or_parameter_gives_a_server_error(council, settings):
    settings.MIDDLEWARE = ["tests.agenda.find.test_params_fuzz.record_reads", *settings.MIDDLEWARE]
    # The views themselves are probed: a page answered from the page cache reads nothing.
    settings.PAGE_CACHE_SECONDS = 0
    client = Client(raise_request_exception=False)
    values = real_values(council)
    benign = {**BENIGN, "committee": council.area.slug}
    patterns = list(public_patterns())
    assert len(patterns) > 40
    failures, sent = [], 0

    def probe(url):
        nonlocal sent
        sent += 1
        response = client.get(url)
        if response.status_code >= 500:
            failures.append((response.status_code, url[:200]))
        return response

    covered = set()
    for turn, (_route, name, converters) in enumerate(patterns):
        path = first_working_path(client, name, converters, values)
        for bad_path in hostile_paths(name, converters, values):
            probe(bad_path)
        reads = parameters_read(probe, path, benign)
        for query in query_strings(reads, covered, turn):
            probe(f"{path}?{query}")
    print(f"{sent} requests, {len(failures)} server errors")
    assert not failures, f"{len(failures)} of {sent} requests failed: {failures[:20]}"
    assert sent < 4000  # a bound on the run time, not a target


def test_every_parameter_the_site_reads_is_fuzzed():
    """A parameter read by name anywhere outside the editor must be in PARAMETERS."""
    read = re.compile(r"""GET(?:\.get\(|\[|\.getlist\()\s*["'](\w+)["']""")
    helper = re.compile(r"""_param\(\s*[\w.]+,\s*["'](\w+)["']""")
    found = set()
    for folder in ("agenda", "committees", "minutes_site"):
        for source in (REPO / folder).rglob("*.py"):
            if "admin" in source.parts or "migrations" in source.parts:
                continue
            text = source.read_text()
            found |= set(read.findall(text)) | set(helper.findall(text))
    from agenda.api.base import DATE_FILTERS
    from agenda.views.search_forms import SearchForm

    found |= set(DATE_FILTERS) | set(SearchForm.base_fields)
    assert found <= set(PARAMETERS), found - set(PARAMETERS)
