"""Idempotent writes for the demo loader: save a row only when something really differs.

`update_or_create` always saves, which would add a history row and touch `updated_at` on
every run; the demo must change nothing when run twice on the same day.
"""

import hashlib
from contextlib import contextmanager

from django.core.files.base import ContentFile
from django.db import models

from committees.richtext import RichTextField, sanitise_html


def _normalise(field, value):
    if isinstance(field, RichTextField):
        return sanitise_html(value)
    if isinstance(value, models.Model):
        return value.pk
    return value


class RowCache:
    """Every existing row of a model, keyed by one lookup's fields: one query per model and
    lookup shape instead of one per row (a rerun would otherwise run ~2,000 queries)."""

    def __init__(self):
        self._tables = {}

    def _key(self, model, lookup):
        return tuple(_normalise(model._meta.get_field(k), lookup[k]) for k in sorted(lookup))

    def _table(self, model, lookup):
        names = tuple(sorted(lookup))
        if (model, names) not in self._tables:
            attnames = [model._meta.get_field(name).attname for name in names]
            self._tables[model, names] = {
                tuple(getattr(obj, a) for a in attnames): obj
                for obj in model._default_manager.all()
            }
        return self._tables[model, names]

    def get(self, model, lookup):
        return self._table(model, lookup).get(self._key(model, lookup))

    def add(self, model, lookup, obj):
        self._table(model, lookup)[self._key(model, lookup)] = obj


_cache = None


@contextmanager
def cached_rows():
    """Within this block, `upsert` finds existing rows in memory."""
    global _cache
    _cache = RowCache()
    try:
        yield
    finally:
        _cache = None


def _find(model, lookup):
    if _cache is None:
        return model._default_manager.filter(**lookup).first()
    return _cache.get(model, lookup)


def upsert(model, lookup, **values):
    """Return the row matching `lookup`, created or brought up to date with `values`."""
    obj = _find(model, lookup)
    if obj is None:
        obj = model(**lookup, **values)
        obj.save()
        if _cache is not None:
            _cache.add(model, lookup, obj)
        return obj
    changed = False
    for name, value in values.items():
        field = model._meta.get_field(name)
        current = getattr(obj, field.attname)
        if current != _normalise(field, value):
            setattr(obj, name, value)
            changed = True
    if changed:
        obj.save()
    return obj


def upsert_file(document, content, filename):
    """Attach `content` to a document unless the stored file already has that hash."""
    digest = hashlib.sha256(content).hexdigest()
    if document.sha256 == digest and document.file:
        return False
    old_name = document.file.name if document.file else ""
    document.file = ContentFile(content, name=filename)
    document.sha256 = ""  # measured again on save
    document.original_filename = filename
    document.save()
    if old_name and old_name != document.file.name:
        document.file.storage.delete(old_name)
    return True


def upsert_document(model, lookup, content, filename, **values):
    """A document row with its file: created with the file in one save, or updated."""
    obj = _find(model, lookup)
    if obj is None:
        obj = model(**lookup, **values, original_filename=filename)
        obj.file = ContentFile(content, name=filename)
        obj.save()
        if _cache is not None:
            _cache.add(model, lookup, obj)
        return obj
    obj = upsert(model, lookup, **values)
    upsert_file(obj, content, filename)
    return obj
