"""Contact lines, in the forms ModernGov pages print them:

    (Darren Minton Manager – 01274 434361)
    (Ann Lee / Bob Kay – 01632 960100 / 01632 960101)
    Contact: Vicky Hale or Huma Yates  Email: huma.yates@example.gov.uk
    Contact: Sue White Tel: (01632) 810262; E-Mail: sue.white@example.gov.uk
    Contact Officer: Jo Bloggs, Head of Housing, 01632 960222

Each becomes one ContactOfficer per person named, with the phone numbers and e-mail
addresses shared out in the order printed (or by the name in the address)."""

import re

from agenda.importers.records import ContactOfficer

_PAREN = re.compile(r"^\((?P<body>[^()]*(?:\([^()]*\)[^()]*)*)\)$")
_LABELLED = re.compile(
    r"^(?:contacts?|contact officers?|contact details|report author|lead officer|"
    r"support officer|officer contact|for further information contact)\s*:\s*(?P<body>.+)$",
    re.I,
)
_PHONE = re.compile(
    r"(?:\+44\s?\(?0?\)?\s?|\(?0)\d{2,4}\)?[\s-]?\d{3,4}[\s-]?\d{3,4}(?:\s*(?:ext\.?|x)\s*\d+)?",
    re.I,
)
_EMAIL = re.compile(r"[\w.+'-]+@[\w-]+(?:\.[\w-]+)+", re.I)
_NOISE = re.compile(
    r"\b(?:tel(?:ephone)?|phone|direct line|mobile|e-?mail|fax)\b\.?\s*(?:no\.?)?\s*:?|"
    r"\bor\s+(?=e-?mail\b)",
    re.I,
)
_SPLIT = re.compile(r"\s+(?:or|and|&)\s+|\s*/\s*|\s*;\s*")
# Words that start a job title rather than continue a name.
JOB_WORDS = {
    "acting", "administrator", "adviser", "advisor", "analyst", "assistant", "business",
    "chief", "clerk", "committee", "co-ordinator", "coordinator", "corporate", "democratic",
    "democracy", "deputy", "director", "engineer", "executive", "governance", "head",
    "interim", "lead", "leader", "legal", "librarian", "manager", "member", "monitoring",
    "officer", "partner", "planner", "policy", "principal", "project", "senior",
    "service", "services", "solicitor", "specialist", "strategic", "team", "technical",
    "flood", "libraries", "area", "housing", "finance", "scrutiny", "programme",
}  # fmt: skip
# The last word of most job titles ("Transport Manager", "Flood Risk Officer").
HEAD_NOUNS = {
    "manager", "officer", "director", "engineer", "assistant", "adviser", "advisor",
    "coordinator", "co-ordinator", "clerk", "planner", "solicitor", "analyst", "librarian",
    "leader", "lead", "specialist", "administrator", "partner",
}  # fmt: skip
HONORIFICS = {"mr", "mrs", "ms", "miss", "dr", "cllr", "councillor", "prof", "mx"}


def contact_body(line):
    """The part of `line` naming contacts, if the line is a contact line."""
    if found := _LABELLED.match(line):
        return found["body"]
    if (found := _PAREN.match(line)) and _PHONE.search(found["body"]):
        return found["body"]
    return None


def parse_contacts(body):
    """[ContactOfficer, ...] for the people a contact line names."""
    phones = [" ".join(p.split()) for p in (m.group(0).strip() for m in _PHONE.finditer(body))]
    emails = _EMAIL.findall(body)
    text = _EMAIL.sub(" ", body)
    text = _PHONE.sub(" ; ", text)
    text = _NOISE.sub(" ", text)
    text = re.sub(r"\s*[–—]\s*|\s+-\s+", " ; ", text)
    people = []
    for part in _SPLIT.split(text):
        part = part.strip(" ,.:-()")
        if part and any(ch.isalpha() for ch in part) and part.lower() not in {"or", "and"}:
            people.append(part)
    contacts = _people(people)
    _share_out(contacts, phones, emails)
    return contacts


def _people(parts):
    """Join a trailing job title ("Democratic Services") back onto the person before it."""
    contacts = []
    for part in parts:
        pieces = [p.strip() for p in part.split(",") if p.strip()]
        words = pieces[0].split()
        if contacts and (_is_job(words) or not _looks_like_name(words)):
            last = contacts[-1]
            last.job_title = ", ".join(filter(None, [last.job_title, part]))
            continue
        contact = _split_name(pieces[0])
        if len(pieces) > 1:
            contact.job_title = ", ".join(filter(None, [contact.job_title, *pieces[1:]]))
        contact.as_printed = " ".join(part.replace(",", " ").split())
        contacts.append(contact)
    return contacts


def _is_job(words):
    return bool(words) and words[0].lower().strip(",") in JOB_WORDS


def _looks_like_name(words):
    named = [w for w in words if w.lower() not in HONORIFICS]
    return bool(named) and all(w[:1].isupper() for w in named[:2])


def _split_name(text):
    """ "Darren Minton Manager" -> Darren Minton / Manager. Words up to the first job word
    are the name (at least two); with no job word, two words of name is a guess."""
    words = text.split()
    start = 1 if words and words[0].lower().strip(".") in HONORIFICS else 0
    for index in range(start + 2, len(words)):
        if words[index].lower() in JOB_WORDS:
            if index > start + 2 and words[index].lower() in HEAD_NOUNS:
                # "Hana Price Transport Manager": the word before "Manager" is more likely
                # part of the job than a third name; the loader still prefers a known
                # longer name ("Mary Ann Smith").
                index = start + 2
                return ContactOfficer(
                    name=" ".join(words[:index]).strip(" .,"),
                    job_title=" ".join(words[index:]),
                    guessed=True,
                )
            name = " ".join(words[:index]).strip(" .,")
            return ContactOfficer(name=name, job_title=" ".join(words[index:]))
    name_words = start + 2
    guessed = len(words) > name_words
    return ContactOfficer(
        name=" ".join(words[:name_words]).strip(" .,"),
        job_title=" ".join(words[name_words:]),
        guessed=guessed,
    )


def _share_out(contacts, phones, emails):
    if not contacts:
        return
    if len(phones) == len(contacts):
        for contact, phone in zip(contacts, phones, strict=True):
            contact.phone = phone
    elif phones:
        contacts[0].phone = phones[0]
        for contact, phone in zip(contacts[1:], phones[1:], strict=False):
            contact.phone = phone
    unplaced = []
    for email in emails:
        local = re.sub(r"[^a-z]", "", email.split("@")[0].lower())
        owner = next(
            (
                c
                for c in contacts
                if not c.email and c.name.split()[-1].lower().strip(".'") in local
            ),
            None,
        )
        if owner:
            owner.email = email
        else:
            unplaced.append(email)
    for contact in contacts:
        if unplaced and not contact.email:
            contact.email = unplaced.pop(0)
