"""The search room keeps its index in step by itself, the way Wagtail's search signal
handlers do: a save or delete of a meeting, an item, its recommendations or resolutions,
or a document marks that meeting; when the transaction commits, each marked meeting is
re-indexed once (however many rows changed), through `.public()` only.

Connected in AgendaConfig.ready(). The publishing steps also refresh inside their own
transaction (agenda.publishing.effects), so a publication is searchable at once; this
catches every other write (the editor, loaders, the shell). Committees: their own entry.
"""

from django.db import transaction
from django.db.models.signals import post_delete, post_save


class Refresh:
    """An on-commit refresh of one meeting's (or committee's) entries. While one is waiting
    in the transaction, further writes to the same meeting add nothing; a rolled-back
    savepoint drops its callbacks, and with them this dedupe."""

    def __init__(self, kind, key, instance=None):
        self.kind, self.key, self.instance = kind, key, instance
        self.done = False

    def __call__(self):
        from agenda.search.indexing import refresh_search_for_committee, refresh_search_for_meetings

        self.done = True
        if self.kind == "meeting":
            refresh_search_for_meetings([self.key])
        else:
            refresh_search_for_committee(self.instance)


def _meeting_id(instance):
    from agenda.models import AgendaItem, Meeting

    if isinstance(instance, Meeting):
        return instance.pk
    if hasattr(instance, "meeting_id"):
        return instance.meeting_id
    item_id = getattr(instance, "item_id", None)
    if item_id is None:
        return None
    return AgendaItem._base_manager.filter(pk=item_id).values_list("meeting_id", flat=True).first()


def _mark(kind, key, using, instance=None):
    """Refresh `key` when the current transaction commits (at once outside one)."""
    if key is None:
        return
    from agenda.search.indexing import note_refresh

    if kind == "meeting" and note_refresh([key]):
        return  # an import: each meeting is re-indexed once, afterwards
    connection = transaction.get_connection(using)
    if connection.in_atomic_block:
        for _savepoints, waiting, *_robust in connection.run_on_commit:
            same = isinstance(waiting, Refresh) and (waiting.kind, waiting.key) == (kind, key)
            if same and not waiting.done:
                return
    transaction.on_commit(Refresh(kind, key, instance), using=using)


# Item fields that are minutes, or not indexed at all: the index reads the minutes only once
# they are public (indexing.item_entry), so while they are not, a save of only these fields
# (the meeting console writes them as the meeting runs) cannot change the index.
MINUTES_ONLY_FIELDS = frozenset(
    {"minutes_text", "console_minutes", "started_at", "ended_at", "version", "updated_at"}
)


def _minutes_only(sender, instance, kwargs):
    """Whether this write touches only minutes-level content (a resolution, or an item's
    minutes fields named in update_fields)."""
    from agenda.models import AgendaItem, Resolution

    if sender is Resolution:
        return True
    fields = kwargs.get("update_fields")
    return sender is AgendaItem and fields is not None and set(fields) <= MINUTES_ONLY_FIELDS


def _minutes_public(meeting_id):
    from agenda.models import Meeting

    return Meeting._base_manager.filter(
        pk=meeting_id, minutes_status__in=Meeting.PUBLIC_MINUTES_STATES
    ).exists()


def meeting_changed(sender, instance, using, **kwargs):
    if kwargs.get("raw"):
        return  # fixtures being loaded: rebuild_search_index follows
    meeting_id = _meeting_id(instance)
    minutes_only = meeting_id is not None and _minutes_only(sender, instance, kwargs)
    if minutes_only and not _minutes_public(meeting_id):
        return  # minutes not public: not in the index, nothing to refresh
    _mark("meeting", meeting_id, using)


def committee_changed(sender, instance, using, **kwargs):
    if kwargs.get("raw"):
        return
    _mark("committee", instance.pk, using, instance)


def connect():
    from agenda.models import AgendaItem, Document, Meeting, Recommendation, Resolution
    from committees.models import Committee

    for model in (Meeting, AgendaItem, Recommendation, Resolution, Document):
        uid = f"minutebook-search-{model._meta.model_name}"
        post_save.connect(meeting_changed, sender=model, dispatch_uid=f"{uid}-save")
        post_delete.connect(meeting_changed, sender=model, dispatch_uid=f"{uid}-delete")
    post_save.connect(committee_changed, sender=Committee, dispatch_uid="minutebook-search-c")
    post_delete.connect(committee_changed, sender=Committee, dispatch_uid="minutebook-search-cd")
