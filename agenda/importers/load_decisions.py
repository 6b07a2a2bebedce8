"""Saving decision pages into Decision records, linked to the committee, meeting, item and
(when it is clearly one) resolution they belong to; officer decisions stand alone."""

import hashlib
import re

from agenda.importers.load_text import entries_html, paragraphs_html
from agenda.importers.numbering import normalised
from agenda.models import AgendaItem, Decision, Meeting
from agenda.models.decisions import PUBLISHED_DECISION_FIELDS
from agenda.models.items import EXEMPT_PARAGRAPH_NUMBERS
from agenda.models.locks import opened
from committees.models import Committee

STATUS_WORDS = [
    ("determination", Decision.Status.FOR_DETERMINATION),
    ("amend", Decision.Status.APPROVED_AMENDED),
    ("call", Decision.Status.CALLED_IN),
    ("implement", Decision.Status.IMPLEMENTED),
    ("withdraw", Decision.Status.WITHDRAWN),
    ("defer", Decision.Status.DEFERRED),
    ("refer", Decision.Status.REFERRED),
    ("reject", Decision.Status.REJECTED),
    ("refused", Decision.Status.REJECTED),
    ("not approved", Decision.Status.REJECTED),
    ("noted", Decision.Status.NOTED),
    ("information", Decision.Status.NOTED),
    ("approv", Decision.Status.APPROVED),
    ("agreed", Decision.Status.APPROVED),
]
KINDS = {
    "committee": Decision.Kind.COMMITTEE,
    "executive_member": Decision.Kind.EXECUTIVE_MEMBER,
    "officer": Decision.Kind.OFFICER,
}
FALLBACK_EXEMPT_PARAGRAPH = 1


def publish_decision_as_at_source(decision, now):
    """A decision that was public at the source is published as it was there (a system
    action, like `load.publish_as_at_source`; the publishing door will take this over)."""
    if decision.published_at is None:
        decision.published_at = now
        with opened("decision.published_at"):
            decision.save(update_fields=["published_at"])
        return True
    return False


def decision_status(text):
    lowered = text.lower()
    if not lowered:
        return Decision.Status.APPROVED, False
    found = next((status for word, status in STATUS_WORDS if word in lowered), None)
    return (found, False) if found else (Decision.Status.OTHER, True)


def call_in(text):
    lowered = text.lower()
    if "called" in lowered:
        return Decision.CallIn.CALLED_IN
    if lowered.startswith(("no", "not")):
        return Decision.CallIn.NOT_SUBJECT
    if lowered.startswith(("yes", "subject")):
        return Decision.CallIn.SUBJECT
    return Decision.CallIn.UNKNOWN


