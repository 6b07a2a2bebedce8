"""The register of members' interests (Localism Act 2011 ss.29–30).

Disclosable pecuniary interests in the categories of SI 2012/1464, other registrable
interests the council's code of conduct asks for, and gifts and hospitality, each with
the dates it was registered and ended; kept with its history and published on the
member's page (the law asks for the register to be published).
"""

from django.db import models
from django.db.models import Q
from django.utils import timezone
from simple_history.models import HistoricalRecords

from committees.models import Person, choices_constraint


class InterestCategory(models.TextChoices):
    EMPLOYMENT = "employment", "Employment, office, trade, profession or vocation"
    SPONSORSHIP = "sponsorship", "Sponsorship"
    CONTRACTS = "contracts", "Contracts"
    LAND = "land", "Land"
    LICENCES = "licences", "Licences"
    CORPORATE_TENANCIES = "corporate_tenancies", "Corporate tenancies"
    SECURITIES = "securities", "Securities"
    OTHER_REGISTRABLE = "other_registrable", "Other registrable interest"
    GIFTS = "gifts", "Gifts and hospitality"


PECUNIARY = {
    InterestCategory.EMPLOYMENT,
    InterestCategory.SPONSORSHIP,
    InterestCategory.CONTRACTS,
    InterestCategory.LAND,
    InterestCategory.LICENCES,
    InterestCategory.CORPORATE_TENANCIES,
    InterestCategory.SECURITIES,
}


class RegisteredInterestQuerySet(models.QuerySet):
    def public(self):
        """The published register: public members' entries, not marked sensitive (a
        member at risk may have an entry withheld, s.32 Localism Act 2011)."""
        return self.filter(person__is_public=True, is_sensitive=False)

    def current(self, on=None):
        on = on or timezone.localdate()
        return self.filter(registered_on__lte=on).filter(
            Q(ended_on__isnull=True) | Q(ended_on__gte=on)
        )


class RegisteredInterest(models.Model):
    """One entry in a member's register of interests."""

    Category = InterestCategory

    person = models.ForeignKey(
        Person, models.PROTECT, related_name="registered_interests", verbose_name="member"
    )
    category = models.CharField("category", max_length=24, choices=Category)
    description = models.TextField("interest", help_text="As the member registered it.")
    registered_on = models.DateField("registered", default=timezone.localdate)
    ended_on = models.DateField("ended", null=True, blank=True)
    value = models.CharField(
        "estimated value", max_length=60, blank=True, help_text="Gifts and hospitality only."
    )
    is_sensitive = models.BooleanField(
        "sensitive (withheld from publication)",
        default=False,
        help_text="Only where the monitoring officer agrees disclosure could lead to "
        "violence or intimidation (Localism Act 2011 s.32).",
    )

    history = HistoricalRecords()
    objects = RegisteredInterestQuerySet.as_manager()

    class Meta:
        ordering = ["person__name", "category", "-registered_on", "pk"]
        verbose_name = "registered interest"
        verbose_name_plural = "register of interests"
        constraints = [
            choices_constraint("category", InterestCategory, "registeredinterest_category_valid"),
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True) | Q(ended_on__gte=models.F("registered_on")),
                name="registeredinterest_ends_after_registered",
                violation_error_message="An interest cannot end before it was registered.",
            ),
        ]

    def __str__(self):
        return f"{self.person}: {self.get_category_display()}"

    def get_absolute_url(self):
        return f"{self.person.get_absolute_url()}#interests"

    @property
    def is_pecuniary(self):
        return self.category in PECUNIARY
