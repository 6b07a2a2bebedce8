"""Publications in progress: a step a manager asked for whose outputs the worker renders.

A publishing step that prints PDFs is taken in two parts: the request (checks pass, this
row is written, the task is queued; the manager gets an answer at once) and the
completion (the worker renders every output and makes the meeting public in one
transaction, so the public sees it only when everything exists). This row is how the
editor shows progress, failure and retry.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse

from agenda.models.meetings import Meeting
from committees.models import choices_constraint


class PublicationStatus(models.TextChoices):
    QUEUED = "queued", "Waiting for the worker"
    RUNNING = "running", "Rendering"
    DONE = "done", "Published"
    FAILED = "failed", "Failed"


class Publication(models.Model):
    """One requested publishing step, until its outputs are rendered and it is done."""

    Status = PublicationStatus

    MAX_ATTEMPTS = 4

    meeting = models.ForeignKey(
        Meeting, models.PROTECT, related_name="publications", verbose_name="meeting"
    )
    step = models.CharField("step", max_length=40)
    params = models.JSONField("details", default=dict, blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.PROTECT,
        related_name="publications",
        null=True,
        blank=True,
        verbose_name="requested by",
    )
    requested_at = models.DateTimeField("requested", auto_now_add=True)
    status = models.CharField("status", max_length=10, choices=Status, default=Status.QUEUED)
    attempts = models.PositiveSmallIntegerField("attempts", default=0)
    error = models.TextField("last error", blank=True)
    finished_at = models.DateTimeField("finished", null=True, blank=True)

    class Meta:
        ordering = ["-requested_at", "-pk"]
        verbose_name = "publication"
        verbose_name_plural = "publications"
        constraints = [
            choices_constraint("status", PublicationStatus, "publication_status_valid"),
            models.CheckConstraint(
                condition=Q(finished_at__isnull=True) | Q(status__in=["done", "failed"]),
                name="publication_finished_only_when_done_or_failed",
            ),
        ]

    def __str__(self):
        return f"{self.step} of {self.meeting} ({self.get_status_display().lower()})"

    def get_absolute_url(self):
        return reverse("admin:agenda_meeting_change", args=[self.meeting_id])

    @property
    def is_open(self):
        return self.status in (self.Status.QUEUED, self.Status.RUNNING)

    @property
    def progress_key(self):
        return f"publication-progress-{self.pk}"
