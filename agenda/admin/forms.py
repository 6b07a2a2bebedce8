"""Admin forms shared by the document page and the document inlines."""

from django import forms
from django.contrib.admin.widgets import AdminFileWidget
from django.core.files.uploadedfile import UploadedFile
from django.urls import reverse

from agenda.admin.record import VisibilityFormMixin
from agenda.models import Document
from agenda.publishing.checks import public_file_problems, read_file
from agenda.publishing.uploads import check_upload
from agenda.scanning.convert import CONVERTIBLE


def editor_file_url(document):
    """Where the editor opens a document's file: the staff preview, which serves it
    published or not (files are never served from MEDIA_URL)."""
    return reverse("editor_document_file", kwargs={"pk": document.pk})


def document_on_site(document):
    """The public address of a document the public may see, else the editor's preview:
    "View on site" for an unpublished or exempt document used to lead to a 404."""
    if Document.objects.public().filter(pk=document.pk).exists():
        return document.get_absolute_url()
    return editor_file_url(document)


class _EditorFile:
    """The stored file as the widget shows it: its upload name, linked to the preview."""

    def __init__(self, document):
        self.url = editor_file_url(document)
        self.name = document.original_filename or document.file.name
        self.file = document.file

    def __str__(self):
        return self.name


class EditorFileWidget(AdminFileWidget):
    """The admin's "Currently: <link>" pointed at MEDIA_URL, which is never served (a 404):
    link to the editor's preview instead."""

    document = None

    def format_value(self, value):
        if self.is_initial(value) and self.document is not None and self.document.pk:
            return _EditorFile(self.document)
        return super().format_value(value)


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
        widgets = {"file": EditorFileWidget}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "file" in self.fields:
            widget = self.fields["file"].widget
            if isinstance(widget, EditorFileWidget):
                widget.document = self.instance

    def clean_file(self):
        uploaded = self.cleaned_data.get("file")
        if isinstance(uploaded, UploadedFile):
            checked = check_upload(uploaded)
            uploaded.name = checked.filename
            self.instance.content_type = checked.content_type
            self.instance.original_filename = checked.filename
            self.instance.sha256 = ""  # measured again from the new file on save
            # Converted (Word/ODT) and scanned once saved: agenda.admin.scanning.
            self.instance._new_upload = True
        return uploaded

    def clean(self):
        cleaned = super().clean()
        # A Word or OpenDocument report is made into a PDF once saved (agenda.scanning.
        # convert); the release rule then applies to that PDF, and refuses it if it failed.
        converted = self.instance.content_type in CONVERTIBLE and isinstance(
            cleaned.get("file"), UploadedFile
        )
        if "file" not in self.errors and self._goes_public(cleaned) and not converted:
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
