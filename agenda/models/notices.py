"""Email that Minutebook sends, and residents' subscriptions to what it publishes."""

import secrets

from django.db import models
from django.db.models import Q
from django.urls import reverse

from agenda.models.items import Topic
from agenda.models.meetings import Meeting
from committees.models import Committee, Ward, choices_constraint


class EmailKind(models.TextChoices):
    SUMMONS = "summons", "Summons and agenda"
    SUPPLEMENT = "supplement", "Supplement to the agenda"
    CHANGE = "change", "Change to a published meeting"
    CALLED_OFF = "called_off", "Meeting cancelled or postponed"
    CONFIRM = "confirm", "Subscription confirmation"
    NOTICE = "notice", "Subscription notice"
    ACKNOWLEDGEMENT = "acknowledgement", "Acknowledgement of a public question or speaker"
    REMINDER = "reminder", "Reminder of an action"
    MINUTES_DUE = "minutes_due", "Reminder that draft minutes are due"


class EmailStatus(models.TextChoices):
    QUEUED = "queued", "Waiting to be sent"
    SENT = "sent", "Delivered to the mail server"
    FAILED = "failed", "Failed"


class OutgoingEmail(models.Model):
    """One message to one address: what, to whom, when, and whether it went. The key
    makes sending idempotent: the same notice to the same address is written once."""

    Kind = EmailKind
    Status = EmailStatus
    MAX_ATTEMPTS = 5

    key = models.CharField("key", max_length=200, unique=True)
    kind = models.CharField("kind", max_length=20, choices=Kind)
    to = models.EmailField("to")
    subject = models.CharField("subject", max_length=300)
    body_text = models.TextField("text")
    body_html = models.TextField("HTML", blank=True)
    attachment = models.CharField(
        "attachment", max_length=200, blank=True, help_text="A stored file's name, if any."
    )
    unsubscribe_url = models.URLField("unsubscribe link", max_length=500, blank=True)
    meeting = models.ForeignKey(
        Meeting,
        models.SET_NULL,
        related_name="emails",
        null=True,
        blank=True,
        verbose_name="meeting",
    )
    status = models.CharField("status", max_length=10, choices=Status, default=Status.QUEUED)
    attempts = models.PositiveSmallIntegerField("attempts", default=0)
    error = models.TextField("last error", blank=True)
    created_at = models.DateTimeField("written", auto_now_add=True)
    sent_at = models.DateTimeField("sent", null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = "email"
        verbose_name_plural = "email log"
        constraints = [
            choices_constraint("kind", EmailKind, "outgoingemail_kind_valid"),
            choices_constraint("status", EmailStatus, "outgoingemail_status_valid"),
            models.CheckConstraint(
                condition=Q(sent_at__isnull=True) | Q(status="sent"),
                name="outgoingemail_sent_at_only_when_sent",
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} to {self.to} ({self.get_status_display().lower()})"

    def get_absolute_url(self):
        return reverse("admin:agenda_outgoingemail_change", args=[self.pk])


def new_token():
    return secrets.token_urlsafe(24)


class SubscriptionQuerySet(models.QuerySet):
    def confirmed(self):
        return self.filter(confirmed_at__isnull=False)

    def for_meeting(self, meeting):
        """Confirmed subscriptions that a change to `meeting` concerns: its committee, the
        wards its public items affect, the topics they follow."""
        items = meeting.items.filter(is_exempt=False)
        return self.confirmed().filter(
            Q(committee=meeting.committee_id)
            | Q(ward__in=items.values("wards_affected"))
            | Q(topic__in=items.values("topic"))
        )


class Subscription(models.Model):
    """A resident's wish to hear about one committee, ward or topic. Nothing is kept but
    the address; nothing is sent but the confirmation until the address confirms."""

    email = models.EmailField("email address")
    committee = models.ForeignKey(
        Committee,
        models.CASCADE,
        related_name="subscriptions",
        null=True,
        blank=True,
        verbose_name="committee",
    )
    ward = models.ForeignKey(
        Ward, models.CASCADE, related_name="subscriptions", null=True, blank=True,
        verbose_name="ward",
    )  # fmt: skip
    topic = models.ForeignKey(
        Topic, models.CASCADE, related_name="subscriptions", null=True, blank=True,
        verbose_name="topic",
    )  # fmt: skip
    token = models.CharField("token", max_length=64, unique=True, default=new_token)
    created_at = models.DateTimeField("asked", auto_now_add=True)
    confirmed_at = models.DateTimeField("confirmed", null=True, blank=True)

    objects = SubscriptionQuerySet.as_manager()

    class Meta:
        ordering = ["email", "pk"]
        verbose_name = "subscription"
        verbose_name_plural = "subscriptions"
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(committee__isnull=False, ward__isnull=True, topic__isnull=True)
                    | Q(committee__isnull=True, ward__isnull=False, topic__isnull=True)
                    | Q(committee__isnull=True, ward__isnull=True, topic__isnull=False)
                ),
                name="subscription_one_subject",
                violation_error_message="Subscribe to one committee, ward or topic at a time.",
            ),
            *[
                models.UniqueConstraint(
                    fields=["email", subject],
                    condition=Q(**{f"{subject}__isnull": False}),
                    name=f"subscription_unique_per_{subject}",
                )
                for subject in ("committee", "ward", "topic")
            ],
        ]

    def __str__(self):
        return f"{self.email}: {self.subject}"

    def get_absolute_url(self):
        return reverse("notices:manage", kwargs={"token": self.token})

    @property
    def subject(self):
        return self.committee or self.ward or self.topic
