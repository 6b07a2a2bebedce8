"""Inline rows that cannot lose an update: each row carries, signed, the values it was
opened with (its version), so a row saved meanwhile by someone else is merged or refused
(agenda.admin.merging), never silently overwritten."""

from django import forms
from django.core import signing

from agenda.admin.merging import MergingForm, snapshot

SALT = "minutebook.admin.row-version"


def row_token(instance, names):
    return signing.dumps(
        {"pk": instance.pk, "base": snapshot(instance, names)}, salt=SALT, compress=True
    )


class VersionedRowForm(MergingForm):
    """An inline row's form; `opened_version` holds the row as the page showed it."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["opened_version"].initial = row_token(self.instance, self.merge_names())

    def base_values(self, stored, names):
        try:
            token = signing.loads(self.cleaned_data.get("opened_version") or "", salt=SALT)
        except signing.BadSignature:
            return None
        if token.get("pk") != stored.pk:
            return None
        return token["base"]

    def current_token(self, stored):
        return row_token(stored, self.merge_names())

    def clean(self):
        return self.merge(super().clean())


class VersionedRowsMixin:
    """For an InlineModelAdmin: its rows carry their version (a hidden field)."""

    def get_fields(self, request, obj=None):
        return [*super().get_fields(request, obj), "opened_version"]


class VersionedRowsFormSet(forms.BaseInlineFormSet):
    """Refuses to delete a row someone else changed after the page was opened: the row is
    shown again with their values, and deleting it again is then a deliberate choice."""

    def clean(self):
        super().clean()
        stale = [
            form
            for form in self.deleted_forms
            if isinstance(form, VersionedRowForm) and form.instance.pk and form.conflict
        ]
        if stale:
            what = " ".join(
                f"{form.instance}: "
                + "; ".join(f"{label}: “{old}” → “{new}”" for label, old, new in form.conflict)
                + "."
                for form in stale
            )
            raise forms.ValidationError(
                "Not deleted: someone changed these rows after you opened the page. %(what)s "
                "They are shown with those changes; tick “delete” again if you still mean it.",
                params={"what": what},
                code="conflict",
            )
