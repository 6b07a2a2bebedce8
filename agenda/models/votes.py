"""Votes on motions, shaped like Popolo's VoteEvent, Count and Vote, and what the
minutes show of them: how each member voted where the vote was recorded, and the motions
behind an item's resolutions (`minuted_motions`). Part of the minutes and locked with them."""

from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from agenda.models.items import AgendaItem
from agenda.models.locks import Lock, LockedQuerySet, LockedRecord
from agenda.models.motions import Motion
from committees.models import Person, choices_constraint


class VoteMethod(models.TextChoices):
    SHOW_OF_HANDS = "show_of_hands", "Show of hands"
    WITHOUT_DISSENT = "without_dissent", "Without dissent"
    UNANIMOUS = "unanimous", "Unanimous"
    RECORDED = "recorded", "Recorded vote"


class VoteResult(models.TextChoices):
    CARRIED = "carried", "Carried"
    LOST = "lost", "Lost"
    TIED = "tied", "Votes equal"


class CastingVote(models.TextChoices):
    FOR = "for", "For"
    AGAINST = "against", "Against"


class VoteEventQuerySet(LockedQuerySet):
    def public(self):
        return self.filter(motion__item__in=AgendaItem.objects.with_public_minutes())


class VoteEvent(LockedRecord):
    """How the meeting decided one motion (a Popolo VoteEvent with its counts)."""

    Method = VoteMethod
    Result = VoteResult
    Casting = CastingVote
    COUNTED = (VoteMethod.SHOW_OF_HANDS, VoteMethod.RECORDED, VoteMethod.UNANIMOUS)

    record_lock = Lock(meeting="motion__item__meeting")

    motion = models.OneToOneField(
        Motion, models.CASCADE, related_name="vote_event", verbose_name="motion"
    )
    method = models.CharField("how the vote was taken", max_length=20, choices=Method)
    votes_for = models.PositiveSmallIntegerField("for", null=True, blank=True)
    votes_against = models.PositiveSmallIntegerField("against", null=True, blank=True)
    abstentions = models.PositiveSmallIntegerField("abstentions", null=True, blank=True)
    eligible = models.PositiveSmallIntegerField(
        "members able to vote", help_text="Present, not out for an interest, and voting."
    )
    casting_vote = models.CharField(
        "chair's casting vote", max_length=8, choices=Casting, blank=True
    )
    casting_by = models.ForeignKey(
        Person,
        models.PROTECT,
        related_name="casting_votes",
        null=True,
        blank=True,
        verbose_name="casting vote by",
    )
    result = models.CharField("result", max_length=8, choices=Result)
    at = models.DateTimeField("taken at")

    history = HistoricalRecords()
    objects = VoteEventQuerySet.as_manager()

    class Meta:
        ordering = ["motion", "at"]
        verbose_name = "vote"
        verbose_name_plural = "votes"
        constraints = [
            choices_constraint("method", VoteMethod, "voteevent_method_valid"),
            choices_constraint("result", VoteResult, "voteevent_result_valid"),
            models.CheckConstraint(
                condition=Q(casting_vote="") | Q(casting_vote__in=CastingVote.values),
                name="voteevent_casting_vote_valid",
            ),
            models.CheckConstraint(
                condition=(Q(casting_vote="") & Q(casting_by__isnull=True))
                | (~Q(casting_vote="") & Q(casting_by__isnull=False)),
                name="voteevent_casting_vote_has_chair",
                violation_error_message="A casting vote is the chair's: name the chair.",
            ),
            models.CheckConstraint(
                condition=Q(casting_vote="") | Q(votes_for=models.F("votes_against")),
                name="voteevent_casting_vote_only_when_equal",
                violation_error_message="The chair has a casting vote only when the votes "
                "are equal.",
            ),
            models.CheckConstraint(
                condition=~Q(method__in=["show_of_hands", "recorded", "unanimous"])
                | Q(votes_for__isnull=False, votes_against__isnull=False),
                name="voteevent_counted_has_counts",
                violation_error_message="A counted vote needs the numbers for and against.",
            ),
            models.CheckConstraint(
                condition=Q(votes_for__isnull=True)
                | Q(votes_against__isnull=True)
                | Q(abstentions__isnull=True)
                | Q(
                    eligible__gte=models.F("votes_for")
                    + models.F("votes_against")
                    + models.F("abstentions")
                ),
                name="voteevent_count_within_eligible",
                violation_error_message="More votes were counted than members could vote.",
            ),
        ]

    def __str__(self):
        return f"{self.get_method_display()} on {self.motion}: {self.get_result_display()}"

    def get_absolute_url(self):
        return self.motion.get_absolute_url()

    @property
    def carried(self):
        return self.result == VoteResult.CARRIED

    @property
    def counts_line(self):
        """'3 for, 5 against, 1 abstention' (or the method where nothing was counted)."""
        if self.method == VoteMethod.WITHOUT_DISSENT:
            return "without dissent"
        parts = [f"{self.votes_for or 0} for", f"{self.votes_against or 0} against"]
        if self.abstentions:
            parts.append(f"{self.abstentions} abstention{'s' if self.abstentions != 1 else ''}")
        line = ", ".join(parts)
        if self.method == VoteMethod.UNANIMOUS:
            line = f"unanimously, {line}"
        if self.casting_vote:
            line += f"; on the chair's casting vote {self.get_casting_vote_display().lower()}"
        return line


