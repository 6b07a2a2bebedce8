"""Decisions an item records without a RESOLVED list, and who moved and seconded.

Settled once the whole item is read: a "Decision:" block and the "Minutes:" block often
hold the same words (counted once); an outcome may have no keyword ("The minutes … were
approved as a correct record", "AGREED", "The report was noted"); numbered "That …" lines
at the end of a minute have lost their RESOLVED label in rendering. The last two are read
as decisions and reported as guesses. A quoted earlier resolution stays narrative."""

import re

from agenda.importers.numbering import first_upper, match_label, normalised
from agenda.importers.records import NumberedEntry

_WHO = (
    r"(?:(?i:the)\s+)?(?:(?i:councillor|cllr\.?|deputy\s+mayor|mayor|vice[- ]chair(?:man)?|"
    r"chair(?:man)?|leader(?:\s+of\s+the\s+council)?|cabinet\s+member)(?:\s+[A-Z][\w'’-]*){0,4})"
)
_MOTIONS = [
    re.compile(rf"(?i:moved|proposed)\s+by\s+(?P<mover>{_WHO})\s*,?\s*(?i:and\s+)?(?i:seconded)\s+by\s+(?P<seconder>{_WHO})"),
    re.compile(rf"(?i:on\s+the\s+motion\s+of)\s+(?P<mover>{_WHO})\s*,?\s*(?i:seconded\s+by)\s+(?P<seconder>{_WHO})"),
    re.compile(rf"(?P<mover>{_WHO})\s+(?i:moved|proposed)\b.*?\b(?i:seconded\s+by)\s+(?P<seconder>{_WHO})"),
    re.compile(rf"(?P<mover>{_WHO})\s+(?i:moved|proposed)\b.*?(?P<seconder>{_WHO})\s+(?i:seconded)\b"),
]  # fmt: skip
_CORRECT_RECORD = re.compile(
    r"\b(?:approved|agreed|confirmed|accepted|signed|adopted)\b[^.]{0,80}\bas\s+a\s+"
    r"(?:true\s+and\s+)?(?:correct|accurate|true)\s+record\b",
    re.I,
)
_ALONE = re.compile(r"^(?:noted|agreed|received|approved|carried)\.?$", re.I)
_NOTED = re.compile(
    r"^(?:the\s+)?(?:[\w'’-]+\s+){0,6}(?:report|update|information|contents|position|"
    r"presentation|recommendations?|action\s+log|work\s+programme|forward\s+plan|petition|"
    r"minutes)\b[^.;]{0,120}\b(?:was|were|be|is|are)\s+(?:duly\s+|unanimously\s+)?"
    r"(?:noted|received|agreed|endorsed|accepted|adopted|approved)\b[^.;]{0,80}\.?$"
    r"|^(?:the\s+)?(?:committee|panel|board|cabinet|council|members|sub-committee|forum)\s+"
    r"(?:noted|agreed|approved|endorsed|received|accepted)\s+the\s+[^.;]{1,150}\.?$",
    re.I,
)
_DECISION_WORDS = re.compile(
    r"^(?:that|to)\b|\b(?:approved?|agreed?|noted?|resolved|decided|endorsed?|deferred|"
    r"rejected|refused|granted|adopted|appointed|elected|received|delegated|authorised|"
    r"recommended)\b",
    re.I,
)
_NOTHING = re.compile(
    r"^(?:there\s+(?:were|was)\s+(?:none|no\b.*)|none(?:\s+received)?|nil|no\s+\w+.*"
    r"(?:received|made|declared|raised))\.?$",
    re.I,
)
_QUOTE_INTRO = re.compile(
    r"\b(?:had|previously|earlier|last\s+meeting|minute\s+\d|as\s+follows\s+in|"
    r"the\s+(?:following|original)\s+(?:resolution|motion|wording)|reads?\s*:|read\s+as\s+follows)",
    re.I,
)
_PROPOSAL = re.compile(
    r"\b(?:proposed|moved|suggested|recommended)\b.*?\b(?P<that>that\b.+)$", re.I
)


def note_motion(line, report):
    """Keep "moved by Councillor A, seconded by Councillor B" in the report."""
    for pattern in _MOTIONS:
        if found := pattern.search(line):
            motion = {
                "mover": _who(found["mover"]),
                "seconder": _who(found["seconder"]),
                "as_printed": line[:300],
            }
            motions = report.motion.setdefault("motions", [])
            if motion not in motions:
                motions.append(motion)
                report.recognise(f"moved by {motion['mover']}, seconded by {motion['seconder']}")
            return


