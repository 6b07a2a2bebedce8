"""The lock on the record, written once and used by every model of the minuted record.

- Once a meeting's minutes are approved (its *stored* `minutes_status`), no row of its
  record changes, is added or is deleted: meeting times, attendance, declarations, items and
  their order, titles, texts, recommendations, resolutions, actions as minuted. Corrections
  are errata (the `record_erratum` step); only follow-up (an action's progress) and
  bookkeeping stay editable (`Lock.editable`).
- An item on a published agenda is never deleted nor moved to another meeting: it is
  withdrawn with a public note (the `withdraw_item` step).
- What the public may see of a published item or document (`Lock.guarded`: exempt,
  withdrawn) changes only inside a publishing step, which re-renders and re-indexes.

The rule holds for `save()`/`delete()` (the `LockedRecord` mixin) and for QuerySet
`update()`/`delete()`/`bulk_create()`/`bulk_update()` (`LockedQuerySet`). The publishing
steps open exactly the fields they write with `opened(...)`; nothing else does.
"""

import contextvars
from contextlib import contextmanager
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import models

from committees.richtext import RichTextField, sanitise_html

APPROVED = "approved"  # Meeting.MinutesStatus.APPROVED (meetings.py imports this module)
PUBLIC_AGENDA = ("published", "supplement_published")

LOCKED_MESSAGE = (
    "The minutes of %(meeting)s were approved as a correct record and cannot be changed. "
    "Record an erratum instead."
)
ADD_MESSAGE = (
    "The minutes of %(meeting)s were approved as a correct record: nothing can be added to "
    "them. Record an erratum instead."
)
ITEM_DELETE_MESSAGE = (
    "Item %(item)s is on the published agenda of %(meeting)s, so it cannot be deleted or "
    "moved: withdraw it instead, with a public note."
)
MEETING_DELETE_MESSAGE = (
    "The agenda of %(meeting)s has been published, so the meeting cannot be deleted: "
    "cancel or postpone it instead."
)
GUARDED_MESSAGE = (
    "%(what)s is published: making it exempt (or public again) or withdrawing it is a "
    "publishing step, so the printed copies, search and caches follow. Use the step "
    "instead of editing the field."
)

# Fields a publishing step has opened for writing, as "model_name.field" (see `opened`).
_opened = contextvars.ContextVar("minutebook_opened_fields", default=frozenset())


@contextmanager
def opened(*fields):
    """Let the enclosed code write `fields` ("agendaitem.is_exempt", ...) on locked or
    published rows. Only the publishing steps use this, for the fields they set."""
    token = _opened.set(_opened.get() | frozenset(fields))
    try:
        yield
    finally:
        _opened.reset(token)


class RecordLocked(ValidationError):
    """A write the lock refuses; carries a sentence a clerk can act on."""


@dataclass(frozen=True)
class Lock:
    """How one model is locked. `meeting`: the lookup from the model to its meeting
    ("" for Meeting itself). `editable`: fields never locked. `guarded`: fields that change
    on a published row only through a step. `published`: the field saying a row is
    published (items: on the published agenda, so never deleted or moved)."""

    meeting: str
    editable: frozenset = frozenset()
    guarded: frozenset = frozenset()
    published: str = ""
    kept: bool = False  # True: a published row is never deleted or moved (items)
    minuted: bool = True  # False: not part of the minuted record (documents)
    # The sentences for a guarded change and for deleting a kept row (params: what; item,
    # meeting), so each kind of record is refused in its own words.
    guarded_message: str = GUARDED_MESSAGE
    kept_message: str = ITEM_DELETE_MESSAGE

    def path(self, name):
        return f"{self.meeting}__{name}" if self.meeting else name


EVERYTHING = "*"


@contextmanager
def rebuilding_fiction():
    """Open the whole record: only for the demo loader, which re-anchors a fictional
    council to today's date (its approved minutes move with it). Never for real data."""
    with opened(EVERYTHING):
        yield


def _all_open():
    return EVERYTHING in _opened.get()


def _label(model):
    return model._meta.model_name


def _open_fields(model):
    prefix = _label(model) + "."
    return {name[len(prefix) :] for name in _opened.get() if name.startswith(prefix)}


def _meeting(pk):
    from agenda.models.meetings import Meeting

    return Meeting.objects.select_related("committee").filter(pk=pk).first()


