"""Progress on an action: who said what, when. Follow-up, not the minuted record."""

from django.conf import settings
from django.db import models
from django.utils import timezone

from agenda.models.actions import Action, ActionStatus
from committees.models import choices_constraint


class ActionUpdate(models.Model):
    """One update on an action's progress, with the status it left the action in."""

    action = models.ForeignKey(
        Action, models.CASCADE, related_name="updates", verbose_name="action"
    )
    text = models.TextField("update")
    status = models.CharField("status after", max_length=20, choices=ActionStatus)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        related_name="action_updates",
        null=True,
        blank=True,
        verbose_name="by",
    )
    at = models.DateTimeField("when", auto_now_add=True)

    class Meta:
        ordering = ["action", "at", "pk"]
        verbose_name = "action update"
        verbose_name_plural = "action updates"
        constraints = [choices_constraint("status", ActionStatus, "actionupdate_status_valid")]

    def __str__(self):
        return f"{self.action}: {self.get_status_display()} ({self.at:%d %b %Y})"

    def save(self, *args, **kwargs):
        """An update moves the action to its status (completed today when done)."""
        super().save(*args, **kwargs)
        action = self.action
        action.status = self.status
        action.completed_on = timezone.localdate() if self.status == "done" else None
        action.save(update_fields=["status", "completed_on"])

    def get_absolute_url(self):
        return self.action.get_absolute_url()
