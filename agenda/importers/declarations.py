"""Declarations of interest from minutes text, into ParsedDeclaration records:

    Councillor Ann Lee declared a disclosable pecuniary interest in item 6 as … and left
    the room.
    Councillors Joe Bell and Rita Shaw both declared a personal interest in Items 9 and 11.
    0654   Councillor Mary Dooley   Disclosable Pecuniary Interest

Kinds follow the Localism Act 2011 codes: disclosable pecuniary, other registrable,
non-registrable. Older codes' words are mapped and the mapping is reported as a guess."""

import re

from agenda.importers.records import ParsedDeclaration

PECUNIARY, OTHER, NON_REGISTRABLE = "pecuniary", "other_registrable", "non_registrable"
_NAME = r"[A-Z][\w'’.-]*(?:\s+(?:[A-Z][\w'’.-]*|de|van|von|le|la))*"
_MEMBERS = re.compile(
    rf"(?:(?i:the\s+(?:chair(?:man)?|vice[- ]chair(?:man)?|mayor|leader)),?\s+)?"
    rf"(?i:councillors?|cllrs?\.?)\s+"
    rf"(?P<names>{_NAME}(?:\s*(?:,|and|&)\s*(?:(?i:councillor|cllr\.?)\s+)?{_NAME})*)"
    rf"(?:,\s*(?:the\s+)?[^,]{{1,60}},)?,?\s+(?i:both\s+|each\s+|also\s+|had\s+)?"
    rf"(?i:declared|declares|disclosed|registered)\b"
)
_NONE = re.compile(
    r"\b(?:no|there\s+were\s+no|none)\b[^.]{0,40}\b(?:declarations?|interests?)\b|^none\.?$", re.I
)
_ITEMS = re.compile(
    r"\b(?:in|on|regarding|for|relating\s+to|to)\s+(?:agenda\s+)?items?\s+(?:nos?\.?\s*)?"
    r"(?P<list>\d{1,3}[a-z]?(?:\s*(?:,|and|&)\s*\d{1,3}[a-z]?)*)",
    re.I,
)
_MINUTES = re.compile(
    r"\bminutes?\s+(?:nos?\.?\s*)?(?P<list>\d{1,4}(?:\s*(?:,|and|&)\s*\d{1,4})*)", re.I
)
_LEFT = re.compile(
    r"\b(?:left|leave|withdrew|withdraw|vacated?)\b[^.]{0,40}\b(?:room|meeting|chamber|chair)\b|"
    r"\btook\s+no\s+part\b|\bdid\s+not\s+(?:take\s+part|participate|vote)\b",
    re.I,
)
_STAYED = re.compile(r"\bremained\s+in\s+the\s+(?:room|meeting|chamber)\b", re.I)
_DISPENSATION = re.compile(r"\b(?:granted|had|has|with)\s+(?:a\s+)?dispensations?\b", re.I)
_TABLE = re.compile(
    r"^(?P<ref>\d{1,4}(?:\s*(?:&|and|,)\s*\d{1,4})*)\s+(?:councillor|cllr\.?)\s+(?P<name>.+?)\s+"
    r"(?P<kind>disclosable\s+pecuniary|significant\s+other|other\s+registrable|non[- ]registrable|"
    r"personal|prejudicial|pecuniary|non[- ]pecuniary)\s+interest$",
    re.I,
)


def interest_kind(text):
    """(kind, guessed) for the words used; older codes' kinds are guesses."""
    lowered = text.lower()
    if re.search(r"non[- ]?(?:registrable|registerable)", lowered):
        return NON_REGISTRABLE, False
    if re.search(r"non[- ]?pecuniary", lowered):
        return NON_REGISTRABLE, True
    if "disclosable pecuniary" in lowered:
        return PECUNIARY, False
    if "pecuniary" in lowered or "prejudicial" in lowered:
        return PECUNIARY, True
    if re.search(r"other\s+(?:registrable|registerable)", lowered):
        return OTHER, False
    return OTHER, True  # "personal", "significant other", "affected" or unnamed


def sentences(paragraph):
    return [s.strip() for s in re.split(r"(?<=[.;])\s+(?=[A-Z])", paragraph) if s.strip()]


def parse_declarations(paragraphs):
    """Declarations found in minutes paragraphs; [] when "no declarations were made"."""
    found = []
    for paragraph in paragraphs:
        if table := _TABLE.match(paragraph.strip()):
            kind, guessed = interest_kind(table["kind"])
            for ref in re.findall(r"\d{1,4}", table["ref"]):
                found.append(
                    ParsedDeclaration(
                        member=_member(table["name"]),
                        kind=kind,
                        item_number="" if len(ref) > 3 else ref,
                        description=paragraph.strip(),
                        kind_guessed=guessed,
                    )
                )
            continue
        for sentence in sentences(paragraph):
            found.extend(_from_sentence(sentence))
    return found


def _from_sentence(sentence):
    if _NONE.search(sentence) and not _MEMBERS.search(sentence):
        return []
    members = _MEMBERS.search(sentence)
    if not members or "interest" not in sentence.lower():
        return []
    names = _names(members["names"])
    kind, guessed = interest_kind(sentence[members.end() :])
    numbers = []
    for match in _ITEMS.finditer(sentence):
        numbers.extend(re.findall(r"\d{1,3}[a-z]?", match["list"], re.I))
    left = bool(_LEFT.search(sentence)) and not _STAYED.search(sentence)
    dispensed = bool(_DISPENSATION.search(sentence))
    return [
        ParsedDeclaration(
            member=name,
            kind=kind,
            item_number=number,
            description=sentence,
            left_room=left,
            has_dispensation=dispensed,
            kind_guessed=guessed,
        )
        for name in names
        for number in (numbers or [""])
    ]


def _names(text):
    """ "George and Judith Cooper" -> George Cooper, Judith Cooper (the shared surname is
    a reading of the sentence, as printed it names one surname)."""
    parts = [p.strip() for p in re.split(r"\s*(?:,|\band\b|&)\s*", text) if p.strip()]
    parts = [re.sub(r"^(?:councillor|cllr\.?)\s+", "", p, flags=re.I) for p in parts]
    last = parts[-1].split() if parts else []
    names = []
    for part in parts:
        words = part.split()
        if len(words) == 1 and len(last) > 1 and part != parts[-1]:
            part = f"{part} {last[-1]}"
        names.append(_member(part))
    return names


def _member(name):
    name = re.sub(r"^(?:councillor|cllr\.?)\s+", "", name.strip(), flags=re.I)
    return name.strip(" ,.")


def minute_references(sentence):
    return [m for found in _MINUTES.finditer(sentence) for m in re.findall(r"\d+", found["list"])]
