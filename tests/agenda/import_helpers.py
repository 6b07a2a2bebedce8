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
# The shared folder sits beside the repository root (/work/shared next to /work/wt-import).
SEED = Path(__file__).resolve().parents[2] / ".." / "shared" / "seed"
SEED_ITEM = SEED / "agenda-item-exploitation.txt"

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
