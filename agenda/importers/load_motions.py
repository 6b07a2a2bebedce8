"""Mover and seconder lines of imported minutes as motion data (the console's Motion).

ModernGov minutes say "moved by Councillor A, seconded by Councillor B" in prose; the
parser keeps each line (outcomes.note_motion). Here the first such line of an item with
resolutions becomes its substantive motion, carried in the words resolved; a line that
speaks of an amendment becomes an amendment to it, carried or lost as the line says (its
wording is the line as printed, the only record of it). Nothing else is guessed: lines
that fit neither stay in the import review."""

import re

from agenda.models import Meeting, Motion

_AMENDMENT = re.compile(r"\bamendment\b", re.I)
_LOST = re.compile(r"\b(?:lost|fell|defeated|not\s+carried)\b", re.I)
_CARRIED = re.compile(r"\bcarried\b", re.I)
_WITHDRAWN = re.compile(r"\bwithdrawn\b", re.I)


def _amendment_outcome(line):
    if _WITHDRAWN.search(line):
        return Motion.Outcome.WITHDRAWN
    if _LOST.search(line):
        return Motion.Outcome.LOST
    if _CARRIED.search(line):
        return Motion.Outcome.CARRIED
    return None


class MotionLoader:
    """Mixed into the loader: needs `_councillor`, `report` and `note`."""

    def _motions(self, meeting, item, parsed):
        noted = (parsed.report.motion or {}).get("motions", [])
        if not noted or not parsed.resolutions:
            return
        existing = {m.position: m for m in Motion.objects.filter(item=item)}
        if not existing and meeting.minutes_status == Meeting.MinutesStatus.APPROVED:
            return  # imported before motions were kept: the approved record stays as it is
        wording = "\n".join(
            " ".join(part for part in (entry.label, entry.text) if part)
            for entry in parsed.resolutions
        )
        rows = [(noted[0], Motion.Kind.SUBSTANTIVE, Motion.Outcome.CARRIED, wording)]
        for line in noted[1:]:
            outcome = _amendment_outcome(line["as_printed"])
            if _AMENDMENT.search(line["as_printed"]) and outcome:
                rows.append((line, Motion.Kind.AMENDMENT, outcome, line["as_printed"]))
        substantive = None
        for position, (line, kind, outcome, text) in enumerate(rows, start=1):
            mover = self._councillor(line["mover"]) if line["mover"] else None
            seconder = self._councillor(line["seconder"]) if line["seconder"] else None
            if seconder is not None and seconder == mover:
                seconder = None
            values = {
                "kind": kind,
                "parent": substantive if kind == Motion.Kind.AMENDMENT else None,
                "text": text,
                "proposed_text": text,
                "mover": mover,
                "seconder": seconder,
                "outcome": outcome,
                "proposed_at": meeting.start,
                "decided_at": meeting.start,
            }
            motion = existing.get(position)
            if motion is None:
                motion = Motion.objects.create(item=item, position=position, **values)
                self.report.created["motion"] += 1
            elif any(getattr(motion, key) != value for key, value in values.items()):
                for key, value in values.items():
                    setattr(motion, key, value)
                motion.save()
                self.report.updated["motion"] += 1
            else:
                self.report.unchanged["motion"] += 1
            if kind == Motion.Kind.SUBSTANTIVE:
                substantive = motion