class VoteOption(models.TextChoices):
    YES = "yes", "For"
    NO = "no", "Against"
    ABSTAIN = "abstain", "Abstained"
    ABSENT = "absent", "Absent"
    NOT_VOTING = "not_voting", "Did not vote"


class VoteQuerySet(LockedQuerySet):
    def public(self):
        return self.filter(vote_event__motion__item__in=AgendaItem.objects.with_public_minutes())


class Vote(LockedRecord):
    """One member's vote in a vote event (a Popolo Vote). Written for every member in a
    recorded vote; in other votes only for members who did not vote because of a declared
    interest (so the minutes say "did not vote", never "absent")."""

    Option = VoteOption

    record_lock = Lock(meeting="vote_event__motion__item__meeting")

    vote_event = models.ForeignKey(
        VoteEvent, models.CASCADE, related_name="votes", verbose_name="vote"
    )
    person = models.ForeignKey(Person, models.PROTECT, related_name="votes", verbose_name="member")
    option = models.CharField("vote", max_length=12, choices=Option)
    reason = models.CharField(
        "why", max_length=200, blank=True, help_text="e.g. declared a pecuniary interest"
    )

    history = HistoricalRecords()
    objects = VoteQuerySet.as_manager()

    class Meta:
        ordering = ["vote_event", "person__name"]
        verbose_name = "member's vote"
        verbose_name_plural = "members' votes"
        constraints = [
            choices_constraint("option", VoteOption, "vote_option_valid"),
            models.UniqueConstraint(fields=["vote_event", "person"], name="vote_one_per_member"),
        ]

    def __str__(self):
        return f"{self.person}: {self.get_option_display()}"

    def get_absolute_url(self):
        return self.vote_event.get_absolute_url()


# The order members' votes are listed in the minutes.
NAMED_ORDER = (
    VoteOption.YES,
    VoteOption.NO,
    VoteOption.ABSTAIN,
    VoteOption.NOT_VOTING,
    VoteOption.ABSENT,
)


def named_votes(vote_events):
    """Members' votes in the recorded votes among `vote_events`, in one query:
    {vote event id: [(label, [names]), ...]} in the order the minutes list them."""
    ids = [v.pk for v in vote_events if v is not None and v.method == VoteMethod.RECORDED]
    if not ids:
        return {}
    groups = {}
    votes = Vote.objects.filter(vote_event_id__in=ids).select_related("person")
    for vote in votes.order_by("person__name"):
        groups.setdefault(vote.vote_event_id, {}).setdefault(vote.option, []).append(
            vote.person.display_name
        )
    return {
        pk: [
            (VoteOption(option).label, options[option])
            for option in NAMED_ORDER
            if option in options
        ]
        for pk, options in groups.items()
    }


def minuted_motions(resolutions):
    """The motions the console wrote `resolutions` from, each once and in order, with
    `.named` (members' votes, where the vote was recorded) and `.shows_change` (moved as
    recommended, then amended). Load the rows with select_related("motion__vote_event");
    this then costs one query, and none without a recorded vote."""
    motions = {}
    for row in resolutions:
        if row.motion_id and row.motion_id not in motions:
            motions[row.motion_id] = row.motion
    named = named_votes([motion.decided_by for motion in motions.values()])
    for motion in motions.values():
        vote = motion.decided_by
        motion.named = named.get(vote.pk, []) if vote else []
        motion.shows_change = motion.from_recommendation and motion.is_amended
    return list(motions.values())