def _compare_value(field, value):
    if isinstance(field, RichTextField) and isinstance(value, str):
        return sanitise_html(value)
    return value


def _record_fields(model):
    return [field for field in model._meta.concrete_fields if not field.primary_key]


def _refuse(message, **params):
    raise RecordLocked(message, params=params, code="locked")


def _is_locked(meeting_id):
    from agenda.models.meetings import Meeting

    return (
        meeting_id is not None
        and Meeting._base_manager.filter(pk=meeting_id, minutes_status=APPROVED).exists()
    )


def _meeting_id_of(instance):
    """The meeting an unsaved or edited row belongs to, as it is in memory."""
    lock = instance.record_lock
    if not lock.meeting:
        return instance.pk
    first, _, rest = lock.meeting.partition("__")
    if not rest:
        return getattr(instance, f"{first}_id", None)
    parent_id = getattr(instance, f"{first}_id", None)
    if parent_id is None:
        return None
    parent_model = instance._meta.get_field(first).related_model
    return (
        parent_model._base_manager.filter(pk=parent_id)
        .values_list(f"{rest}_id" if "__" not in rest else rest, flat=True)
        .first()
    )


def _meeting_ids_of(instances):
    """The meetings of many unsaved rows of one model, in one query at most."""
    lock = instances[0].record_lock
    first, _, rest = lock.meeting.partition("__")
    parents = {getattr(instance, f"{first}_id", None) for instance in instances} - {None}
    if not rest:
        return parents
    parent_model = instances[0]._meta.get_field(first).related_model
    path = f"{rest}_id" if "__" not in rest else rest
    return set(parent_model._base_manager.filter(pk__in=parents).values_list(path, flat=True))


def check_save(instance):
    """Raise RecordLocked if saving `instance` would change a locked or guarded field."""
    model, lock = type(instance), instance.record_lock
    if _all_open():
        return
    opened_here = _open_fields(model)
    if instance._state.adding or instance.pk is None:
        if lock.minuted and lock.meeting and _is_locked(_meeting_id_of(instance)):
            _refuse(ADD_MESSAGE, meeting=_meeting(_meeting_id_of(instance)))
        return
    fields = _record_fields(model)
    names = [field.attname for field in fields]
    extra = {
        "_locked_status": models.F(lock.path("minutes_status")),
        "_locked_meeting": models.F(lock.path("id")),
    }
    stored = model._base_manager.filter(pk=instance.pk).values(*names, **extra).first()
    if stored is None:
        return
    status = stored["_locked_status"]
    changed = {
        field.name
        for field in fields
        if _compare_value(field, getattr(instance, field.attname)) != stored[field.attname]
    } - opened_here
    if lock.minuted and status == APPROVED and changed - lock.editable:
        _refuse(LOCKED_MESSAGE, meeting=_meeting(stored["_locked_meeting"]))
    if lock.minuted and lock.meeting and changed & {lock.meeting.split("__")[0]}:
        # Moved into another meeting: that one must not be locked either.
        target = _meeting_id_of(instance)
        if _is_locked(target):
            _refuse(ADD_MESSAGE, meeting=_meeting(target))
    published = lock.published and stored[model._meta.get_field(lock.published).attname]
    if published and changed & lock.guarded:
        _refuse(lock.guarded_message, what=f"“{instance}”")
    if published and lock.kept and "meeting" in changed:
        _refuse(lock.kept_message, item=instance, meeting=_meeting(stored["meeting_id"]))


def check_delete(instance):
    """Raise RecordLocked if `instance` may not be deleted."""
    type(instance)._default_manager.filter(pk=instance.pk).refuse_delete()


