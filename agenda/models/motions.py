"""Motions and amendments, shaped like Popolo's Motion (the votes on them: votes.py).

A motion belongs to an agenda item; an amendment is a motion whose `parent` is the
substantive motion it would change, and carries the full wording the motion would have
if it were carried (`text`). A vote event is how the committee decided a motion (show of
hands, without dissent, unanimous, or a recorded vote naming each member), with the chair's
casting vote when the votes are equal. All of it is part of the minutes and locked with
them (agenda.models.locks).
"""

import difflib
import re

from django.core.exceptions import ObjectDoesNotExist
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
        except ObjectDoesNotExist:  # the reverse one-to-one: no vote recorded
            return None
