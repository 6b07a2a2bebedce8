"""Admin forms shared by the document page and the document inlines."""

from django import forms
from django.core.files.uploadedfile import UploadedFile

from agenda.models import Document
from agenda.publishing.uploads import check_upload


class DocumentForm(forms.ModelForm):
    """Checks every new file by its content (agenda.publishing.uploads); the format recorded is the
    one detected, never the one the browser claimed."""

    class Meta:
        model = Document
        fields = ["file"]  # the admin supplies the full field list

    def clean_file(self):
        uploaded = self.cleaned_data.get("file")
        if isinstance(uploaded, UploadedFile):
            checked = check_upload(uploaded)
            uploaded.name = checked.filename
            self.instance.content_type = checked.content_type
            self.instance.original_filename = checked.filename
            self.instance.sha256 = ""  # measured again from the new file on save
        return uploaded