class LockedQuerySet(models.QuerySet):
    """QuerySet writes that respect the lock: refused (nothing written) if any row they
    touch is locked."""

    def _lock(self):
        return self.model.record_lock

    def _locked_rows(self):
        lock = self._lock()
        return (
            self.filter(**{lock.path("minutes_status"): APPROVED}) if lock.minuted else self.none()
        )

    def _first_locked_meeting(self, rows):
        lock = self._lock()
        return _meeting(rows.values_list(lock.path("id"), flat=True)[0])

    def refuse_delete(self):
        """Raise RecordLocked if deleting these rows would delete part of the record."""
        lock = self._lock()
        if _all_open():
            return
        rows = self._chain()
        locked = rows._locked_rows()
        if locked.exists():
            _refuse(LOCKED_MESSAGE, meeting=self._first_locked_meeting(locked))
        if not lock.meeting and lock.minuted:  # meetings: not once the agenda is out
            public = rows.filter(agenda_status__in=PUBLIC_AGENDA).first()
            if public is not None:
                _refuse(MEETING_DELETE_MESSAGE, meeting=public)
        if lock.kept:
            published = rows.filter(**{f"{lock.published}__isnull": False}).first()
            if published is not None:
                _refuse(lock.kept_message, item=published, meeting=_meeting(published.meeting_id))

    def delete_refusal(self):
        """The sentence explaining why these rows cannot be deleted, or None."""
        try:
            self.refuse_delete()
        except RecordLocked as error:
            return " ".join(error.messages)
        return None

    def delete(self):
        self.refuse_delete()
        return super().delete()

    def _refuse_fields(self, fields, rows):
        lock = self._lock()
        if _all_open():
            return
        names = {self.model._meta.get_field(name).name for name in fields}
        names -= _open_fields(self.model)
        if names - lock.editable:
            locked = rows._locked_rows()
            if locked.exists():
                _refuse(LOCKED_MESSAGE, meeting=self._first_locked_meeting(locked))
        guarded = lock.guarded | ({"meeting"} if lock.kept else set())
        if lock.published and names & guarded:
            published = rows.filter(**{f"{lock.published}__isnull": False}).first()
            if published is not None:
                _refuse(lock.guarded_message, what=f"“{published}”")

    def update(self, **kwargs):
        self._refuse_fields(kwargs, self._chain())
        return super().update(**kwargs)

    def bulk_update(self, objs, fields, batch_size=None):
        objs = list(objs)
        self._refuse_fields(fields, self.model._default_manager.filter(pk__in=[o.pk for o in objs]))
        return super().bulk_update(objs, fields, batch_size=batch_size)

    def _refuse_adding(self, objs):
        """Raise RecordLocked if any of these new rows would join approved minutes."""
        lock = self._lock()
        if lock.minuted and lock.meeting and not _all_open() and objs:
            from agenda.models.meetings import Meeting

            locked = (
                Meeting._base_manager.filter(pk__in=_meeting_ids_of(objs), minutes_status=APPROVED)
                .values_list("pk", flat=True)
                .first()
            )
            if locked is not None:
                _refuse(ADD_MESSAGE, meeting=_meeting(locked))

    def bulk_create(self, objs, *args, **kwargs):
        objs = list(objs)
        self._refuse_adding(objs)
        return super().bulk_create(objs, *args, **kwargs)

    def bulk_add(self, objs, *, batch_size=500):
        """New rows in one insert and one for their history (imports), the lock asked
        once. `prepare_new` fills in what `save()` would have; returns the rows, saved."""
        from simple_history.utils import bulk_create_with_history

        objs = list(objs)
        if not objs:
            return []
        self._refuse_adding(objs)  # before the insert's own transaction is opened
        self.prepare_new(objs)
        return bulk_create_with_history(objs, self.model, batch_size=batch_size)

    def prepare_new(self, objs):
        """What `save()` would set on these unsaved rows (models with a save() of their
        own override this)."""


class LockedRecord(models.Model):
    """A model of the record: `save()`, `delete()` and `clean()` ask the lock first.
    Subclasses set `record_lock` (a Lock) and use a LockedQuerySet manager."""

    record_lock = Lock(meeting="meeting")

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        check_save(self)
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        check_delete(self)
        return super().delete(*args, **kwargs)

    def clean(self):
        super().clean()
        if (self.pk is None or self._state.adding) and _meeting_id_of(self) is None:
            return  # no meeting chosen yet: the form says so
        check_save(self)


def refuse_locked_m2m(sender, instance, action, reverse, model, pk_set, **kwargs):
    """m2m_changed receiver: the wards an approved item affected are part of its record."""
    if not action.startswith("pre_") or _all_open():
        return
    from agenda.models.items import AgendaItem

    items = [instance.pk] if not reverse else list(pk_set or ())
    if reverse and action == "pre_clear":
        items = list(instance.items.values_list("pk", flat=True))
    locked = AgendaItem._default_manager.filter(pk__in=items)._locked_rows()
    if "agendaitem.wards_affected" not in _opened.get() and locked.exists():
        _refuse(LOCKED_MESSAGE, meeting=_meeting(locked.values_list("meeting_id", flat=True)[0]))
