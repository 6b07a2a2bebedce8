"""The committee page (mgCommitteeDetails.aspx): its name, purpose, members with their roles
and its support officer."""

import re

from agenda.importers.contacts import parse_contacts
from agenda.importers.numbering import is_furniture
from agenda.importers.page import id_from
from agenda.importers.records import ParsedAttendee, ParsedCommittee, ParsedSource, SourceError

_SECTIONS = {
    "purpose": re.compile(
        r"^(?:purpose(?:\s+of\s+(?:the\s+)?committee)?|terms\s+of\s+reference)\s*:?$", re.I
    ),
    "members": re.compile(r"^(?:membership|members|committee\s+members)\s*:?$", re.I),
    "contact": re.compile(r"^contact(?:\s+information|\s+details)?\s*:?$", re.I),
}  # fmt: skip
_HEADING = re.compile(r"^committee\s+details(?:\s*[-–—:]\s*(?P<name>.+))?$", re.I)
_MEMBER = re.compile(
    r"^(?:councillor|cllr\.?)\s+(?P<name>[^()]+?)\s*(?:\((?P<role>[^()]+)\))?$", re.I
)
_SUPPORT = re.compile(r"^(?:support\s+officer|contact\s+officer|clerk)\s*:\s*(?P<who>.+)$", re.I)


def parse(page):
    lines = [line.text for line in page.lines if line.text and not is_furniture(line.text)]
    name, section = "", None
    committee = ParsedCommittee(name="", external_id=id_from(page.url), source_url=page.url)
    contact_lines = []
    for text in lines:
        if found := _HEADING.match(text):
            name = (found["name"] or "").strip() or name
            continue
        if heading := next((key for key, rx in _SECTIONS.items() if rx.match(text)), None):
            section = heading
            continue
        if not name and section is None:
            name = text
        elif section == "purpose":
            committee.purpose.append(text)
        elif section == "members" and (member := _MEMBER.match(text)):
            committee.members.append(
                ParsedAttendee(name=member["name"].strip(), role=(member["role"] or "").strip())
            )
        elif section == "contact":
            contact_lines.append(text)
    if not name:
        raise SourceError("The committee page gives no committee name.")
    committee.name = name
    support = next((m["who"] for t in contact_lines if (m := _SUPPORT.match(t))), "")
    if support or contact_lines:
        people = parse_contacts(" ".join([support or contact_lines[0], *_details(contact_lines)]))
        committee.contacts = people[:1]
    return ParsedSource(kind="", committees=[committee], source_url=page.url)


def _details(lines):
    """Phone and e-mail lines of the contact box (not the postal address)."""
    return [t for t in lines if re.search(r"\b(?:phone|tel|telephone|e-?mail)\b", t, re.I)]
