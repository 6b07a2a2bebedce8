"""The organisation: committees, the people who sit on them, wards, parties and venues."""

import datetime
import math

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify

from committees.links import link
from committees.richtext import RichTextField

# The smallest quorum the law allows when a committee sets none (LGA 1972 Sch 12 para 6).
MINIMUM_QUORUM = 3


def unique_slug(instance, value, field="slug", max_length=80):
    """A slug from `value` that no other row of the model has, suffixed -2, -3... if needed."""
    base = slugify(value)[:max_length] or "item"
    candidate, n = base, 1
    model = type(instance)
    while model._default_manager.filter(**{field: candidate}).exclude(pk=instance.pk).exists():
        n += 1
        candidate = f"{base[: max_length - len(str(n)) - 1]}-{n}"
    return candidate


def choices_constraint(field, choices, name):
    """A named CheckConstraint that keeps a TextChoices column within its choices."""
    return models.CheckConstraint(condition=Q(**{f"{field}__in": choices.values}), name=name)


class NamedWithSlug(models.Model):
    """Shared shape of small lookup records: a unique name and a slug made from it once."""

    name = models.CharField("name", max_length=120, unique=True)
    slug = models.SlugField("slug", max_length=80, unique=True)

    class Meta:
        abstract = True
        ordering = ["name"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(self, self.name)
        super().save(*args, **kwargs)


class Party(NamedWithSlug):
    """A political group councillors belong to (or "Independent")."""

    short_name = models.CharField("short name", max_length=30, blank=True)
    colour = models.CharField("colour", max_length=7, blank=True, help_text="#rrggbb")

    class Meta(NamedWithSlug.Meta):
        verbose_name = "party"
        verbose_name_plural = "parties"

    def get_absolute_url(self):
        return reverse("committees:person_list") + f"?party={self.slug}"


class Ward(NamedWithSlug):
    """An electoral ward: councillors represent one, agenda items may affect several."""

    class Meta(NamedWithSlug.Meta):
        verbose_name = "ward"
        verbose_name_plural = "wards"

    def get_absolute_url(self):
        return reverse("committees:person_list") + f"?ward={self.slug}"


class ScrutinyArea(NamedWithSlug):
    """An overview and scrutiny remit, e.g. "Children's Services"."""

    class Meta(NamedWithSlug.Meta):
        verbose_name = "overview & scrutiny area"
        verbose_name_plural = "overview & scrutiny areas"

    def get_absolute_url(self):
        return reverse("committees:committee_list") + f"#{self.slug}"


class Venue(models.Model):
    """Where meetings are held (an OParl Location)."""

    name = models.CharField("name", max_length=200, unique=True)
    address = models.TextField("address", blank=True)
    postcode = models.CharField("postcode", max_length=12, blank=True)
    accessibility_notes = models.TextField("access information", blank=True)

    created_at = models.DateTimeField("created", auto_now_add=True, null=True, editable=False)
    updated_at = models.DateTimeField("last changed", auto_now=True, null=True, editable=False)

    class Meta:
        ordering = ["name"]
        verbose_name = "venue"
        verbose_name_plural = "venues"

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("agenda:meeting_list") + f"?venue={self.pk}"


class PersonQuerySet(models.QuerySet):
    def public(self):
        return self.filter(is_public=True)

    def councillors(self):
        return self.filter(kind=Person.Kind.COUNCILLOR)

    def officers(self):
        return self.filter(kind=Person.Kind.OFFICER)


class PersonKind(models.TextChoices):
    COUNCILLOR = "councillor", "Councillor"
    OFFICER = "officer", "Officer"
    OTHER = "other", "Other (co-opted member, partner, witness)"


class Person(models.Model):
    """A councillor, an officer or anyone else who attends, reports or is contacted."""

    Kind = PersonKind

    kind = models.CharField("kind", max_length=20, choices=Kind, default=Kind.COUNCILLOR)
    title = models.CharField("title", max_length=40, blank=True, help_text="e.g. Cllr, Dr")
    name = models.CharField("name", max_length=150)
    slug = models.SlugField("slug", max_length=80, unique=True)
    party = models.ForeignKey(
        Party, models.PROTECT, related_name="people", null=True, blank=True, verbose_name="party"
    )
    ward = models.ForeignKey(
        Ward, models.PROTECT, related_name="people", null=True, blank=True, verbose_name="ward"
    )
    job_title = models.CharField("job title", max_length=200, blank=True)
    phone = models.CharField("phone", max_length=40, blank=True)
    email = models.EmailField("email", blank=True)
    is_public = models.BooleanField("shown on the public site", default=True)
    external_id = models.CharField("source id", max_length=100, blank=True, editable=False)

    created_at = models.DateTimeField("created", auto_now_add=True, null=True, editable=False)
    updated_at = models.DateTimeField("last changed", auto_now=True, null=True, editable=False)
    objects = PersonQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = "person"
        verbose_name_plural = "people"
        constraints = [
            choices_constraint("kind", PersonKind, "person_kind_valid"),
            models.UniqueConstraint(
                fields=["external_id"],
                condition=~Q(external_id=""),
                name="person_external_id_unique",
            ),
        ]

    def __str__(self):
        return self.display_name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(self, self.name)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return link("committees:person_detail", slug=self.slug)

    @property
    def display_name(self):
        return f"{self.title} {self.name}".strip()


class CommitteeQuerySet(models.QuerySet):
    def public(self):
        return self.filter(is_public=True)

    def active(self):
        return self.filter(is_active=True)


class CommitteeKind(models.TextChoices):
    FULL_COUNCIL = "full_council", "Full council"
    EXECUTIVE = "executive", "Executive"
    COMMITTEE = "committee", "Committee"
    SUB_COMMITTEE = "sub_committee", "Sub-committee"
    AREA_COMMITTEE = "area_committee", "Area committee"
    SCRUTINY = "scrutiny", "Overview & scrutiny committee"
    REGULATORY = "regulatory", "Regulatory committee"
    PANEL = "panel", "Panel"


class Committee(models.Model):
    """A decision-making body: full council, executive, committee, panel and so on."""

    Kind = CommitteeKind

    name = models.CharField("name", max_length=200, unique=True)
    slug = models.SlugField("slug", max_length=80, unique=True)
    kind = models.CharField("kind", max_length=20, choices=Kind, default=Kind.COMMITTEE)
    parent = models.ForeignKey(
        "self",
        models.PROTECT,
        related_name="children",
        null=True,
        blank=True,
        verbose_name="parent committee",
    )
    purpose = RichTextField("purpose")
    terms_of_reference = RichTextField("terms of reference")
    scrutiny_area = models.ForeignKey(
        ScrutinyArea,
        models.PROTECT,
        related_name="committees",
        null=True,
        blank=True,
        verbose_name="scrutiny area",
    )
    clerks = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        related_name="clerked_committees",
        blank=True,
        verbose_name="clerks",
        help_text="Editor users who look after this committee: it is on their dashboard.",
    )
    support_officer = models.ForeignKey(
        Person,
        models.PROTECT,
        related_name="supported_committees",
        null=True,
        blank=True,
        verbose_name="support officer",
        help_text="The democratic services contact shown on the committee's pages.",
    )
    default_venue = models.ForeignKey(
        Venue,
        models.PROTECT,
        related_name="default_for_committees",
        null=True,
        blank=True,
        verbose_name="usual venue",
    )
    default_start_time = models.TimeField("usual start time", default=datetime.time(18, 0))
    public_questions_days = models.PositiveSmallIntegerField(
        "public questions deadline",
        default=3,
        help_text="Working days before a meeting by which residents must send a question "
        "or ask to speak.",
    )
    agenda_clear_days = models.PositiveSmallIntegerField(
        "clear days' notice for agendas",
        default=5,
        help_text="Working days between publishing the agenda and the meeting (England: 5).",
    )
    quorum = models.PositiveSmallIntegerField(
        "quorum",
        null=True,
        blank=True,
        help_text="Voting members who must be present for business to be done. Blank: a "
        "quarter of the voting members, and never fewer than three (LGA 1972 Sch 12).",
    )
    is_active = models.BooleanField("active", default=True)
    is_public = models.BooleanField("shown on the public site", default=True)
    position = models.PositiveIntegerField("order in lists", default=100)
    external_id = models.CharField("source id", max_length=100, blank=True, editable=False)

    created_at = models.DateTimeField("created", auto_now_add=True, null=True, editable=False)
    updated_at = models.DateTimeField("last changed", auto_now=True, null=True, editable=False)
    objects = CommitteeQuerySet.as_manager()

    class Meta:
        ordering = ["position", "name"]
        verbose_name = "committee"
        verbose_name_plural = "committees"
        constraints = [
            choices_constraint("kind", CommitteeKind, "committee_kind_valid"),
            models.CheckConstraint(
                condition=~Q(parent=models.F("pk")), name="committee_not_own_parent"
            ),
            models.CheckConstraint(
                condition=Q(quorum__isnull=True) | Q(quorum__gte=1),
                name="committee_quorum_at_least_one",
                violation_error_message="A quorum is at least one member: leave it blank for "
                "the usual quarter of the members (at least three).",
            ),
            models.UniqueConstraint(
                fields=["external_id"],
                condition=~Q(external_id=""),
                name="committee_external_id_unique",
            ),
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(self, self.name)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return link("committees:committee_detail", slug=self.slug)

    def current_memberships(self, on=None):
        return self.memberships.current(on).select_related("person__party", "person__ward")

    def voting_seats(self, on=None):
        """How many voting seats the committee has on `on` (named substitutes excluded)."""
        return self.memberships.current(on).voting().count()

    def quorum_needed(self, on=None):
        """The quorum on `on`: the committee's own setting, else a quarter of its voting
        seats rounded up, and never fewer than three (LGA 1972 Sch 12 para 6)."""
        if self.quorum:
            return self.quorum
        return self.quorum_for(self.voting_seats(on))

    def quorum_for(self, seats):
        """The quorum of a committee of `seats` voting seats (its own setting first)."""
        return self.quorum or max(MINIMUM_QUORUM, math.ceil(seats / 4))


class MembershipQuerySet(models.QuerySet):
    def voting(self):
        """Seats that carry a vote: not a named substitute (who votes only when standing in
        for a member) and not a non-voting co-optee."""
        return self.filter(is_voting=True).exclude(role=MembershipRole.SUBSTITUTE)

    def public(self):
        """Seats shown publicly: a public person on a public committee."""
        return self.filter(person__is_public=True, committee__is_public=True)

    def current(self, on=None):
        on = on or timezone.localdate()
        return self.filter(Q(start_date__lte=on) | Q(start_date__isnull=True)).filter(
            Q(end_date__gte=on) | Q(end_date__isnull=True)
        )


class MembershipRole(models.TextChoices):
    CHAIR = "chair", "Chair"
    VICE_CHAIR = "vice_chair", "Vice-chair"
    MEMBER = "member", "Member"
    SUBSTITUTE = "substitute", "Substitute"
    CO_OPTED = "co_opted", "Co-opted member"


class Membership(models.Model):
    """A person's seat on a committee, with role and dates."""

    Role = MembershipRole

    ROLE_ORDER = {Role.CHAIR: 0, Role.VICE_CHAIR: 1, Role.MEMBER: 2, Role.CO_OPTED: 3}

    person = models.ForeignKey(
        Person, models.PROTECT, related_name="memberships", verbose_name="person"
    )
    committee = models.ForeignKey(
        Committee, models.CASCADE, related_name="memberships", verbose_name="committee"
    )
    role = models.CharField("role", max_length=20, choices=Role, default=Role.MEMBER)
    start_date = models.DateField("from", null=True, blank=True)
    end_date = models.DateField("until", null=True, blank=True)
    is_voting = models.BooleanField("voting member", default=True)
    external_id = models.CharField("source id", max_length=100, blank=True, editable=False)

    created_at = models.DateTimeField("created", auto_now_add=True, null=True, editable=False)
    updated_at = models.DateTimeField("last changed", auto_now=True, null=True, editable=False)
    objects = MembershipQuerySet.as_manager()

    class Meta:
        ordering = ["committee", "role", "person__name"]
        verbose_name = "membership"
        verbose_name_plural = "memberships"
        constraints = [
            choices_constraint("role", MembershipRole, "membership_role_valid"),
            models.CheckConstraint(
                condition=Q(end_date__isnull=True)
                | Q(start_date__isnull=True)
                | Q(end_date__gte=models.F("start_date")),
                name="membership_ends_after_start",
            ),
            models.UniqueConstraint(
                fields=["person", "committee", "start_date"],
                name="membership_unique_per_start",
            ),
        ]

    def __str__(self):
        return f"{self.person} – {self.get_role_display()}, {self.committee}"

    def get_absolute_url(self):
        return self.committee.get_absolute_url()


# The register of interests lives in its own file; importing it here registers the model.
from committees.interests import RegisteredInterest  # noqa: E402, F401
