"""Motions, amendments and votes, shaped like Popolo's Motion, VoteEvent, Count and Vote.

A motion belongs to an agenda item; an amendment is a motion whose `parent` is the
substantive motion it would change, and carries the full wording the motion would have
if it were carried (`text`). A vote event is how the committee decided a motion (show of
hands, without dissent, unanimous, or a recorded vote naming each member), with the chair's
casting vote when the votes are equal. All of it is part of the minutes and locked with
them (agenda.models.locks).
"""

import difflib
import re

from django.db import models
from django.db.models import Q
from django.utils.html import escape, format_html, format_html_join
from simple_history.models import HistoricalRecords

from agenda.models.items import AgendaItem
from agenda.models.locks import Lock, LockedQuerySet, LockedRecord
from committees.models import Person, choices_constraint

# "(1) That the report be noted." – the label a clause keeps when it becomes a resolution.
CLAUSE_LABEL = re.compile(r"^\s*(\([0-9a-z]{1,4}\))\s*(.*)$", re.IGNORECASE)


def clauses(text):
    """The numbered clauses of a motion's wording, as (label, text) pairs; one line each.
    A line without a label is given none (the resolution then numbers it)."""
    found = []
    for line in (text or "").splitlines():
        line = line.strip()
        if not line:
            continue
        match = CLAUSE_LABEL.match(line)
        found.append((match.group(1), match.group(2)) if match else ("", line))
    return found


