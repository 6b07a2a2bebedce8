"""Attendance lines of minutes, into ParsedAttendee records:

Present: Councillors Ann Lee (Chair), Bob Kay and Cath Moss
Also present: Councillor Zoe Hart (Cabinet Member for Place)
In attendance: Ms D Wilby (Licensing Manager), Mr L Parker (Solicitor)
Apologies for absence were received from Councillors Joe Bell and Rita Shaw.
Councillor Wainwright attended as a substitute for Councillor Borg.
"""

import re

from agenda.importers.records import ParsedAttendee

PRESENT, IN_ATTENDANCE, APOLOGIES, ABSENT, SUBSTITUTE = (
    "Present",
    "In attendance",
    "Apologies",
    "Absent",
    "Present as substitute",
)
_LABEL = re.compile(
    r"^(?P<label>present|councillors\s+present|members\s+present|also\s+present|"
    r"also\s+in\s+attendance|in\s+attendance|officers(?:\s+present|\s+in\s+attendance)?|"
    r"apologies(?:\s+for\s+absence)?|absent|substitutes?)\s*(?::|-|–)\s*(?P<rest>.*)$",
    re.I,
)
_APOLOGIES = re.compile(
    r"^apolog\w*\s+(?:for\s+absence\s+)?(?:were|was|had\s+been|have\s+been)\s+"
    r"(?:received|submitted|given|tendered|made)\s+(?:from|by|on\s+behalf\s+of)\s+(?P<names>.+)$",
    re.I,
)
_SUBSTITUTE = re.compile(
    r"^(?P<sub>(?:councillor|cllr\.?)\s+[\w'’ .-]+?)\s+(?:attended|was\s+present)\s+as\s+(?:a\s+)?"
    r"substitute\s+for\s+(?P<for>(?:councillor|cllr\.?)\s+[\w'’ .-]+?)\.?$",
    re.I,
)
_NO_APOLOGIES = re.compile(r"\bno\s+apologies\b|^apologies\s*:?\s*none\.?$", re.I)
_COUNCILLOR = re.compile(r"^(?:councillors?|cllrs?\.?)\s*:?\s+", re.I)
_OFFICER_TITLE = re.compile(r"^(?:mr|mrs|ms|miss|dr|mx)\.?\s+", re.I)
_ROLE = re.compile(r"\s*\((?P<role>[^()]+)\)\s*$")
_SUBSTITUTED_BY = re.compile(r"^substituted\s+by\s+(?P<name>.+)$", re.I)
STATUS_FOR_LABEL = {
    "present": PRESENT,
    "councillors present": PRESENT,
    "members present": PRESENT,
    "also present": IN_ATTENDANCE,
    "also in attendance": IN_ATTENDANCE,
    "in attendance": IN_ATTENDANCE,
    "officers": IN_ATTENDANCE,
    "officers present": IN_ATTENDANCE,
    "officers in attendance": IN_ATTENDANCE,
    "apologies": APOLOGIES,
    "apologies for absence": APOLOGIES,
    "absent": ABSENT,
    "substitute": SUBSTITUTE,
    "substitutes": SUBSTITUTE,
}


def attendance_label(line):
    """(status, rest) if `line` starts an attendance list."""
    if found := _LABEL.match(line.strip()):
        label = " ".join(found["label"].lower().split())
        return STATUS_FOR_LABEL[label], found["rest"]
    return None


def parse_attendance_line(line, status=None):
    """Attendees a line records, or [] if it records none. `status` continues a list
    begun on an earlier line ("Present:" on its own line, names below)."""
    line = line.strip()
    if _NO_APOLOGIES.search(line):
        return []
    if found := _SUBSTITUTE.match(line):
        return [
            ParsedAttendee(
                name=_clean(found["sub"]),
                attendance=SUBSTITUTE,
                substitute_for=_clean(found["for"]),
            )
        ]
    if found := _APOLOGIES.match(line):
        return names_in(found["names"], APOLOGIES)
    if labelled := attendance_label(line):
        status, rest = labelled
        return names_in(rest, status) if rest else []
    if status:
        return names_in(line, status)
    return []


def names_in(text, status):
    """Names in a list: "Councillors A (Chair), B and C; Councillor D (Vice-Chair)"."""
    attendees = []
    is_officer = status == IN_ATTENDANCE and not _COUNCILLOR.match(text.strip())
    for chunk in re.split(r"\s*;\s*", text.strip().rstrip(".")):
        chunk = chunk.strip()
        if _COUNCILLOR.match(chunk):
            is_officer = False
            chunk = _COUNCILLOR.sub("", chunk, count=1)
        for part in _split_names(chunk):
            part = part.strip(" .")
            role = ""
            if found := _ROLE.search(part):
                role = found["role"].strip()
                part = part[: found.start()].strip()
            if not _is_name(part):
                return attendees  # "…, who had recently given birth" ends the list
            officer = is_officer or bool(_OFFICER_TITLE.match(part))
            attendee = ParsedAttendee(
                name=_clean(part), role=role, attendance=status, is_officer=officer
            )
            if status == APOLOGIES and (sub := _SUBSTITUTED_BY.match(role)):
                attendee.role = ""
                attendees.append(attendee)
                attendees.append(
                    ParsedAttendee(
                        name=_clean(sub["name"]),
                        attendance=SUBSTITUTE,
                        substitute_for=attendee.name,
                    )
                )
                continue
            if role.lower() in {"in the chair", "chairman", "chair"}:
                attendee.role = "Chair"
            attendees.append(attendee)
    return attendees


def _split_names(chunk):
    """Split on commas and "and" outside brackets."""
    parts, depth, current = [], 0, ""
    tokens = re.split(r"(\(|\)|,|\s+and\s+|\s+&\s+)", chunk)
    for piece in tokens:
        if piece == "(":
            depth += 1
        elif piece == ")":
            depth -= 1
        if depth == 0 and (piece == "," or re.fullmatch(r"\s+(?:and|&)\s+", piece or "")):
            parts.append(current)
            current = ""
        else:
            current += piece or ""
    parts.append(current)
    return [p for p in parts if p.strip()]


def _is_name(text):
    words = _OFFICER_TITLE.sub("", text).split()
    return 0 < len(words) <= 5 and all(w[:1].isupper() or w.lower() in {"de", "van"} for w in words)


def _clean(name):
    name = _COUNCILLOR.sub("", name.strip(), count=1)
    return " ".join(name.split()).strip(" ,.")
