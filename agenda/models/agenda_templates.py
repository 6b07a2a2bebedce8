"""A committee's agenda template: the standard items its agendas are offered."""

from django.db import models
from django.urls import reverse

from agenda.models.items import AgendaItemKind
from committees.models import Committee, choices_constraint
from committees.richtext import RichTextField

K = AgendaItemKind


class TemplateItemKind(models.TextChoices):
    """The kinds a template may hold: the standing items of the order of business."""

    APOLOGIES = K.APOLOGIES.value, K.APOLOGIES.label
    DECLARATIONS = K.DECLARATIONS.value, K.DECLARATIONS.label
    PREVIOUS_MINUTES = K.PREVIOUS_MINUTES.value, K.PREVIOUS_MINUTES.label
    PUBLIC_QUESTIONS = K.PUBLIC_QUESTIONS.value, K.PUBLIC_QUESTIONS.label
    EXCLUSION = K.EXCLUSION.value, K.EXCLUSION.label


class AgendaTemplateItem(models.Model):
    """One standard item of a committee's agenda template: its kind, and the title and
    text its agendas are given (blank text: the council's standard wording). A committee
    without a template is offered the council's standard items."""

    Kind = TemplateItemKind

    committee = models.ForeignKey(
        Committee, models.CASCADE, related_name="agenda_template", verbose_name="committee"
    )
    position = models.PositiveSmallIntegerField("order", default=1)
    kind = models.CharField("standard item", max_length=20, choices=Kind)
    title = models.CharField(
        "title", max_length=300, blank=True, help_text="Blank: the standard title."
    )
    agenda_text = RichTextField(
        "agenda text",
        blank=True,
        help_text="Blank: the standard wording (the previous meeting's date and the exempt "
        "items are filled in).",
    )

    class Meta:
        ordering = ["committee", "position", "pk"]
        verbose_name = "agenda template item"
        verbose_name_plural = "agenda templates"
        constraints = [
            choices_constraint("kind", TemplateItemKind, "agendatemplateitem_kind_valid"),
            models.UniqueConstraint(
                fields=["committee", "kind"],
                name="agendatemplateitem_kind_once_per_committee",
                violation_error_message="This committee's template already has this standard item.",
            ),
        ]

    def __str__(self):
        return f"{self.committee}: {self.title or self.get_kind_display()}"

    def get_absolute_url(self):
        return reverse("admin:agenda_agendatemplateitem_change", args=[self.pk])
