"""The public form for asking for a document in another format."""

from django import forms

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
        for name, field in self.fields.items():
            if name != "format":
                field.widget.attrs["class"] = "form-control"
