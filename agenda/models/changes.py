"""What changed about a published meeting after it went out: public notices of a moved date
or renumbered items, and the addresses the meeting had before (old links keep working)."""

from django.conf import settings
from django.db import models
from django.utils import timezone

from agenda.models.meetings import Meeting
from committees.models import choices_constraint


class NoticeQuerySet(models.QuerySet):
    def public(self):
        """Notices an anonymous visitor may read: those of public meetings, once issued."""
        return self.filter(meeting__in=Meeting.objects.public(), published_at__lte=timezone.now())


class NoticeKind(models.TextChoices):
    MOVED = "moved", "Meeting moved"
    RENUMBERED = "renumbered", "Items renumbered"


class Notice(models.Model):
    """A public notice that something residents may have relied on changed: the meeting's
    date and time, or its items' numbers. Written by the publishing steps, never edited."""

    Kind = NoticeKind

    meeting = models.ForeignKey(
        Meeting, models.PROTECT, related_name="notices", verbose_name="meeting"
    )
    kind = models.CharField("kind", max_length=20, choices=Kind)
    summary = models.TextField("what changed", help_text="Written by the step: the facts.")
    text = models.TextField("notice", blank=True, help_text="The clerk's words to the public.")
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.PROTECT,
        related_name="meeting_notices",
        null=True,
        blank=True,
        verbose_name="recorded by",
    )
    published_at = models.DateTimeField("published", default=timezone.now)

    objects = NoticeQuerySet.as_manager()

    class Meta:
        ordering = ["meeting", "published_at", "pk"]
        verbose_name = "public notice"
        verbose_name_plural = "public notices"
        constraints = [choices_constraint("kind", NoticeKind, "notice_kind_valid")]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.summary[:80]}"

    def get_absolute_url(self):
        return f"{self.meeting.get_absolute_url()}#notices"


class FormerSlug(models.Model):
    """An address a meeting had before its date moved: requests for it redirect (301)."""

    slug = models.SlugField("former address", max_length=120, unique=True)
    meeting = models.ForeignKey(
        Meeting, models.CASCADE, related_name="former_slugs", verbose_name="meeting"
    )
    retired_at = models.DateTimeField("retired", default=timezone.now)

    class Meta:
        ordering = ["meeting", "-retired_at"]
        verbose_name = "former meeting address"
        verbose_name_plural = "former meeting addresses"

    def __str__(self):
        return f"{self.slug} → {self.meeting.slug}"

    def get_absolute_url(self):
        return self.meeting.get_absolute_url()

    @classmethod
    def meeting_for(cls, slug, meetings):
        """The meeting among `meetings` (a QuerySet) that once had the address `slug`."""
        return meetings.filter(former_slugs__slug=slug).first()
