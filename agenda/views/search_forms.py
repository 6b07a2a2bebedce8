"""The search form: what residents can type and filter by, validated before querying."""

from django import forms
from django.forms.utils import flatatt
from django.utils.html import format_html, format_html_join

from agenda.models import SearchKind
from committees.models import Committee


class QuickSelect(forms.Select):
    """A select written out in Python, for a flat list of choices. Django builds a dict
    and renders a template for each option, which for a council's hundred committees
    took longer than the search itself."""

    def render(self, name, value, attrs=None, renderer=None):
        chosen = set(self.format_value(value))
        options = format_html_join(
            "",
            '<option value="{}"{}>{}</option>',
            (
                (str(key), " selected" if str(key) in chosen else "", label)
                for key, label in self.choices
            ),
        )
        attrs = flatatt(self.build_attrs(self.attrs, attrs))
        return format_html('<select name="{}"{}>{}</select>', name, attrs, options)


class QuickInputMixin:
    """An <input> written out in Python, as QuickSelect is, for the same reason."""

    def render(self, name, value, attrs=None, renderer=None):
        value = self.format_value(value)
        fixed = {"type": self.input_type, "name": name}
        if value is not None:
            fixed["value"] = value
        return format_html("<input{}>", flatatt({**fixed, **self.build_attrs(self.attrs, attrs)}))


class QuickTextInput(QuickInputMixin, forms.TextInput):
    pass


class QuickDateInput(QuickInputMixin, forms.DateInput):
    pass


class SearchForm(forms.Form):
    q = forms.CharField(
        label="Search for",
        max_length=200,
        required=False,
        strip=True,
        widget=QuickTextInput,
    )
    # Choices by slug from one light query; the committee itself is read only if chosen.
    committee = forms.ChoiceField(label="Committee", required=False, widget=QuickSelect)
    type = forms.ChoiceField(
        label="Type",
        choices=[("", "Everything"), *SearchKind.choices],
        required=False,
        widget=QuickSelect,
    )
    date_from = forms.DateField(
        label="From", required=False, widget=QuickDateInput(attrs={"type": "date"})
    )
    date_to = forms.DateField(
        label="To", required=False, widget=QuickDateInput(attrs={"type": "date"})
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        committees = Committee.objects.public().values_list("slug", "name")
        self.fields["committee"].choices = [("", "All committees"), *committees]

    def clean_committee(self):
        slug = self.cleaned_data["committee"]
        return Committee.objects.public().filter(slug=slug).first() if slug else None

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("date_from"), cleaned.get("date_to")
        if start and end and start > end:
            self.add_error("date_to", "The end date must be on or after the start date.")
        return cleaned

    def filters(self):
        """Keyword arguments for `search` from valid data."""
        data = self.cleaned_data
        return {
            "committee": data.get("committee"),
            "kind": data.get("type") or None,
            "date_from": data.get("date_from"),
            "date_to": data.get("date_to"),
        }
