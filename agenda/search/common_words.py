"""Leaving a search's commonest words to the row check, not the index.

"Council" is in nine records of ten. Asking the GIN index for "council & tax" makes it
walk the whole posting list of "council" to narrow "tax" by almost nothing: that took
three times as long as asking for "tax" alone. So the index is asked for the query less
its common words (those in at least COMMON_SHARE of entries, by PostgreSQL's own column
statistics), and each row it returns is checked against the whole query. Dropping a
word from an AND only widens what the index returns, so results are the same; a query
with OR, or nothing left to ask for, is sent whole."""

import time

import snowballstemmer
from django.db import connection

from agenda.models import SearchEntry
from agenda.search.parsing import TOKEN

COMMON_SHARE = 0.2
STATISTICS_MAX_AGE = 600  # seconds; ANALYZE refreshes the figures far less often
_stemmer = snowballstemmer.stemmer("english")  # the algorithm of PostgreSQL's english_stem
_statistics = {"read_at": None, "shares": {}}


def lexeme_shares():
    """{lexeme: share of index entries holding it} for the most common lexemes, from
    pg_stats (filled by ANALYZE), read at most every STATISTICS_MAX_AGE seconds."""
    now = time.monotonic()
    read_at = _statistics["read_at"]
    if read_at is None or now - read_at > STATISTICS_MAX_AGE:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT most_common_elems::text::text[], most_common_elem_freqs "
                "FROM pg_stats WHERE schemaname = current_schema() "
                "AND tablename = %s AND attname = 'vector'",
                [SearchEntry._meta.db_table],
            )
            row = cursor.fetchone()
        # The frequencies list ends with three summary figures: zip() leaves them out.
        _statistics["shares"] = dict(zip(row[0], row[1], strict=False)) if row and row[0] else {}
        _statistics["read_at"] = now
    return _statistics["shares"]


def index_text(text, shares):
    """The websearch text to ask the index for: `text` less its common single words
    (but never all of them: the rarest positive word stays) and less its exclusions.
    Returns `text` itself when nothing can be left out."""
    tokens = TOKEN.findall(text or "")
    if not shares or any(word.lower() == "or" for _m, _p, _mw, word in tokens):
        return text
    phrases = [phrase for minus, phrase, _mw, _w in tokens if phrase and not minus]
    words = [word for _mp, _p, minus, word in tokens if word and not minus]
    share = {word: shares.get(_stemmer.stemWord(word.lower()), 0.0) for word in words}
    kept = [word for word in words if share[word] < COMMON_SHARE]
    if not kept and not phrases and words:
        kept = [min(words, key=share.get)]
    if not kept and not phrases:
        return text
    excluded = any(minus_phrase or minus_word for minus_phrase, _p, minus_word, _w in tokens)
    if len(kept) == len(words) and not excluded:
        return text
    return " ".join([f'"{phrase}"' for phrase in phrases] + kept)
