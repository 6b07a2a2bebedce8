"""Admin forms shared by the document page and the document inlines."""

from django import forms
from django.core.files.uploadedfile import UploadedFile

from agenda.admin.record import VisibilityFormMixin
from agenda.models import Document
from agenda.publishing.checks import public_file_problems, read_file
from agenda.publishing.uploads import check_upload


class DocumentForm(VisibilityFormMixin, forms.ModelForm):
    """Checks every new file by its content (agenda.publishing.uploads); the format recorded is the
    one detected, never the one the browser claimed. A document that will go public must also
    pass the rule release applies (`public_file_problems`), so a file that would block
    publication is refused now, with the reason, not weeks later at release. It never sets
    publication (only the publishing steps do); "exempt" on a published document runs the
    exempt_document step."""

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

    def clean(self):
        cleaned = super().clean()
        if "file" not in self.errors and self._goes_public(cleaned):
            data = self._file_to_check(cleaned)
            if data is not None:
                title = cleaned.get("title") or self.instance.title or "This document"
                for problem in public_file_problems(data, title):
                    self.add_error("file", problem)
        return cleaned

    def _goes_public(self, cleaned):
        """Whether release would publish this document: not exempt, nor on an exempt item."""
        if cleaned.get("is_exempt", self.instance.is_exempt):
            return False
        item = cleaned.get("item", self.instance.item)
        return not (item and item.is_exempt)

    def _file_to_check(self, cleaned):
        """The bytes to hold to the release rule: a new upload, or the stored file when the
        document has just been made public (no longer exempt, or moved to another item)."""
        uploaded = cleaned.get("file")
        if isinstance(uploaded, UploadedFile):
            uploaded.seek(0)
            data = uploaded.read()
            uploaded.seek(0)
            return data
        became_public = {"is_exempt", "item"} & set(self.changed_data)
        if self.instance.pk and self.instance.file and became_public:
            try:
                return read_file(self.instance)
            except OSError:
                return None  # release reports a missing file in its checklist
        return None
