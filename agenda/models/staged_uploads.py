"""Reports uploaded together on a meeting's page, held until the clerk confirms where
each one goes."""

import datetime
import os
import uuid

from django.conf import settings
from django.db import models, transaction
from django.urls import reverse
from django.utils import timezone

from agenda.models.meetings import Meeting

# Held files nobody confirmed are removed after this long.
KEEP_FOR = datetime.timedelta(days=2)


def staged_upload_to(instance, filename):
    """A random name apart from the documents: a held file is never served to anyone."""
    extension = os.path.splitext(filename)[1].lower()[:10]
    return f"staged/{uuid.uuid4().hex}{extension}"


class StagedUploadQuerySet(models.QuerySet):
    def of(self, meeting, user):
        return self.filter(meeting=meeting, uploaded_by=user)

    def stale(self, now=None):
        return self.filter(uploaded_at__lt=(now or timezone.now()) - KEEP_FOR)

    def discard(self):
        """Delete these rows, and their held files once the deletion is committed."""
        files = [staged.file for staged in self if staged.file]
        transaction.on_commit(lambda: [file.delete(save=False) for file in files])
        return self.delete()


class StagedUpload(models.Model):
    """One file of a bulk upload of reports: it passed the upload checks and waits, private,
    for the clerk to confirm the agenda item proposed for it. Confirming makes it a
    Document through the document form's checks (agenda.admin.builder); nothing here is
    public or published."""

    meeting = models.ForeignKey(
        Meeting, models.CASCADE, related_name="staged_uploads", verbose_name="meeting"
    )
    file = models.FileField("file", upload_to=staged_upload_to, max_length=200)
    original_filename = models.CharField("uploaded as", max_length=255)
    content_type = models.CharField("format", max_length=120)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.CASCADE,
        related_name="staged_uploads",
        verbose_name="uploaded by",
    )
    uploaded_at = models.DateTimeField("uploaded", auto_now_add=True)

    objects = StagedUploadQuerySet.as_manager()

    class Meta:
        ordering = ["meeting", "uploaded_at", "pk"]
        verbose_name = "report waiting to be matched"
        verbose_name_plural = "reports waiting to be matched"

    def __str__(self):
        return self.original_filename

    def get_absolute_url(self):
        return reverse("admin:agenda_meeting_match_reports", args=[self.meeting_id])
