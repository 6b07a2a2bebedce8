"""Report sign-off: a report moves author → service head → finance and legal comments →
democratic services before it goes out with an agenda, each step with who and when."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q

from agenda.models.documents import Document
from committees.models import choices_constraint


class SignOffStage(models.TextChoices):
    AUTHOR = "author", "Author"
    SERVICE_HEAD = "service_head", "Service head"
    FINANCE = "finance", "Finance comments"
    LEGAL = "legal", "Legal comments"
    DEMOCRATIC_SERVICES = "democratic_services", "Democratic services"
    OVERRIDE = "override", "Released by a manager without full sign-off"


# The stages in the order a report passes them; OVERRIDE stands in for any missing ones.
STAGES = [
    SignOffStage.AUTHOR,
    SignOffStage.SERVICE_HEAD,
    SignOffStage.FINANCE,
    SignOffStage.LEGAL,
    SignOffStage.DEMOCRATIC_SERVICES,
]


class ReportSignOff(models.Model):
    """One step of a report's sign-off (or a manager's recorded override)."""

    Stage = SignOffStage

    document = models.ForeignKey(
        Document, models.CASCADE, related_name="sign_offs", verbose_name="report"
    )
    stage = models.CharField("step", max_length=20, choices=Stage)
    signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.PROTECT,
        related_name="report_sign_offs",
        null=True,
        blank=True,
        verbose_name="by",
    )
    signed_at = models.DateTimeField("when", auto_now_add=True)
    comment = models.TextField(
        "comments", blank=True, help_text="Finance and legal comments; the reason of an override."
    )

    class Meta:
        ordering = ["document", "signed_at", "pk"]
        verbose_name = "report sign-off"
        verbose_name_plural = "report sign-offs"
        constraints = [
            choices_constraint("stage", SignOffStage, "reportsignoff_stage_valid"),
            models.UniqueConstraint(
                fields=["document", "stage"], name="reportsignoff_one_per_stage"
            ),
            models.CheckConstraint(
                condition=~Q(stage="override") | ~Q(comment=""),
                name="reportsignoff_override_needs_reason",
                violation_error_message="An override needs the reason it was released.",
            ),
        ]

    def __str__(self):
        return f"{self.document}: {self.get_stage_display()}"

    def get_absolute_url(self):
        return self.document.get_absolute_url()

    def clean(self):
        super().clean()
        if self.stage == SignOffStage.OVERRIDE and not self.comment.strip():
            raise ValidationError({"comment": "Give the reason it is released without sign-off."})


def missing_stages(document):
    """The stages a report still lacks (none once a manager has overridden)."""
    done = {row.stage for row in document.sign_offs.all()}
    if SignOffStage.OVERRIDE in done:
        return []
    return [stage for stage in STAGES if stage not in done]


def needs_sign_off(document):
    return (
        getattr(settings, "REPORT_SIGN_OFF", False)
        and document.kind == Document.Kind.REPORT
        and not document.is_generated
    )
