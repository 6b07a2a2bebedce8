"""The page cache: anonymous GETs of public pages served from Django's cache, invalidated
exactly (docs/caching.md).

Every cached page is stored with the generation tokens of what it shows: the "org" token
(the organisation: committees, people, places, settings rows), the "site" token on pages
that list or search the whole site, a committee's token on its own pages, and one token per
meeting whose rows the page loaded (recorded while it rendered, dependencies.py). A write
to a meeting's record - a publication, supplement, erratum, withdrawal, date move, exempt
toggle, replaced document - gives that meeting, its committee and the site new tokens
(invalidation.py) and so retires exactly the pages that showed it; other meetings' pages
stay cached. The middleware (middleware.py) answers from the cache, with ETag and
Last-Modified, and never for a signed-in user or the editor.

This room sits below the publishing and search rooms (which tell it what changed) and
above the models it reads.
"""