def word_diff(before, after):
    """The change from `before` to `after`, word by word, as a list of (op, words) with
    op one of "same", "del", "ins"."""
    old, new = (before or "").split(), (after or "").split()
    parts = []
    matcher = difflib.SequenceMatcher(a=old, b=new, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            parts.append(("same", " ".join(old[i1:i2])))
            continue
        if tag in ("delete", "replace"):
            parts.append(("del", " ".join(old[i1:i2])))
        if tag in ("insert", "replace"):
            parts.append(("ins", " ".join(new[j1:j2])))
    return parts


DIFF_TAGS = {
    "del": '<del><span class="visually-hidden">removed: </span>{}</del>',
    "ins": '<ins><span class="visually-hidden">inserted: </span>{}</ins>',
    "same": "{}",
}


def word_diff_html(before, after):
    """`word_diff` as HTML with <del> and <ins>, each saying what it is to a screen reader
    (escaped: safe to mark safe)."""
    return " ".join(DIFF_TAGS[op].format(escape(words)) for op, words in word_diff(before, after))


class MotionQuerySet(LockedQuerySet):
    def substantive(self):
        return self.filter(kind=MotionKind.SUBSTANTIVE)

    def pending(self):
        return self.filter(outcome=MotionOutcome.PENDING)

    def public(self):
        """Motions in public minutes: on items whose content and minutes are public."""
        return self.filter(item__in=AgendaItem.objects.with_public_minutes())


class MotionKind(models.TextChoices):
    SUBSTANTIVE = "substantive", "Motion"
    AMENDMENT = "amendment", "Amendment"
    PROCEDURAL = "procedural", "Procedural motion"


class MotionOutcome(models.TextChoices):
    PENDING = "pending", "Before the meeting"
    CARRIED = "carried", "Carried"
    LOST = "lost", "Lost"
    WITHDRAWN = "withdrawn", "Withdrawn"
    DEFERRED = "deferred", "Deferred"
    REFERRED_BACK = "referred_back", "Referred back"


class Motion(LockedRecord):
    """A proposal put to the meeting on an item: a motion (often the report's
    recommendations, moved as they stand), an amendment to one, or a procedural motion
    (to defer, to exclude the public, ...)."""

    Kind = MotionKind
    Outcome = MotionOutcome
    DECIDED = (
        MotionOutcome.CARRIED,
        MotionOutcome.LOST,
        MotionOutcome.WITHDRAWN,
        MotionOutcome.DEFERRED,
        MotionOutcome.REFERRED_BACK,
    )

    record_lock = Lock(meeting="item__meeting")

    item = models.ForeignKey(
        AgendaItem, models.CASCADE, related_name="motions", verbose_name="agenda item"
    )
    position = models.PositiveIntegerField("order")
    kind = models.CharField("kind", max_length=20, choices=Kind, default=Kind.SUBSTANTIVE)
    parent = models.ForeignKey(
        "self",
        models.CASCADE,
        related_name="amendments",
        null=True,
        blank=True,
        verbose_name="amends",
    )
    text = models.TextField(
        "wording", help_text="One clause a line, e.g. “(1) That the report be noted.”"
    )
    proposed_text = models.TextField("wording as moved", editable=False)
    from_recommendation = models.BooleanField("moved as recommended", default=False)
    mover = models.ForeignKey(
        Person,
        models.PROTECT,
        related_name="motions_moved",
        null=True,
        blank=True,
        verbose_name="moved by",
    )
    seconder = models.ForeignKey(
        Person,
        models.PROTECT,
        related_name="motions_seconded",
        null=True,
        blank=True,
        verbose_name="seconded by",
    )
    outcome = models.CharField("outcome", max_length=20, choices=Outcome, default=Outcome.PENDING)
    proposed_at = models.DateTimeField("moved at")
    decided_at = models.DateTimeField("decided at", null=True, blank=True)

    history = HistoricalRecords()
    objects = MotionQuerySet.as_manager()

    class Meta:
        ordering = ["item", "position"]
        verbose_name = "motion"
        verbose_name_plural = "motions"
        constraints = [
            choices_constraint("kind", MotionKind, "motion_kind_valid"),
            choices_constraint("outcome", MotionOutcome, "motion_outcome_valid"),
            models.UniqueConstraint(fields=["item", "position"], name="motion_order_unique"),
            models.CheckConstraint(
                condition=Q(kind="amendment", parent__isnull=False)
                | (~Q(kind="amendment") & Q(parent__isnull=True)),
                name="motion_amendment_has_parent",
                violation_error_message="An amendment amends a motion, and only an "
                "amendment does: choose the motion it changes.",
            ),
            models.CheckConstraint(
                condition=Q(mover__isnull=True)
                | Q(seconder__isnull=True)
                | ~Q(mover=models.F("seconder")),
                name="motion_mover_not_seconder",
                violation_error_message="A member cannot second their own motion.",
            ),
            models.CheckConstraint(
                condition=Q(outcome="pending", decided_at__isnull=True)
                | (~Q(outcome="pending") & Q(decided_at__isnull=False)),
                name="motion_decided_has_time",
            ),
            models.CheckConstraint(
                condition=~Q(text=""),
                name="motion_has_wording",
                violation_error_message="Write the motion's wording.",
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} on item {self.item.number}: {self.text[:60]}"

    def get_absolute_url(self):
        return f"{self.item.get_absolute_url()}#{self.anchor}"

    @property
    def anchor(self):
        return f"{self.item.anchor}-motion-{self.position}"

    @property
    def is_pending(self):
        return self.outcome == MotionOutcome.PENDING

    @property
    def is_amended(self):
        """Whether the wording changed after it was moved (a carried amendment)."""
        return self.text.split() != self.proposed_text.split()

    @property
    def clauses(self):
        return clauses(self.text)

    def change_from_proposal(self):
        """The word diff from the wording as moved to the wording decided."""
        return word_diff(self.proposed_text, self.text)

    @property
    def change_html(self):
        """The change from the recommendations as moved, with <del> and <ins>."""
        # format_html escapes each run of words; the join keeps the result safe.
        return format_html_join(
            " ",
            "{}",
            (
                (format_html(DIFF_TAGS[op], words),)
                for op, words in word_diff(self.proposed_text, self.text)
            ),
        )

    @property
    def decided_by(self):
        """The vote that decided it, or None (no vote, or not taken yet)."""
        try:
            return self.vote_event
        except VoteEvent.DoesNotExist:
            return None


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