class DecisionLoader:
    """Mixed into the loader: needs `_sync`, `_committee`, `_contact`, `_review`,
    `_address`, `note`, `now` and `report`."""

    def _decision(self, parsed):
        report = parsed.report
        ext = self._decision_ext(parsed)
        decision = Decision.objects.filter(external_id=ext).first()
        committee, meeting, item = self._decision_place(parsed)
        status, unsure = decision_status(parsed.status)
        if unsure:
            report.guess(f"status “{parsed.status}” kept as printed (no matching status)")
        is_exempt = parsed.is_exempt or bool(item and item.is_exempt)
        paragraph = parsed.exempt_paragraph or (item.exempt_paragraph if item else None)
        if is_exempt and paragraph not in EXEMPT_PARAGRAPH_NUMBERS:
            paragraph = FALLBACK_EXEMPT_PARAGRAPH
            report.guess("exempt, but the page gives no Schedule 12A paragraph: set to 1")
        values = {
            "title": parsed.title[:300],
            "kind": KINDS.get(parsed.kind, Decision.Kind.COMMITTEE),
            "status": status,
            "status_as_printed": parsed.status[:120],
            "decision_maker": parsed.decision_maker[:200],
            "committee_id": getattr(committee, "pk", None),
            "meeting_id": getattr(meeting, "pk", None),
            "item_id": getattr(item, "pk", None),
            "resolution_id": self._decision_resolution(item, parsed),
            "lead_officer_id": getattr(self._contact(parsed.lead_officer), "pk", None),
            "is_key_decision": bool(parsed.is_key),
            "call_in": call_in(parsed.call_in),
            "purpose": paragraphs_html(parsed.purpose),
            "text": paragraphs_html(parsed.paragraphs) + entries_html(parsed.entries),
            "reasons": paragraphs_html(parsed.reasons),
            "alternatives": paragraphs_html(parsed.alternatives),
            "conflicts": paragraphs_html(parsed.conflicts),
            "dispensations": paragraphs_html(parsed.dispensations),
            "decided_on": parsed.decided_on,
            "publication_date": parsed.publication_date,
            "effective_from": parsed.effective_from,
            "is_exempt": is_exempt,
            "exempt_paragraph": paragraph if is_exempt else None,
            "source_url": parsed.source_url[:500] if parsed.source_url.startswith("http") else "",
        }
        new = decision is None
        if not new and decision.published_at is not None:
            values = self._kept_as_published(decision, values)
        decision = self._sync("decision", decision or Decision(external_id=ext), values, new)
        if publish_decision_as_at_source(decision, self.now) and not new:
            self.report.updated["decision"] += 1
        where = f"item “{item.title[:60]}”" if item else (str(meeting) if meeting else "")
        report.recognise(
            f"decision by {parsed.decision_maker or 'an unnamed maker'}"
            + (f", on {where}" if where else "")
        )
        self._review(report, parsed.source_url, decision=decision)
        if match := re.fullmatch(r"decision-(ai-)?(\d+)", parsed.external_id):
            form = "decision-ai" if match[1] else "decision"
            self._address(form, match[2], parsed.source_url, decision=decision)
        self.report.item_reports.append((f"decision “{parsed.title[:60]}”", report))
        return decision

    def _kept_as_published(self, decision, values):
        """A decision already published here is part of the record: the source's later
        changes are not applied (a correction is a recorded step), and the clerk is told."""
        differing = [
            str(Decision._meta.get_field(key.removesuffix("_id")).verbose_name)
            for key, value in values.items()
            if key.removesuffix("_id") in PUBLISHED_DECISION_FIELDS
            and getattr(decision, key) != value
        ]
        if differing:
            self.note(
                f"Decision “{decision.title[:80]}” is published here and the source now "
                f"differs in {', '.join(differing)}: it was kept as published. Record a "
                "correction if the source is right."
            )
        return {
            key: value
            for key, value in values.items()
            if key.removesuffix("_id") not in PUBLISHED_DECISION_FIELDS
        }

    @staticmethod
    def _decision_ext(parsed):
        if parsed.external_id:
            return f"mg-{parsed.external_id}"[:100]
        when = parsed.decided_on.isoformat() if parsed.decided_on else ""
        key = f"{parsed.decision_maker.lower()}|{when}|{parsed.title.lower()}"
        return "mg-decision-text-" + hashlib.sha256(key.encode()).hexdigest()[:32]

    def _decision_place(self, parsed):
        committee = meeting = item = None
        if parsed.item_external_id:
            item = AgendaItem.objects.filter(external_id=f"mg-{parsed.item_external_id}").first()
        if parsed.meeting_committee:
            committee = self._committee(parsed.meeting_committee)
            if parsed.meeting_date:
                meeting = (
                    Meeting.objects.filter(committee=committee, start__date=parsed.meeting_date)
                    .order_by("pk")
                    .first()
                )
        elif parsed.kind == "committee" and parsed.decision_maker:
            committee = Committee.objects.filter(name__iexact=parsed.decision_maker).first()
        if item is None and meeting is not None:
            title = normalised(parsed.title)
            item = next((i for i in meeting.items.all() if normalised(i.title) == title), None)
        if item is not None:
            meeting = item.meeting
            committee = committee or item.meeting.committee
        elif meeting is None and parsed.meeting_committee:
            parsed.report.guess(
                f"made at the meeting of {parsed.meeting_committee} on "
                f"{parsed.meeting_date or 'an unknown date'}, which is not imported yet"
            )
        return committee, meeting, item

    @staticmethod
    def _decision_resolution(item, parsed):
        """The one resolution this decision is, if that is clear: the item has just one,
        or exactly one has the decision's words."""
        if item is None:
            return None
        rows = list(item.resolutions.all())
        words = {normalised(e.text) for e in parsed.entries} | {
            normalised(p) for p in parsed.paragraphs
        }
        matching = [row for row in rows if normalised(_plain(row.text)) in words]
        chosen = matching[0] if len(matching) == 1 else (rows[0] if len(rows) == 1 else None)
        if chosen is None:
            return None
        taken = Decision.objects.filter(resolution=chosen).exclude(
            external_id=DecisionLoader._decision_ext(parsed)
        )
        return None if taken.exists() else chosen.pk


def _plain(html):
    return re.sub(r"<[^>]+>", " ", html)
