"""Documents attached to meetings and items: reports, appendices, generated PDFs."""

import hashlib
import mimetypes
import os
import uuid

from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.text import slugify
from simple_history.models import HistoricalRecords

from agenda.models.items import AgendaItem
from agenda.models.locks import Lock, LockedQuerySet, LockedRecord
from agenda.models.meetings import Meeting
from committees.links import link
from committees.models import choices_constraint


def document_upload_to(instance, filename):
    """Store under a random name: nothing about the file's title or content is guessable."""
    extension = os.path.splitext(filename)[1].lower()[:10]
    return f"documents/{uuid.uuid4().hex}{extension}"


LISTED_FIELDS = (
    "id",
    "is_generated",
    "meeting_id",
    "item_id",
    "title",
    "kind",
    "file",
    "original_filename",
    "content_type",
    "size",
    "slug",
    "position",
    "published_at",
    "source_url",
)


class DocumentQuerySet(LockedQuerySet):
    def public(self, now=None):
        """Documents an anonymous visitor may list and download. Deny by default: a
        document must be published, not exempt, on a meeting whose agenda is public and,
        if on an item, on a public non-exempt item. `now`: the time to judge publication
        at (the present if not given)."""
        now = now or timezone.now()
        return self.filter(
            is_exempt=False,
            published_at__isnull=False,
            published_at__lte=now,
            meeting__in=Meeting.objects.public().with_public_agenda(),
        ).filter(
            # EXISTS, not IN: a page of documents then costs a lookup per document rather
            # than hashing every open item of the council.
            Q(item__isnull=True)
            | Exists(AgendaItem.objects.open_content(now).filter(pk=OuterRef("item_id")))
        )

    def prepare_new(self, documents):
        for document in documents:
            document.fill_in()

    def for_listing(self, *, with_meeting=True):
        """The fields a list of documents shows. The meeting's slug is needed for the
        stable URLs of generated PDFs, so it is joined; `with_meeting=False` is for a
        caller listing one meeting's documents that sets `document.meeting` itself (the
        meeting page: no join, and no copy of the meeting per row)."""
        listing = self.with_accessibility_flag()
        if not with_meeting:
            return listing.only(*LISTED_FIELDS)
        return listing.select_related("meeting").only(*LISTED_FIELDS, "meeting__slug")

    def with_accessibility_flag(self):
        """Annotate `needs_accessible_copy`: the present file failed an accessibility check
        (agenda.scanning), so the public listing offers to ask for an accessible copy."""
        # Imported here: scans.py builds on this module.
        from agenda.models.scans import AccessibilityStatus, DocumentScan, ScanSubject

        failing = DocumentScan.objects.filter(
            document=OuterRef("pk"),
            subject=ScanSubject.FILE,
            sha256=OuterRef("sha256"),
            accessibility_status=AccessibilityStatus.FAILED,
        )
        return self.annotate(needs_accessible_copy=Exists(failing))


class DocumentKind(models.TextChoices):
    REPORT = "report", "Report"
    APPENDIX = "appendix", "Appendix"
    BACKGROUND_PAPER = "background_paper", "Background paper"
    SUPPLEMENT = "supplement", "Supplement"
    AGENDA_FRONTSHEET = "agenda_frontsheet", "Agenda frontsheet"
    AGENDA_PACK = "agenda_pack", "Public reports pack"
    MINUTES = "minutes", "Printed minutes"
    DECISIONS = "decisions", "Printed decisions"
    OTHER = "other", "Other"


# Generated meeting-level PDFs have stable public addresses (agenda.views.printed).
GENERATED_URL_NAMES = {
    DocumentKind.AGENDA_FRONTSHEET: "agenda:meeting_agenda_pdf",
    DocumentKind.AGENDA_PACK: "agenda:meeting_pack_pdf",
    DocumentKind.MINUTES: "agenda:meeting_minutes_pdf",
    DocumentKind.DECISIONS: "agenda:meeting_decisions_pdf",
}