def _who(text):
    return " ".join(text.split()).rstrip(" ,.")


def agreed_alone(reader):
    """ "AGREED" on its own line decides what the paragraph before it proposed."""
    item, report = reader.item, reader.report
    previous = item.minutes_paragraphs[-1] if item.minutes_paragraphs else ""
    if found := _PROPOSAL.search(previous):
        item.resolutions.append(NumberedEntry("", first_upper(found["that"].strip())))
        report.guess(f"“AGREED” read as deciding “{found['that'][:80]}”")
    else:
        item.resolutions.append(NumberedEntry("", "Agreed."))
        report.recognise("outcome “AGREED” with nothing else recorded")
    reader.phase = "minutes" if reader.phase == "agenda" else reader.phase


def settle(reader):
    item, report = reader.item, reader.report
    _merge_decision_block(reader)
    if not item.resolutions and item.minutes_paragraphs:
        _outcomes_without_keyword(item, report)
    if not item.resolutions and item.minutes_paragraphs:
        _lost_labels(item, report)
    # The same words as a decision and as narrative are counted once.
    decided = {normalised(row.text) for row in item.resolutions}
    item.minutes_paragraphs = [p for p in item.minutes_paragraphs if normalised(p) not in decided]


def _merge_decision_block(reader):
    item, report = reader.item, reader.report
    entries = list(reader.decision_entries)
    narrative = []
    for paragraph in reader.decision_paragraphs:
        label, text = match_label(paragraph) or ("", paragraph)
        if label or (not _NOTHING.match(text) and _DECISION_WORDS.search(text)):
            entries.append(NumberedEntry(label, text))
        else:
            narrative.append(paragraph)
    if not entries and not narrative:
        return
    if not item.resolutions:
        item.resolutions.extend(entries)
        if entries:
            report.recognise("decision read from the “Decision:” block")
    else:
        known = {normalised(row.text) for row in item.resolutions}
        known |= {normalised(p) for p in item.minutes_paragraphs}
        extra = [e for e in entries if normalised(e.text) not in known]
        if extra:
            report.guess(
                "the “Decision:” block differs from the minutes' resolutions; the minutes "
                f"were kept (decision block: “{extra[0].text[:80]}”)"
            )
        else:
            report.recognise("“Decision:” and “Minutes:” copies of the decision counted once")
    written = {normalised(p) for p in item.minutes_paragraphs}
    kept = [p for p in narrative if normalised(p) not in written]
    item.minutes_paragraphs[:0] = kept


def _outcomes_without_keyword(item, report):
    alone = [p for p in item.minutes_paragraphs if _ALONE.match(p)]
    if alone:
        # "Noted." on its own line is the outcome; the sentences around it are narrative.
        item.resolutions.extend(NumberedEntry("", first_upper(p)) for p in alone)
        report.recognise(f"outcome with no RESOLVED label: “{alone[0]}”")
        return
    for paragraph in list(item.minutes_paragraphs):
        if len(paragraph) > 300 or re.search(r"[.;]\s+[A-Z]", paragraph.rstrip(".")):
            continue
        if _CORRECT_RECORD.search(paragraph):
            item.resolutions.append(NumberedEntry("", paragraph))
            report.recognise("outcome with no keyword: approved as a correct record")
        elif _NOTED.match(paragraph):
            item.resolutions.append(NumberedEntry("", paragraph))
            report.guess(f"read as a decision (no RESOLVED label): “{paragraph[:80]}”")


def _lost_labels(item, report):
    paragraphs = item.minutes_paragraphs
    run = []
    for paragraph in reversed(paragraphs):
        labelled = match_label(paragraph)
        if not labelled or not re.match(r"(?:that|to)\b", labelled[1], re.I):
            break
        run.insert(0, NumberedEntry(*labelled))
    start = len(paragraphs) - len(run)
    if not run and paragraphs and re.match(r"that\s+\w", paragraphs[-1], re.I):
        run, start = [NumberedEntry("", paragraphs[-1])], len(paragraphs) - 1
    if not run:
        return
    intro = paragraphs[start - 1] if start > 0 else ""
    if _QUOTE_INTRO.search(intro):
        return  # an earlier resolution quoted in the discussion
    item.resolutions.extend(run)
    del paragraphs[start:]
    report.guess(
        f"{len(run)} decision(s) read from “That …” lines with no RESOLVED label "
        "(the label may have been lost in rendering)"
    )
