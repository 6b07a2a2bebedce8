"""Three-way merge of an editor form: what the page was opened with (the base), what is
stored now (theirs) and what the user submitted (yours).

A save is refused only when the user changed something and someone else changed a field
on the same page meanwhile. The refused form then shows the other person's values in every
field the user did not touch, the user's typed values where they did, and, beside each field
both changed, what the other person saved. Its base moves to what is stored now, so saving
again keeps both people's work and overwrites theirs only where the user chose to.
"""

import datetime
import decimal
import json

from django import forms
from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.files.uploadedfile import UploadedFile
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.forms.models import model_to_dict
from django.utils import timezone
from django.utils.text import capfirst

from committees.richtext import html_to_text


def plain(value):
    """A value reduced to what JSON can hold, equal for equal field values however they
    arrived (model instance or pk, aware datetime in any zone, file or its name)."""
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, models.QuerySet | list | tuple | set):
        return sorted((plain(v) for v in value), key=str)
    if isinstance(value, UploadedFile):
        return f"(new file) {value.name}"
    if isinstance(value, File):
        return value.name or ""
    if isinstance(value, datetime.datetime):
        if timezone.is_aware(value):
            value = value.astimezone(datetime.UTC)
        return value.isoformat()
    if isinstance(value, datetime.date | datetime.time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return str(value)
    if value is None:
        return ""
    return json.loads(json.dumps(value, cls=DjangoJSONEncoder))


def snapshot(instance, names):
    """The stored values of `names` on `instance`, as `plain` values."""
    values = model_to_dict(instance, fields=names)
    return {name: plain(values.get(name)) for name in names}


def shown(value, limit=160):
    """A value as a clerk reads it in a message: rich text as text, short."""
    text = html_to_text(value) if isinstance(value, str) else str(value)
    text = " ".join(text.split()) or "(empty)"
    return text if len(text) <= limit else text[: limit - 1] + "…"


def put_value(form, name, value, data):
    """Write `value` into the POST `data` of `form` as its widget would have sent it, so
    the re-rendered form shows it."""
    field = form.fields[name]
    widget = field.widget
    key = form.add_prefix(name)
    inner = getattr(widget, "widget", widget)  # the admin wraps related-field widgets
    if isinstance(inner, forms.FileInput):
        return  # a file cannot be put back into a form; the stored one stays
    if isinstance(inner, forms.MultiWidget):
        parts = inner.decompress(value)
        for index, (sub, part) in enumerate(zip(inner.widgets, parts, strict=False)):
            data[f"{key}_{index}"] = sub.format_value(part) or ""
        return
    if isinstance(inner, forms.CheckboxInput):
        if value:
            data[key] = "on"
        else:
            data.pop(key, None)
        return
    if isinstance(inner, forms.SelectMultiple):
        data.setlist(key, [str(plain(v)) for v in (value or [])])
        return
    prepared = field.prepare_value(value)
    formatted = inner.format_value(prepared)
    if isinstance(formatted, list):  # choice widgets give their selected values as a list
        formatted = formatted[0] if formatted else ""
    data[key] = "" if formatted is None else str(formatted)


class MergingForm(forms.ModelForm):
    """Shared by the object form and the inline row forms; subclasses say how the base is
    carried (`base_values`) and whether the row moved on (`is_stale`)."""

    opened_version = forms.CharField(widget=forms.HiddenInput, required=False)

    # Filled in by clean(): the fields this user changed, and the refusal's details.
    mine = None
    theirs = ()
    conflict = ()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The row as loaded, to tell the columns this form's cleaning set (a new file's
        # size and format) from those merely loaded before the lock.
        self._loaded = {
            f.attname: getattr(self.instance, f.attname)
            for f in self._meta.model._meta.concrete_fields
        }

    def merge_names(self):
        """The model fields this form edits."""
        model_fields = {f.name for f in self._meta.model._meta.get_fields()}
        return [name for name in self.fields if name in model_fields and name != "id"]

    def base_values(self, stored, names):
        """The values of `names` as the page was opened, or None if unknown."""
        raise NotImplementedError

    def current_token(self, stored):
        """What `opened_version` becomes once the user has seen `stored`."""
        raise NotImplementedError

    def who_saved(self, stored):
        history = getattr(stored, "history", None)
        latest = history.order_by("-history_date").first() if history is not None else None
        return getattr(latest, "history_user", None)

    @property
    def changed_data(self):
        # Once merged, "changed" means changed by this user: a stale value sent back for a
        # field someone else edited is not this user's change and is never saved.
        if self.mine is not None:
            return self.mine
        return super().changed_data

    def has_changed(self):
        return bool(self.changed_data)

    def merge(self, cleaned):
        """Compare base, stored and submitted values; refuse a save that would overwrite a
        change this user has not seen."""
        if not self.instance.pk:
            return cleaned
        model = type(self.instance)
        # Lock the row until this save commits, so two saves cannot both pass the check.
        stored = (
            model._default_manager.select_for_update()
            .filter(pk=self.instance.pk)
            .order_by("pk")
            .first()
        )
        if stored is None:
            return cleaned
        names = [name for name in self.merge_names() if name in cleaned]
        base = self.base_values(stored, names)
        if base is None:
            return cleaned  # no base known (a page older than this check): plain save
        current = snapshot(stored, names)
        base = {**current, **base}  # a field the base does not record: judged as stored now
        typed = {name: plain(cleaned[name]) for name in names}
        mine = [name for name in names if typed[name] != base[name]]
        theirs = [name for name in names if current[name] != base[name]]
        self.mine, self.theirs = mine, theirs
        # Columns this form does not show are written as stored now, never from a copy
        # loaded before the lock.
        for field in model._meta.concrete_fields:
            name = field.attname
            untouched = getattr(self.instance, name) == self._loaded.get(name)
            if field.name not in names and not field.primary_key and untouched:
                setattr(self.instance, name, getattr(stored, name))
        if not theirs:
            return cleaned
        data = self.data.copy()
        stored_values = model_to_dict(stored, fields=theirs)
        for name in theirs:
            if name not in mine:
                put_value(self, name, stored_values.get(name), data)
        data[self.add_prefix("opened_version")] = self.current_token(stored)
        self.data = data
        self.conflict = [
            (
                self.label_of(name),
                self.describe(name, base[name]),
                self.describe(name, current[name]),
            )
            for name in theirs
        ]
        if not mine:
            return cleaned  # nothing of this user's to save here; the page now shows theirs
        for name in theirs:
            if name in mine and typed[name] != current[name]:
                self.add_error(
                    name,
                    ValidationError(
                        "%(who)s saved “%(theirs)s” here. Your text is in the box: keep "
                        "it, or merge the two, then save again.",
                        params={
                            "who": self.who_saved(stored) or "Someone else",
                            "theirs": self.describe(name, current[name], 300),
                        },
                        code="conflict",
                    ),
                )
        what = "; ".join(f"{label}: “{old}” → “{new}”" for label, old, new in self.conflict)
        raise ValidationError(
            "Not saved: %(who)s saved this %(thing)s after you opened it. Their changes: "
            "%(what)s. Your version is still in the form below: merge it with theirs "
            "and save again.",
            params={
                "who": self.who_saved(stored) or "someone else",
                "thing": model._meta.verbose_name,
                "what": what,
            },
            code="conflict",
        )

    def label_of(self, name):
        return capfirst(str(self.fields[name].label or name))

    def describe(self, name, value, limit=160):
        """A `plain` value as the clerk knows it: the choice's label, the person's name,
        the local date and time, rich text as text."""
        field = self._meta.model._meta.get_field(name)
        if value in ("", None, []):
            return "(empty)"
        if isinstance(value, bool):
            return "yes" if value else "no"
        if getattr(field, "flatchoices", None):
            value = dict(field.flatchoices).get(value, value)
        elif field.is_relation:
            related = field.related_model._default_manager.filter(
                pk__in=value if isinstance(value, list) else [value]
            )
            value = ", ".join(str(obj) for obj in related) or "(deleted)"
        elif isinstance(field, models.DateTimeField):
            moment = datetime.datetime.fromisoformat(value)
            value = f"{timezone.localtime(moment):%d %b %Y %H:%M}"
        return shown(value, limit)
