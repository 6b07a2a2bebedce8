"""What the hidden-content scanner and the accessibility checks found in each document's
file, the managers' recorded overrides, and Word/OpenDocument originals kept private.

The scanning itself lives in `agenda.scanning`; these rows are its record. A scan belongs
to one version of a file (its SHA-256): replacing the file makes earlier scans history.
"""

import os
import uuid

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone

from agenda.models.documents import Document
from agenda.models.workflow import Transition
from committees.models import choices_constraint


class FindingKind(models.TextChoices):
    LEAK = "leak", "Hidden content (blocks publication)"
    WARNING = "warning", "Warning"


class FindingCode(models.TextChoices):
    # PDF
    COVERED_TEXT = "covered_text", "Text under a box or picture"
    WHITE_TEXT = "white_text", "White text"
    TINY_TEXT = "tiny_text", "Tiny text"
    INVISIBLE_TEXT = "invisible_text", "Invisible text"
    OFFPAGE_TEXT = "offpage_text", "Text outside the page"
    HIDDEN_LAYER = "hidden_layer", "Hidden layer"
    ANNOTATION = "annotation", "Comment or mark-up"
    UNAPPLIED_REDACTION = "unapplied_redaction", "Redaction not applied"
    FORM_VALUE = "form_value", "Form field value"
    EARLIER_REVISION = "earlier_revision", "Earlier version kept in the file"
    METADATA = "metadata", "Document properties"
    EMBEDDED_FILE = "embedded_file", "File attached inside"
    # Word and OpenDocument
    TRACKED_CHANGE = "tracked_change", "Tracked changes"
    COMMENT = "comment", "Comments"
    HIDDEN_TEXT = "hidden_text", "Hidden text"
    EMBEDDED_OBJECT = "embedded_object", "Embedded object"
    FILE_PATH = "file_path", "Link to a file on a computer"
    # Excel
    HIDDEN_SHEET = "hidden_sheet", "Hidden sheet"
    VERY_HIDDEN_SHEET = "very_hidden_sheet", "Very hidden sheet"
    HIDDEN_ROWS = "hidden_rows", "Hidden rows"
    HIDDEN_COLUMNS = "hidden_columns", "Hidden columns"
    EXTERNAL_NAME = "external_name", "Name pointing at another file"
    EXTERNAL_LINK = "external_link", "Link to another workbook"
    # Any file
    UNREADABLE = "unreadable", "File could not be checked"


class ScanSubject(models.TextChoices):
    FILE = "file", "The file as stored"
    SOURCE = "source", "The Word or OpenDocument original"


class AccessibilityStatus(models.TextChoices):
    PASSED = "passed", "Passes the checks"
    FAILED = "failed", "Fails a check"
    NOT_APPLICABLE = "not_applicable", "Not checked (not a PDF)"


class DocumentScanQuerySet(models.QuerySet):
    def current(self):
        """Scans of each document's present file (and present original), not of a file
        it has since replaced."""
        return self.filter(
            Q(subject=ScanSubject.FILE, sha256=F("document__sha256"))
            | Q(subject=ScanSubject.SOURCE, sha256=F("document__source__sha256"))
        )

    def failing_accessibility(self):
        return self.filter(accessibility_status=AccessibilityStatus.FAILED)


class DocumentScan(models.Model):
    """One scan of one version of a document's file: hidden content found, and for PDFs
    the accessibility checks (tagged, title, language, alternative text, real text)."""

    Subject = ScanSubject
    Status = AccessibilityStatus

    document = models.ForeignKey(
        Document, models.CASCADE, related_name="scans", verbose_name="document"
    )
    subject = models.CharField("what was scanned", max_length=10, choices=ScanSubject)
    sha256 = models.CharField("SHA-256 of the file scanned", max_length=64)
    content_type = models.CharField("format", max_length=120, blank=True)
    scanned_at = models.DateTimeField("scanned", default=timezone.now)
    scanner_version = models.CharField("scanner version", max_length=20)
    leak_count = models.PositiveIntegerField("hidden-content findings", default=0)
    warning_count = models.PositiveIntegerField("warnings", default=0)
    pages = models.PositiveIntegerField("pages or sheets", default=0)
    seconds = models.FloatField("time taken (s)", default=0)
    accessibility_status = models.CharField(
        "accessibility",
        max_length=20,
        choices=AccessibilityStatus,
        default=AccessibilityStatus.NOT_APPLICABLE,
    )
    is_tagged = models.BooleanField("tagged", null=True)
    has_title = models.BooleanField("has a title", null=True)
    has_language = models.BooleanField("has a language", null=True)
    has_text = models.BooleanField("has real text (not only scanned images)", null=True)
    images_without_alt = models.PositiveIntegerField("images without alternative text", null=True)

    objects = DocumentScanQuerySet.as_manager()

    class Meta:
        ordering = ["document", "-scanned_at", "-pk"]
        verbose_name = "document scan"
        verbose_name_plural = "document scans"
        constraints = [
            choices_constraint("subject", ScanSubject, "documentscan_subject_valid"),
            choices_constraint(
                "accessibility_status", AccessibilityStatus, "documentscan_accessibility_valid"
            ),
            models.UniqueConstraint(
                fields=["document", "subject", "sha256"], name="documentscan_one_per_file"
            ),
        ]

    def __str__(self):
        return f"Scan of {self.document} ({self.scanned_at:%d %b %Y %H:%M})"

    def get_absolute_url(self):
        return reverse("admin:agenda_document_change", args=[self.document_id])

    @property
    def accessibility_problems(self):
        """The failed checks, as short phrases a reader understands."""
        problems = []
        if self.is_tagged is False:
            problems.append("untagged (no structure for screen readers)")
        if self.has_title is False:
            problems.append("no document title")
        if self.has_language is False:
            problems.append("no language set")
        if self.images_without_alt:
            problems.append(f"{self.images_without_alt} image(s) without alternative text")
        if self.has_text is False:
            problems.append("scanned pages with no real text")
        return problems


