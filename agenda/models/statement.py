"""The words of the accessibility statement that only a person can write.

Everything the law asks to be factual (how the site and its documents measure up, which
documents fail, when it was checked) is built from recorded checks; these fields are the
rest: what the council knows that no check can, and its plans."""

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone


class StatementWording(models.Model):
    """One row (pk 1): the human parts of the accessibility statement, edited by clerks."""

    other_problems = models.TextField(
        "other known problems",
        blank=True,
        help_text="Content the automatic checks cannot judge, e.g. “Webcasts of meetings "
        "before May 2024 have no captions.” One problem per paragraph.",
    )
    disproportionate_burden = models.TextField(
        "disproportionate burden claimed",
        blank=True,
        help_text="Only if the council has assessed that fixing something would be a "
        "disproportionate burden: what, and why.",
    )
    outside_scope = models.TextField(
        "content outside the regulations",
        blank=True,
        help_text="E.g. PDFs published before 23 September 2018 that are not needed for "
        "services the council provides.",
    )
    improvement_plan = models.TextField(
        "what the council is doing about it",
        blank=True,
        help_text="Plans and dates for fixing the problems listed.",
    )
    response_time = models.CharField(
        "how quickly requests are answered",
        max_length=200,
        default="We’ll consider your request and get back to you in 5 working days.",
    )
    prepared_on = models.DateField("statement first prepared", default=timezone.localdate)
    reviewed_on = models.DateField("statement last reviewed", null=True, blank=True)

    class Meta:
        ordering = ["pk"]
        verbose_name = "accessibility statement wording"
        verbose_name_plural = "accessibility statement wording"
        constraints = [models.CheckConstraint(condition=Q(pk=1), name="statementwording_single")]

    def __str__(self):
        return "Accessibility statement wording"

    def save(self, *args, **kwargs):
        self.pk = 1
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("agenda:accessibility")

    @classmethod
    def load(cls):
        """The one row, as saved, or the defaults if nobody has edited it yet (unsaved)."""
        return cls.objects.filter(pk=1).first() or cls(pk=1)
