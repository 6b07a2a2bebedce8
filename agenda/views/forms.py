"""The public form for asking for a document in another format, laid out by crispy-forms
(Bootstrap 5): labels, help text, errors and the radio fieldset come from its templates.
The other public forms (take part, subscribe) use the same helper."""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Layout
from django import forms


def public_form_helper(*fields):
    """crispy-forms for a public form whose template writes the <form> tag, the token and
    any honeypot: only `fields` are laid out (all of them if none are named)."""
    helper = FormHelper()
    # The template writes the <form> tag (novalidate: the page's own error summary says
    # what is wrong, the browser's bubbles would not); crispy lays out the fields.
    helper.form_tag = False
    helper.disable_csrf = True  # the template's form carries the token
    if fields:
        helper.layout = Layout(*fields)
    return helper


FORMATS = [
    ("large_print", "Large print"),
    ("easy_read", "Easy read"),
    ("audio", "Audio"),
    ("braille", "Braille"),
    ("accessible_document", "Accessible Word or web page"),
    ("other", "Something else (tell us below)"),
]


class AlternativeFormatForm(forms.Form):
    name = forms.CharField(
        label="Your name", max_length=120, widget=forms.TextInput(attrs={"autocomplete": "name"})
    )
    email = forms.EmailField(
        label="Your email address",
        help_text="We reply to this address.",
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    document = forms.CharField(
        label="Which document or page?",
        max_length=500,
        help_text="Paste the web address, or give the meeting and the document's title.",
    )
    format = forms.ChoiceField(label="Format you need", choices=FORMATS, widget=forms.RadioSelect)
    details = forms.CharField(
        label="Anything else we should know (optional)",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = public_form_helper()
