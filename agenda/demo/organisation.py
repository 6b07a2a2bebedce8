"""Build the demo council's organisation: parties, wards, venues, people, committees."""

import datetime
from dataclasses import dataclass, field

from django.utils.text import slugify

from agenda.demo import content
from agenda.demo.upsert import upsert
from committees.models import (
    Committee,
    Membership,
    Party,
    Person,
    ScrutinyArea,
    Venue,
    Ward,
)


@dataclass
class Organisation:
    """What the meetings builder needs to look up by key."""

    committees: dict = field(default_factory=dict)  # key -> Committee
    settings: dict = field(default_factory=dict)  # key -> row of content.COMMITTEES
    members: dict = field(default_factory=dict)  # key -> [Person], chair first
    officers: dict = field(default_factory=dict)  # key -> Person
    scrutiny: dict = field(default_factory=dict)  # name -> ScrutinyArea
    wards: dict = field(default_factory=dict)  # name -> Ward
    area_of_ward: dict = field(default_factory=dict)


def _municipal_year_start(anchor):
    """Mid-May annual council on or before six months ago: every demo seat covers the
    whole window of past meetings."""
    earliest = anchor - datetime.timedelta(days=200)
    start = datetime.date(earliest.year, 5, 20)
    return start if start <= earliest else datetime.date(earliest.year - 1, 5, 20)


def build_organisation(anchor):
    org = Organisation()
    parties = {
        short: upsert(Party, {"name": name}, short_name=short, colour=colour)
        for name, short, colour in content.PARTIES
    }
    for area, wards in content.AREAS.items():
        for name in wards:
            org.wards[name] = upsert(Ward, {"name": name})
            org.area_of_ward[name] = area
    for name in content.SCRUTINY_AREAS:
        org.scrutiny[name] = upsert(ScrutinyArea, {"name": name})
    venues = [
        upsert(Venue, {"name": name}, address=address, accessibility_notes=access)
        for name, address, access in content.VENUES
    ]

    councillors = [
        upsert(
            Person,
            {"external_id": f"demo:person:{slugify(name)}"},
            kind=Person.Kind.COUNCILLOR,
            title="Cllr",
            name=name,
            party=parties[party],
            ward=org.wards[ward],
            email=f"cllr.{slugify(name).replace('-', '.')}@calderbrook.example",
        )
        for name, ward, party in content.COUNCILLORS
    ]
    for key, name, job_title, phone in content.OFFICERS:
        org.officers[key] = upsert(
            Person,
            {"external_id": f"demo:person:{slugify(name)}"},
            kind=Person.Kind.OFFICER,
            name=name,
            job_title=job_title,
            phone=f"01632 {phone}",
            email=f"{slugify(name).replace('-', '.')}@calderbrook.example",
        )

    for position, row in enumerate(content.COMMITTEES, start=1):
        key, name, kind, scrutiny, officer, venue, (hour, minute), *_rest, purpose = row
        org.settings[key] = row
        org.committees[key] = upsert(
            Committee,
            {"external_id": f"demo:committee:{key}"},
            name=name,
            kind=kind,
            parent=None,
            purpose=f"<p>{purpose}</p>",
            terms_of_reference=content.TERMS_OF_REFERENCE,
            scrutiny_area=org.scrutiny.get(scrutiny),
            support_officer=org.officers[officer],
            default_venue=venues[venue],
            default_start_time=datetime.time(hour, minute),
            position=position * 10,
        )

    seats = dict(content.MEMBERS)
    seats["council"] = [11, 24, *[i for i in range(30) if i not in (11, 24)]]
    for area in content.AREAS:
        in_area = [i for i, row in enumerate(content.COUNCILLORS) if row[1] in content.AREAS[area]]
        seats[f"area_{area}"] = [in_area[0], in_area[3], *in_area[1:3], *in_area[4:]]
    start = _municipal_year_start(anchor)
    for key, indexes in seats.items():
        org.members[key] = [councillors[i] for i in indexes]
        for rank, index in enumerate(indexes):
            role = {0: Membership.Role.CHAIR, 1: Membership.Role.VICE_CHAIR}.get(
                rank, Membership.Role.MEMBER
            )
            upsert(
                Membership,
                {"external_id": f"demo:membership:{key}:{index}"},
                person=councillors[index],
                committee=org.committees[key],
                role=role,
                start_date=start,
                is_voting=True,
            )
    return org
