"""Shared paths and counting helpers for the ModernGov import tests."""

from pathlib import Path

from agenda.models import (
    Action,
    AdditionalContact,
    AgendaItem,
    Attendance,
    Decision,
    Declaration,
    Document,
    ImportReview,
    Meeting,
    Recommendation,
    Resolution,
    SourceAddress,
    Topic,
)
from committees.models import Committee, Membership, Person, ScrutinyArea, Venue

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "moderngov"
# A saved ModernGov item page of the fictional Eastbrook council, shaped like the real ones.
SEED_ITEM = Path(__file__).resolve().parent / "fixtures" / "seed" / "item-exploitation.txt"

MODELS = [
    Action,
    AdditionalContact,
    AgendaItem,
    Decision,
    Declaration,
    ImportReview,
    Membership,
    SourceAddress,
    Topic,
    Attendance,
    Document,
    Meeting,
    Recommendation,
    Resolution,
    Committee,
    Person,
    ScrutinyArea,
    Venue,
]


def counts():
    return {model.__name__: model.objects.count() for model in MODELS}


def fixture(name):
    return (FIXTURES / name).read_bytes()