class Document(LockedRecord):
    """A file on a meeting or an item: report, appendix, background paper, or generated PDF.
    Not part of the minuted record, but once published its visibility changes only through
    a publishing step; its publication date is set only by the steps (never a form)."""

    record_lock = Lock(
        meeting="meeting",
        guarded=frozenset({"is_exempt"}),
        published="published_at",
        minuted=False,
    )

    Kind = DocumentKind

    GENERATED_KINDS = (Kind.AGENDA_FRONTSHEET, Kind.AGENDA_PACK, Kind.MINUTES, Kind.DECISIONS)

    meeting = models.ForeignKey(
        Meeting, models.CASCADE, related_name="documents", verbose_name="meeting"
    )
    item = models.ForeignKey(
        AgendaItem,
        models.CASCADE,
        related_name="documents",
        null=True,
        blank=True,
        verbose_name="agenda item",
    )
    title = models.CharField("title", max_length=300)
    slug = models.SlugField("file name", max_length=120, blank=True, editable=False)
    kind = models.CharField("kind", max_length=20, choices=Kind, default=Kind.REPORT)
    file = models.FileField("file", upload_to=document_upload_to, max_length=200)
    original_filename = models.CharField("uploaded as", max_length=255, blank=True)
    content_type = models.CharField("format", max_length=120, blank=True, editable=False)
    size = models.PositiveBigIntegerField("size in bytes", default=0, editable=False)
    sha256 = models.CharField("SHA-256", max_length=64, blank=True, editable=False)
    is_exempt = models.BooleanField("exempt (not for publication)", default=False)
    is_generated = models.BooleanField("generated by Minutebook", default=False, editable=False)
    position = models.PositiveIntegerField("order", default=0)
    published_at = models.DateTimeField("published", null=True, blank=True, editable=False)
    text_content = models.TextField("extracted text", blank=True, editable=False)
    external_id = models.CharField("source id", max_length=100, blank=True, editable=False)
    source_url = models.URLField("source address", max_length=500, blank=True, editable=False)
    created_at = models.DateTimeField("uploaded", auto_now_add=True)

    history = HistoricalRecords(excluded_fields=["text_content"])
    objects = DocumentQuerySet.as_manager()

    class Meta:
        ordering = ["meeting", "item__position", "position", "pk"]
        verbose_name = "document"
        verbose_name_plural = "documents"
        constraints = [
            choices_constraint("kind", DocumentKind, "document_kind_valid"),
            models.UniqueConstraint(
                fields=["external_id"],
                condition=~Q(external_id=""),
                name="document_external_id_unique",
            ),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        self.fill_in()
        super().save(*args, **kwargs)

    def fill_in(self):
        """What is worked out before every write (a bulk insert's too): the meeting from
        the item, the file name, the upload's name, and the file's own measures."""
        if self.item_id and not self.meeting_id:
            self.meeting_id = self.item.meeting_id
        if not self.slug:
            self.slug = slugify(self.title)[:100] or "document"
        if self.file and not self.original_filename:
            self.original_filename = os.path.basename(self.file.name)
        if self.file and self._file_changed():
            # A new file (a re-rendered printed copy too): the old text must not stay in
            # the search index, so it is read again from the new file.
            self.text_content = ""
        if self.file and (not self.sha256 or self._file_changed()):
            self.measure_file()

    def get_absolute_url(self):
        stable = GENERATED_URL_NAMES.get(self.kind)
        if self.is_generated and self.item_id is None and stable:
            return link(stable, slug=self.meeting.slug)
        return link("agenda:document_download", pk=self.pk, filename=self.download_name)

    def _file_changed(self):
        file = self.file
        return getattr(file, "_committed", True) is False

    def measure_file(self):
        """Fill in size, SHA-256 and content type from the file itself."""
        digest = hashlib.sha256()
        size = 0
        self.file.open("rb")
        self.file.seek(0)
        for chunk in self.file.chunks():
            digest.update(chunk)
            size += len(chunk)
        self.file.seek(0)
        self.size = size
        self.sha256 = digest.hexdigest()
        if not self.content_type:
            guessed, _ = mimetypes.guess_type(self.original_filename or self.file.name)
            self.content_type = guessed or "application/octet-stream"

    @property
    def extension(self):
        return os.path.splitext(self.file.name or "")[1].lower().lstrip(".") or "bin"

    @property
    def download_name(self):
        return f"{self.slug or 'document'}.{self.extension}"

    @property
    def size_label(self):
        """The size as people read it ("2.4\xa0MB"): what the `filesizeformat` filter
        says in English, without its translation machinery on every row of a long list."""
        size = self.size or 0
        if size < 1024:
            return f"{size}\xa0byte" if size == 1 else f"{size}\xa0bytes"
        for power, unit in enumerate(("KB", "MB", "GB", "TB", "PB"), start=2):
            if size < 1024**power or unit == "PB":
                return f"{round(size / 1024 ** (power - 1), 1):.1f}\xa0{unit}"

    @property
    def format_label(self):
        labels = {
            "application/pdf": "PDF",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "Word",
            "application/vnd.oasis.opendocument.text": "OpenDocument text",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "Excel",
            "image/png": "PNG image",
            "image/jpeg": "JPEG image",
        }
        return labels.get(self.content_type, self.extension.upper())
