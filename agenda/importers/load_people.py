"""Saving the people an import names: contact officers (several per item or meeting),
attendance, declarations of interest and a committee's members and support officer."""

from django.db.models import Q
from django.db.models.functions import Lower

from agenda.importers.contacts import HONORIFICS
from agenda.models import AdditionalContact, Attendance, Declaration
from committees.models import Membership, Person, ScrutinyArea

ATTENDANCE_WORDS = [
    ("substitute", Attendance.Status.SUBSTITUTE),
    ("virtual", Attendance.Status.PRESENT_VIRTUALLY),
    ("remote", Attendance.Status.PRESENT_VIRTUALLY),
    ("in attendance", Attendance.Status.IN_ATTENDANCE),
    ("apolog", Attendance.Status.APOLOGIES),
    ("absent", Attendance.Status.ABSENT),
    ("present", Attendance.Status.PRESENT),
]
ROLES = [
    ("vice", Membership.Role.VICE_CHAIR),
    ("chair", Membership.Role.CHAIR),
    ("substitute", Membership.Role.SUBSTITUTE),
    ("co-opted", Membership.Role.CO_OPTED),
]
DECLARATION_KINDS = {kind.value for kind in Declaration.Kind}


def _straight(name):
    return name.replace("’", "'").replace("‘", "'").strip()


def _bare(name):
    for prefix in ("Councillor ", "Cllr. ", "Cllr "):
        if name.startswith(prefix):
            name = name[len(prefix) :]
    return name.strip()


