"""Reading websearch-style input: words (all must match), "quoted phrases", -exclusions
and OR, as PostgreSQL's websearch_to_tsquery reads them."""

import re
from dataclasses import dataclass, field

# Each match: (minus before a phrase, phrase, minus before a word, word).
TOKEN = re.compile(r'(-?)"([^"]+)"|(-?)(\S+)')


@dataclass
class ParsedQuery:
    """The parts of a websearch-style query: for the simple (non-PostgreSQL) path, and the
    anchor of PostgreSQL's snippets."""

    terms: list = field(default_factory=list)
    excluded: list = field(default_factory=list)

    @property
    def is_empty(self):
        return not self.terms


def parse_query(text):
    parsed = ParsedQuery()
    for minus_phrase, phrase, minus_word, word in TOKEN.findall(text or ""):
        term = (phrase or word).strip().strip('"')
        if not term or term.lower() == "or":
            continue
        (parsed.excluded if (minus_phrase or minus_word) else parsed.terms).append(term)
    return parsed
