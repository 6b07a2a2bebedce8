"""The search form: what residents can type and filter by, validated before querying."""

from django import forms

from agenda.models import SearchKind
from committees.models import Committee


class SearchForm(forms.Form):
    q = forms.CharField(label="Search for", max_length=200, required=False, strip=True)
    committee = forms.ModelChoiceField(
        label="Committee",
        queryset=Committee.objects.public(),
        required=False,
        empty_label="All committees",
        to_field_name="slug",
    )
    type = forms.ChoiceField(
        label="Type", choices=[("", "Everything"), *SearchKind.choices], required=False
    )
    date_from = forms.DateField(
        label="From", required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    date_to = forms.DateField(
        label="To", required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("date_from"), cleaned.get("date_to")
        if start and end and start > end:
            self.add_error("date_to", "The end date must be on or after the start date.")
        return cleaned

    def filters(self):
        """Keyword arguments for `search_entries` from valid data."""
        data = self.cleaned_data
        return {
            "committee": data.get("committee"),
            "kind": data.get("type") or None,
            "date_from": data.get("date_from"),
            "date_to": data.get("date_to"),
        }