class ScanFinding(models.Model):
    """One thing the scanner found, where it is, and what the clerk should do about it."""

    Kind = FindingKind
    Code = FindingCode

    scan = models.ForeignKey(
        DocumentScan, models.CASCADE, related_name="findings", verbose_name="scan"
    )
    position = models.PositiveIntegerField("order", default=0)
    kind = models.CharField("kind", max_length=10, choices=FindingKind)
    code = models.CharField("what", max_length=30, choices=FindingCode)
    where = models.CharField("where", max_length=200, blank=True)
    message = models.TextField("found")
    advice = models.TextField("what to do")

    class Meta:
        ordering = ["scan", "position", "pk"]
        verbose_name = "scan finding"
        verbose_name_plural = "scan findings"
        constraints = [
            choices_constraint("kind", FindingKind, "scanfinding_kind_valid"),
            choices_constraint("code", FindingCode, "scanfinding_code_valid"),
        ]

    def __str__(self):
        return f"{self.get_code_display()} ({self.where}): {self.message[:60]}"

    def get_absolute_url(self):
        return self.scan.get_absolute_url()


class ScanOverride(models.Model):
    """A manager's recorded decision that one version of a document may be published
    despite its hidden-content findings: who, when and why. Also written to the meeting's
    workflow log. A replaced file needs a new decision."""

    document = models.ForeignKey(
        Document, models.PROTECT, related_name="scan_overrides", verbose_name="document"
    )
    sha256 = models.CharField("SHA-256 of the file allowed", max_length=64)
    reason = models.TextField("reason")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.PROTECT,
        related_name="scan_overrides",
        verbose_name="recorded by",
    )
    at = models.DateTimeField("when", default=timezone.now)
    transition = models.OneToOneField(
        Transition,
        models.PROTECT,
        related_name="scan_override",
        verbose_name="workflow log entry",
    )

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = "hidden-content override"
        verbose_name_plural = "hidden-content overrides"
        constraints = [
            models.CheckConstraint(condition=~Q(reason=""), name="scanoverride_reason_given")
        ]

    def __str__(self):
        return f"Override for {self.document} by {self.user} ({self.at:%d %b %Y})"

    def get_absolute_url(self):
        return reverse("admin:agenda_document_change", args=[self.document_id])


def source_upload_to(instance, filename):
    """Originals go to their own folder under a random name; nothing public links there."""
    extension = os.path.splitext(filename)[1].lower()[:10]
    return f"sources/{uuid.uuid4().hex}{extension}"


class ConversionStatus(models.TextChoices):
    PENDING = "pending", "Waiting to be converted"
    CONVERTED = "converted", "Converted to PDF"
    FAILED = "failed", "Conversion failed"


class DocumentSource(models.Model):
    """The Word or OpenDocument file a report was uploaded as. The document's own file is
    the PDF made from it; this original is kept for the council and never published."""

    Status = ConversionStatus

    document = models.OneToOneField(
        Document, models.CASCADE, related_name="source", verbose_name="document"
    )
    file = models.FileField("original file", upload_to=source_upload_to, max_length=200)
    original_filename = models.CharField("uploaded as", max_length=255, blank=True)
    content_type = models.CharField("format", max_length=120)
    sha256 = models.CharField("SHA-256", max_length=64)
    status = models.CharField(
        "conversion", max_length=10, choices=ConversionStatus, default=ConversionStatus.PENDING
    )
    error = models.TextField("why conversion failed", blank=True)
    converted_at = models.DateTimeField("converted", null=True, blank=True)

    class Meta:
        ordering = ["document"]
        verbose_name = "original file"
        verbose_name_plural = "original files"
        constraints = [choices_constraint("status", ConversionStatus, "documentsource_status")]

    def __str__(self):
        return f"Original of {self.document}: {self.original_filename}"

    def get_absolute_url(self):
        return reverse("admin:agenda_document_change", args=[self.document_id])
