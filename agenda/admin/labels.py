"""Every input of the editor has an accessible name (WCAG 2.2: label, select-name).

The admin's tabular inlines put a field's name only in the column heading, and split date
and time inputs share one <label> pointing at neither; screen readers then announce a bare
"edit text". Each input gets an `aria-label` naming its field (and row); the widgets drawn
by script (select2, the rich-text editor) take their name from these in
static/agenda/js/editor-a11y.js.
"""

from django import forms
from django.utils.text import capfirst

# Widgets whose inputs each carry their own visible label (a radio's choice): leave them.
SELF_LABELLED = (forms.RadioSelect, forms.CheckboxSelectMultiple)


def _part_name(widget, index):
    if isinstance(widget, forms.DateInput):
        return "date"
    if isinstance(widget, forms.TimeInput):
        return "time"
    return f"part {index + 1}"


def name_widget(field, name):
    """Give the input(s) of form `field` the accessible `name`."""
    widget = field.widget
    inner = getattr(widget, "widget", widget)  # the admin wraps related-field widgets
    if isinstance(inner, SELF_LABELLED) or inner.is_hidden:
        return
    if isinstance(inner, forms.MultiWidget):
        for index, sub in enumerate(inner.widgets):
            sub.attrs["aria-label"] = f"{name}: {_part_name(sub, index)}"
        return
    inner.attrs["aria-label"] = name


class NamedSplitInputsMixin:
    """For a ModelAdmin: split date/time inputs named "Starts: date", "Starts: time"."""

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        inner = getattr(getattr(field, "widget", None), "widget", getattr(field, "widget", None))
        if isinstance(inner, forms.MultiWidget):
            name_widget(field, capfirst(str(field.label or db_field.verbose_name)))
        return field


class LabelledFormSet(forms.BaseInlineFormSet):
    """An inline formset whose every input is named "<field>, row <n>"."""

    def add_fields(self, form, index):
        super().add_fields(form, index)
        row = "new row" if index is None else f"row {index + 1}"
        for name, field in form.fields.items():
            label = capfirst(str(field.label or name.replace("_", " ")))
            name_widget(field, f"{label}, {row}")