class PeopleLoader:
    """Mixed into the loader: needs `_sync`, `note`, `report`, `people` and `areas`."""

    def _scrutiny_area(self, name):
        name = _straight(name)[:120]
        if not name:
            return None
        if name.lower() in self.areas:
            return self.areas[name.lower()]
        area = ScrutinyArea.objects.filter(name__iexact=name).first()
        if area is None:
            area = ScrutinyArea.objects.create(name=name)
            self.report.created["scrutiny area"] += 1
        self.areas[name.lower()] = area
        return area

    @staticmethod
    def _contact_candidates(contact):
        """The names a contact may be known by, longest first ("Mary Ann Smith" before
        "Mary Ann"), each cut to the field's length."""
        words = (contact.as_printed or contact.name).split()
        candidates = [" ".join(words[:n]) for n in range(min(len(words), 5), 1, -1)]
        return [candidate[:150] for candidate in candidates] or [contact.name[:150]]

    def _prefetch_contacts(self, contacts):
        """Everyone these contacts may name, in one query (the meeting's items at once)."""
        names = {
            candidate.lower()
            for contact in contacts
            if contact is not None and contact.name
            for candidate in self._contact_candidates(contact)
        }
        self.known_names = names
        self.named = {}
        if names:
            people = Person.objects.annotate(lowered=Lower("name")).filter(lowered__in=names)
            for person in people.order_by("-kind", "-pk"):
                self.named[person.name.lower()] = person  # the last (lowest kind, pk) wins

    def _contact(self, contact):
        if contact is None or not contact.name:
            return None
        key = contact.as_printed or contact.name
        if key in self.people:
            return self.people[key]
        name = contact.name[:150]
        # A person we already know by a longer name ("Mary Ann Smith") wins over the guess.
        candidates = self._contact_candidates(contact)
        lowered = {candidate.lower() for candidate in candidates}
        if lowered <= getattr(self, "known_names", set()):
            found = self.named  # read for the whole meeting at once (_prefetch_contacts)
        else:
            query = Q()
            for candidate in candidates:
                query |= Q(name__iexact=candidate)
            people = Person.objects.filter(query).order_by("-kind", "-pk")
            found = {p.name.lower(): p for p in people}
        person = next((found[c.lower()] for c in candidates if c.lower() in found), None)
        if person is None:
            person = Person.objects.create(
                kind=Person.Kind.OFFICER,
                name=name,
                job_title=contact.job_title[:200],
                phone=contact.phone[:40],
                email=contact.email[:254],
            )
            self.report.created["person"] += 1
            if hasattr(self, "named"):
                self.named.setdefault(name.lower(), person)
        self.people[key] = person
        return person

    def _further_contacts(self, contacts, *, meeting=None, item=None):
        """Contacts after the first, kept in order as AdditionalContact rows."""
        owner = {"meeting": meeting} if meeting is not None else {"item": item}
        prefetched = getattr(self, "extra_contacts", None)
        if item is not None and prefetched is not None:
            existing = prefetched.pop(item.pk, {})  # read for the whole meeting at once
            if not existing and len(contacts) < 2:
                return
        else:
            existing = {row.person_id: row for row in AdditionalContact.objects.filter(**owner)}
        for position, contact in enumerate(contacts[1:], start=2):
            person = self._contact(contact)
            if person is None:
                continue
            row = existing.pop(person.pk, None)
            self._sync(
                "further contact",
                row or AdditionalContact(person=person, **owner),
                {"position": position},
                row is None,
            )
        if existing:
            AdditionalContact.objects.filter(pk__in=[row.pk for row in existing.values()]).delete()
            self.note(f"removed {len(existing)} further contact(s) no longer in the source")

    def _attendance(self, meeting, attendee):
        word = attendee.attendance.lower()
        status = next((s for key, s in ATTENDANCE_WORDS if key in word), None)
        if status is None:
            self.note(
                f"skipped: attendance of {attendee.name[:80]} "
                f"(“{attendee.attendance or 'not recorded'}” is not an attendance record)"
            )
            return
        person = self._attendee(attendee)
        record = Attendance.objects.filter(meeting=meeting, person=person).first()
        values = {"status": status, "note": attendee.role[:200], "substitute_for_id": None}
        if status == Attendance.Status.SUBSTITUTE and attendee.substitute_for:
            values["substitute_for_id"] = self._councillor(attendee.substitute_for).pk
        self._sync(
            "attendance",
            record or Attendance(meeting=meeting, person=person),
            values,
            record is None,
        )

    def _attendee(self, attendee):
        ext = f"mg-member-{attendee.external_id}"[:100] if attendee.external_id else ""
        name = _bare(attendee.name)[:150] or attendee.name[:150]
        is_officer = attendee.is_officer or "officer" in attendee.role.lower()
        honorific, _space, rest = name.partition(" ")
        title = "" if is_officer else "Cllr"
        if is_officer and rest and honorific.lower().strip(".") in HONORIFICS:
            title, name = honorific, rest  # "Ms L Carter": title Ms, name L Carter
        person = (ext and Person.objects.filter(external_id=ext).first()) or self._known(name)
        if person is None:
            person = Person.objects.create(
                name=name,
                external_id=ext,
                kind=Person.Kind.OFFICER if is_officer else Person.Kind.COUNCILLOR,
                title=title,
                job_title=attendee.role[:200] if is_officer else "",
            )
            self.report.created["person"] += 1
            self.people[name.lower()] = person
        elif ext and not person.external_id:
            person.external_id = ext
            person.save(update_fields=["external_id"])
        return person

    def _known(self, name):
        """A person by full name, or by surname alone when only one person has it."""
        if name.lower() in self.people:
            return self.people[name.lower()]
        person = Person.objects.filter(name__iexact=name).order_by("kind", "pk").first()
        if person is None and " " not in name.strip():
            matches = list(Person.objects.filter(name__iendswith=f" {name.strip()}")[:2])
            person = matches[0] if len(matches) == 1 else None
        return person

    def _councillor(self, name):
        name = _bare(name)[:150]
        person = self._known(name)
        if person is None:
            person = Person.objects.create(name=name, kind=Person.Kind.COUNCILLOR, title="Cllr")
            self.report.created["person"] += 1
            self.people[name.lower()] = person
        return person

    def _declarations(self, meeting, parsed_items, items_by_number):
        """Declarations found in the minutes, each on the item it names (or the item it was
        recorded under, or the meeting). Matched by member, item and kind: a second run
        changes nothing; a clerk's own declarations are left alone."""
        existing = {
            (d.person_id, d.item_id, d.kind): d for d in Declaration.objects.filter(meeting=meeting)
        }
        for parsed, item in parsed_items:
            for found in parsed.declarations:
                if found.kind not in DECLARATION_KINDS:
                    continue
                target = items_by_number.get(found.item_number.lower().rstrip("."))
                if target is None and found.item_number:
                    parsed.report.guess(
                        f"{found.member}'s declaration names item {found.item_number}, which "
                        "is not on this page: kept on the meeting"
                    )
                if target is None and not found.item_number and parsed.kind != "declarations":
                    target = item
                person = self._councillor(found.member)
                key = (person.pk, target.pk if target else None, found.kind)
                values = {
                    "description": found.description[:2000],
                    "left_room": found.left_room,
                    "has_dispensation": found.has_dispensation,
                }
                row = existing.pop(key, None)
                self._sync(
                    "declaration",
                    row
                    or Declaration(meeting=meeting, item=target, person=person, kind=found.kind),
                    values,
                    row is None,
                )

    def _committee_details(self, committee, parsed):
        values = {}
        if parsed.purpose and not committee.purpose:
            values["purpose"] = "".join(f"<p>{p}</p>" for p in parsed.purpose)
        if parsed.contacts and (officer := self._contact(parsed.contacts[0])):
            values["support_officer_id"] = officer.pk
        if values:
            self._sync("committee", committee, values)
        for member in parsed.members:
            person = self._councillor(member.name)
            role = next((r for word, r in ROLES if word in member.role.lower()), None)
            role = role or Membership.Role.MEMBER
            row = Membership.objects.filter(person=person, committee=committee).first()
            self._sync(
                "membership",
                row or Membership(person=person, committee=committee),
                {"role": role},
                row is None,
            )
