"""Corrections to published decisions: what was changed, why, by whom and when.

A published decision is never edited in place: the `correct_decision` step changes the
fields and writes one of these, which the decision's public page lists."""

from django.conf import settings
from django.db import models
from django.utils import timezone

from agenda.models.decisions import Decision


class DecisionCorrection(models.Model):
    """One recorded correction of a published decision (the decisions' erratum)."""

    decision = models.ForeignKey(
        Decision, models.PROTECT, related_name="corrections", verbose_name="decision"
    )
    fields = models.CharField(
        "what was corrected", max_length=300, help_text="The parts changed, as labelled."
    )
    reason = models.TextField("reason for the correction")
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.PROTECT,
        related_name="decision_corrections",
        verbose_name="recorded by",
    )
    recorded_at = models.DateTimeField("recorded", default=timezone.now)

    class Meta:
        ordering = ["decision", "recorded_at", "pk"]
        verbose_name = "decision correction"
        verbose_name_plural = "decision corrections"
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(reason=""), name="decision_correction_needs_reason"
            ),
        ]

    def __str__(self):
        return f"Correction of {self.decision}: {self.fields}"

    def get_absolute_url(self):
        return f"{self.decision.get_absolute_url()}#corrections"
