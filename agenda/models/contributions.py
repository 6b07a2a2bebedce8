"""Residents taking part: a public question, or a request to speak on an item."""

from django.conf import settings
from django.db import models
from django.urls import reverse

from agenda.models.items import AgendaItem
from agenda.models.meetings import Meeting
from committees.models import choices_constraint


class ContributionKind(models.TextChoices):
    QUESTION = "question", "A public question"
    SPEAK = "speak", "A request to speak"


class ContributionStatus(models.TextChoices):
    SUBMITTED = "submitted", "Waiting for the clerk"
    ACCEPTED = "accepted", "Accepted"
    REJECTED = "rejected", "Not accepted"


class ContributionQuerySet(models.QuerySet):
    def public(self):
        """Accepted contributions on a public agenda: the name and words the resident
        agreed to publish (never the email address)."""
        return self.filter(
            status=ContributionStatus.ACCEPTED,
            meeting__in=Meeting.objects.public().with_public_agenda(),
        )


class PublicContribution(models.Model):
    """A resident's question for a meeting, or request to speak on one of its items,
    moderated by the clerk; accepted ones are printed on the agenda."""

    Kind = ContributionKind
    Status = ContributionStatus

    meeting = models.ForeignKey(
        Meeting, models.CASCADE, related_name="contributions", verbose_name="meeting"
    )
    item = models.ForeignKey(
        AgendaItem,
        models.SET_NULL,
        related_name="contributions",
        null=True,
        blank=True,
        verbose_name="agenda item",
    )
    kind = models.CharField("kind", max_length=10, choices=Kind)
    name = models.CharField("name", max_length=120)
    email = models.EmailField("email address")
    text = models.TextField("question or subject")
    status = models.CharField("status", max_length=10, choices=Status, default=Status.SUBMITTED)
    note = models.TextField("clerk's note", blank=True, help_text="Why, if not accepted.")
    submitted_at = models.DateTimeField("sent", auto_now_add=True)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        related_name="moderated_contributions",
        null=True,
        blank=True,
        verbose_name="moderated by",
    )
    moderated_at = models.DateTimeField("moderated", null=True, blank=True)

    objects = ContributionQuerySet.as_manager()

    class Meta:
        ordering = ["meeting", "submitted_at", "pk"]
        verbose_name = "public question or speaker"
        verbose_name_plural = "public questions and speakers"
        constraints = [
            choices_constraint("kind", ContributionKind, "publiccontribution_kind_valid"),
            choices_constraint("status", ContributionStatus, "publiccontribution_status_valid"),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} from {self.name} for {self.meeting}"

    def get_absolute_url(self):
        return reverse("admin:agenda_publiccontribution_change", args=[self.pk])
