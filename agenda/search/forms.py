"""The search form: what residents can type and filter by, validated before querying."""

from django import forms
from django.forms.utils import flatatt
from django.utils.html import format_html, format_html_join

from agenda.models import SearchKind
from committees.models import Committee


class QuickSelect(forms.Select):
    """A select written out in Python. Django renders each option through a template of
    its own, which for a council's hundred committees took longer than the search."""

    def render(self, name, value, attrs=None, renderer=None):
        context = self.get_context(name, value, attrs)["widget"]
        options = [option for _group, group, _index in context["optgroups"] for option in group]
        return format_html(
            '<select name="{}"{}>{}</select>',
            name,
            flatatt(context["attrs"]),
            format_html_join(
                "",
                '<option value="{}"{}>{}</option>',
                ((o["value"], " selected" if o["selected"] else "", o["label"]) for o in options),
            ),
        )


class SearchForm(forms.Form):
    q = forms.CharField(label="Search for", max_length=200, required=False, strip=True)
    committee = forms.ModelChoiceField(
        label="Committee",
        queryset=Committee.objects.public(),
        required=False,
        empty_label="All committees",
        to_field_name="slug",
        widget=QuickSelect,
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
