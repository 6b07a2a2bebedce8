"""What a write retires: the tokens of the meetings it touched, their committees, the site.

`changed()` is called by the model signals (dependencies.py) for every write to a public
record, and by the publishing steps and the search room for what they change in bulk
(agenda.publishing.effects, agenda.search.indexing). Inside a transaction the new tokens
are given when it commits, once however many rows changed; a rolled-back transaction
changes no token. Outside one (and in tests, whose own transaction never commits) they are
given at once.
"""

import logging

from django.db import DEFAULT_DB_ALIAS, transaction

from agenda.caching import generations as g

logger = logging.getLogger(__name__)

# A write touching more meetings than this (a bulk load or delete) retires everything
# rather than writing a token per meeting.
MANY_MEETINGS = 200


class Changes:
    """What one transaction changed: meetings, committees, decisions, and whether the
    organisation (everything) did."""

    def __init__(self):
        self.meetings = set()
        self.through = {}  # model label -> pks of rows whose meetings are looked up at the end
        self.committees = set()
        self.decisions = set()
        self.org = False
        self.site = False
        self.done = False

    def add(self, *, meetings=(), through=None, committees=(), decisions=(), org=False, site=False):
        self.meetings.update(pk for pk in meetings if pk is not None)
        for label, pks in (through or {}).items():
            self.through.setdefault(label, set()).update(pk for pk in pks if pk is not None)
        self.committees.update(pk for pk in committees if pk is not None)
        self.decisions.update(pk for pk in decisions if pk is not None)
        self.org = self.org or org
        self.site = self.site or site or bool(self.meetings or self.through or self.committees)
        self.site = self.site or bool(self.decisions)

    def resolve(self):
        """The meetings of the rows named by key (one query per kind of row)."""
        from django.apps import apps

        from agenda.caching.dependencies import THROUGH

        if sum(len(pks) for pks in self.through.values()) > 50 * MANY_MEETINGS:
            self.org, self.through = True, {}  # a bulk write: everything, not a lookup
            return
        for label, pks in self.through.items():
            model = apps.get_model(label)
            for path in THROUGH[label]:
                rows = model._base_manager.filter(pk__in=pks).values_list(path, flat=True)
                self.meetings.update(pk for pk in rows.distinct() if pk is not None)
        self.through = {}

    def names(self):
        from agenda.models import Meeting

        self.resolve()
        if self.org or len(self.meetings) > MANY_MEETINGS:
            return {g.ORG, g.SITE}
        committees = set(self.committees)
        if self.meetings:
            committees.update(
                Meeting._base_manager.filter(pk__in=self.meetings).values_list(
                    "committee_id", flat=True
                )
            )
        names = {g.meeting_key(pk) for pk in self.meetings}
        names |= {g.committee_key(pk) for pk in committees}
        names |= {g.decision_key(pk) for pk in self.decisions}
        if self.site or names:
            names.add(g.SITE)
        return names

    def __call__(self):
        self.done = True
        try:
            g.bump(self.names())
        except Exception:  # a cache that is down must not fail the write that committed
            logger.exception("Could not retire cached pages (the cache is unreachable?)")


def _in_real_transaction(connection):
    """Inside a transaction that will commit (not only a test case's own wrapping)."""
    if not connection.in_atomic_block:
        return False
    blocks = getattr(connection, "atomic_blocks", [])
    return not (blocks and getattr(blocks[0], "_from_testcase", False))


def changed(
    *,
    meetings=(),
    through=None,
    committees=(),
    decisions=(),
    org=False,
    site=False,
    using=None,
):
    """Retire the cached pages that show these (when the transaction commits). `through`:
    {model label: pks} of rows whose meetings are looked up then (dependencies.THROUGH)."""
    connection = transaction.get_connection(using or DEFAULT_DB_ALIAS)
    kwargs = {
        "meetings": meetings,
        "through": through,
        "committees": committees,
        "decisions": decisions,
        "org": org,
        "site": site,
    }
    if not _in_real_transaction(connection):
        changes = Changes()
        changes.add(**kwargs)
        changes()
        return
    current = set(connection.savepoint_ids)
    for savepoints, waiting, *_robust in connection.run_on_commit:
        # One per transaction: only a callback that commits with this write may take it.
        if isinstance(waiting, Changes) and not waiting.done and savepoints <= current:
            waiting.add(**kwargs)
            return
    changes = Changes()
    changes.add(**kwargs)
    transaction.on_commit(changes, using=using)


def meeting_changed(*meetings):
    """A step changed what these meetings show (including writes that send no signal)."""
    changed(meetings=[getattr(m, "pk", m) for m in meetings])


def site_changed():
    """Something every site-wide page may show changed (the search index)."""
    changed(site=True)
