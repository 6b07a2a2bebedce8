"""What a migration from ModernGov leaves behind: a review note per imported record (what
was recognised, what was guessed) and the old addresses that must keep working."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse

from agenda.models.decisions import Decision
from agenda.models.items import AgendaItem, Topic
from agenda.models.meetings import Meeting
from committees.models import Committee, choices_constraint


class ImportReviewQuerySet(models.QuerySet):
    def to_review(self):
        return self.filter(confidence=ImportConfidence.UNSURE, status=ImportReviewStatus.OPEN)


class ImportConfidence(models.TextChoices):
    SURE = "sure", "Recognised"
    UNSURE = "unsure", "Some parts guessed"


class ImportReviewStatus(models.TextChoices):
    OPEN = "open", "To check"
    REVIEWED = "reviewed", "Checked by a clerk"


class ImportReview(models.Model):
    """The importer's report on one imported item or decision: what it recognised, what it
    guessed and what it left as narrative, so a clerk can check the guesses."""

    Confidence = ImportConfidence
    Status = ImportReviewStatus

    item = models.OneToOneField(
        AgendaItem,
        models.CASCADE,
        related_name="import_review",
        null=True,
        blank=True,
        verbose_name="agenda item",
    )
    decision = models.OneToOneField(
        Decision,
        models.CASCADE,
        related_name="import_review",
        null=True,
        blank=True,
        verbose_name="decision",
    )
    source_name = models.CharField("imported from", max_length=300, blank=True)
    source_url = models.CharField("source address", max_length=500, blank=True)
    confidence = models.CharField(
        "confidence", max_length=10, choices=Confidence, default=Confidence.SURE
    )
    recognised = models.JSONField("recognised", default=list, blank=True)
    guessed = models.JSONField("guessed", default=list, blank=True)
    narrative = models.JSONField("left as narrative", default=list, blank=True)
    motion = models.JSONField(
        "mover and seconder",
        default=dict,
        blank=True,
        help_text="As printed in the minutes, until motions are recorded as their own rows.",
    )
    status = models.CharField("review", max_length=10, choices=Status, default=Status.OPEN)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.PROTECT,
        related_name="import_reviews",
        null=True,
        blank=True,
        verbose_name="checked by",
    )
    reviewed_at = models.DateTimeField("checked", null=True, blank=True)
    imported_at = models.DateTimeField("imported", auto_now_add=True)

    objects = ImportReviewQuerySet.as_manager()

    class Meta:
        ordering = ["status", "-imported_at", "pk"]
        verbose_name = "import review"
        verbose_name_plural = "import reviews"
        constraints = [
            choices_constraint("confidence", ImportConfidence, "importreview_confidence_valid"),
            choices_constraint("status", ImportReviewStatus, "importreview_status_valid"),
            models.CheckConstraint(
                condition=Q(item__isnull=True, decision__isnull=False)
                | Q(item__isnull=False, decision__isnull=True),
                name="importreview_one_subject",
                violation_error_message="A review is about one item or one decision.",
            ),
            models.CheckConstraint(
                condition=Q(status="open", reviewed_at__isnull=True)
                | Q(status="reviewed", reviewed_at__isnull=False),
                name="importreview_checked_has_date",
            ),
        ]

    def __str__(self):
        return f"Import of {self.subject}"

    def get_absolute_url(self):
        if self.item_id:
            return reverse("admin:agenda_agendaitem_change", args=[self.item_id])
        return reverse("admin:agenda_decision_change", args=[self.decision_id])

    @property
    def subject(self):
        return self.item if self.item_id else self.decision


class LegacyPage(models.TextChoices):
    ITEM = "mgai", "mgAi.aspx (agenda item)"
    MEETING = "ielistdocuments", "ieListDocuments.aspx (meeting)"
    DECISION = "iedecisiondetails", "ieDecisionDetails.aspx (decision)"
    MG_DECISION = "mgdecisiondetails", "mgDecisionDetails.aspx (decision)"
    COMMITTEE = "mgcommitteedetails", "mgCommitteeDetails.aspx (committee)"
    MEETINGS = "ielistmeetings", "ieListMeetings.aspx (committee's meetings)"
    ISSUE = "ieissuedetails", "ieIssueDetails.aspx (issue)"
    ISSUE_HISTORY = "mgissuehistoryhome", "mgIssueHistoryHome.aspx (issue)"


class SourceAddressQuerySet(models.QuerySet):
    def for_request(self, page, params):
        """The first stored address matching `page` and any of the query `params` (a dict
        of lower-cased name to value), in the order of LEGACY_KEYS."""
        keys = [f"{name}:{params[name]}" for name in LEGACY_KEYS.get(page, ()) if name in params]
        pages = [page, *LEGACY_ALIASES.get(page, ())]
        found = {(a.page, a.key): a for a in self.filter(page__in=pages, key__in=keys)}
        for key in keys:
            for candidate in pages:
                if (candidate, key) in found:
                    return found[(candidate, key)]
        return None


# Which query parameter names identify the record on each old page, in order of preference.
LEGACY_KEYS = {
    "mgai": ("id",),
    "ielistdocuments": ("mid",),
    "iedecisiondetails": ("id", "aiid"),
    "mgdecisiondetails": ("id", "iid"),
    "mgcommitteedetails": ("id",),
    "ielistmeetings": ("cid",),
    "ieissuedetails": ("iid",),
    "mgissuehistoryhome": ("iid",),
}
# ModernGov serves the same record under either prefix; an address stored for one answers both.
LEGACY_ALIASES = {
    "iedecisiondetails": ("mgdecisiondetails",),
    "mgdecisiondetails": ("iedecisiondetails",),
    "ieissuedetails": ("mgissuehistoryhome",),
    "mgissuehistoryhome": ("ieissuedetails",),
    "mgcommitteedetails": ("ielistmeetings",),
    "ielistmeetings": ("mgcommitteedetails",),
}


class SourceAddress(models.Model):
    """An address a record had on the old ModernGov site, kept so old links redirect."""

    Page = LegacyPage

    page = models.CharField("old page", max_length=30, choices=Page)
    key = models.CharField("identifier", max_length=60, help_text="e.g. id:9100 or mid:5512")
    url = models.CharField("old address", max_length=500, blank=True)
    committee = models.ForeignKey(
        Committee, models.CASCADE, related_name="source_addresses", null=True, blank=True
    )
    meeting = models.ForeignKey(
        Meeting, models.CASCADE, related_name="source_addresses", null=True, blank=True
    )
    item = models.ForeignKey(
        AgendaItem, models.CASCADE, related_name="source_addresses", null=True, blank=True
    )
    decision = models.ForeignKey(
        Decision, models.CASCADE, related_name="source_addresses", null=True, blank=True
    )
    topic = models.ForeignKey(
        Topic, models.CASCADE, related_name="source_addresses", null=True, blank=True
    )

    objects = SourceAddressQuerySet.as_manager()

    TARGETS = ("committee", "meeting", "item", "decision", "topic")

    class Meta:
        ordering = ["page", "key"]
        verbose_name = "old ModernGov address"
        verbose_name_plural = "old ModernGov addresses"
        constraints = [
            choices_constraint("page", LegacyPage, "sourceaddress_page_valid"),
            models.UniqueConstraint(fields=["page", "key"], name="sourceaddress_unique"),
            models.CheckConstraint(
                condition=(
                    Q(committee__isnull=False, meeting=None, item=None, decision=None, topic=None)
                    | Q(committee=None, meeting__isnull=False, item=None, decision=None, topic=None)
                    | Q(committee=None, meeting=None, item__isnull=False, decision=None, topic=None)
                    | Q(committee=None, meeting=None, item=None, decision__isnull=False, topic=None)
                    | Q(committee=None, meeting=None, item=None, decision=None, topic__isnull=False)
                ),
                name="sourceaddress_one_target",
            ),
        ]

    def __str__(self):
        return self.url or f"{self.page}?{self.key}"

    def get_absolute_url(self):
        return self.target.get_absolute_url()

    @property
    def target(self):
        return next(getattr(self, name) for name in self.TARGETS if getattr(self, f"{name}_id"))
