"""Fill a database with a large fictional council for the search benchmark.

Full scale (--scale 1) is 20 years of business: ~100 committees, ~20,000 meetings,
~300,000 agenda items (a third with recommendations and resolutions) and ~50,000 published
documents with extracted text, then builds the search index through the real indexing
code. Rows are written with bulk_create in large batches. Use a database of its own:

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/mb_bench DEBUG=1 \\
        .venv/bin/python bench/generate_large_council.py --scale 0.1

The database is migrated first and EMPTIED of agenda and committee rows."""

import argparse
import datetime
import os
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "minutes_site.settings")
os.environ.setdefault("DEBUG", "1")

import django

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.utils import timezone  # noqa: E402

from agenda.models import (  # noqa: E402
    AgendaItem,
    Document,
    Meeting,
    Recommendation,
    Resolution,
    SearchEntry,
)
from agenda.models.locks import rebuilding_fiction  # noqa: E402
from agenda.search.indexing import rebuild_search_index  # noqa: E402
from committees.models import Committee, Membership, Person, Venue  # noqa: E402

PLACES = [
    "Eastbrook",
    "Westford",
    "Northgate",
    "Southmoor",
    "Millbank",
    "Ashby",
    "Kingsmead",
    "Riverside",
    "Hollins",
    "Fernley",
    "Oakworth",
    "Bramley",
    "Thornton",
    "Denholme",
    "Allerton",
    "Heaton",
    "Clayton",
    "Idle",
    "Shipley",
    "Wrose",
]
SUBJECTS = [
    "library opening hours",
    "pothole repairs programme",
    "council tax and budget proposals",
    "protecting children at risk of exploitation",
    "adult social care charging policy",
    "climate emergency action plan",
    "affordable housing delivery",
    "town centre regeneration",
    "school admissions arrangements",
    "air quality management area",
    "waste collection and recycling",
    "parks and green spaces strategy",
    "planning application for residential development",
    "licensing of houses in multiple occupation",
    "street lighting replacement",
    "bus service improvement plan",
    "leisure centre refurbishment",
    "community safety partnership",
    "homelessness prevention strategy",
    "special educational needs provision",
    "flood risk management",
    "treasury management strategy",
    "public health annual report",
    "youth service review",
    "markets and events programme",
    "cycling and walking infrastructure",
    "children's centres consultation",
    "safeguarding adults board annual report",
    "highways asset management",
    "capital programme monitoring",
]
SENTENCES = [
    "The {officer} will submit a report on the {subject} in {place}.",
    "Members are asked to consider the options for the {subject} set out in Document {letter}.",
    "The report summarises consultation responses from residents of {place} and partners.",
    "It outlines the financial implications for the {year} budget and the medium term.",
    "Ward members for {place} have been briefed on the proposals.",
    "An equality impact assessment accompanies the report on the {subject}.",
    "The committee heard from residents of {place} about the {subject}.",
    "Performance against the targets for the {subject} is shown in the appendix.",
    "Risks include rising costs, demand pressures and delays to the programme.",
    "Partners from the police, the NHS and the voluntary sector contributed to the review.",
]
OFFICERS = [
    "Chief Executive",
    "Strategic Director, Place",
    "Director of Children's Services",
    "Director of Finance",
    "Assistant Director, Planning",
]
# ~2.5 documents per 15-item meeting: 50,000 at full scale.
ITEMS_PER_MEETING = 15
DOCUMENT_SHARE = 2.5 / ITEMS_PER_MEETING
KINDS = [k for k, _ in Committee.Kind.choices]


# Real minutes have a large vocabulary with Zipf-like word frequencies: a few civic words
# are everywhere, most words are rare. Filler text draws from the common civic words below
# followed by thousands of made-up words, word of rank r weighing 1/r, so "budget" is
# common but does not appear in nearly every record (as it did with ten fixed sentences).
CIVIC_WORDS = [
    "council",
    "members",
    "committee",
    "report",
    "service",
    "services",
    "residents",
    "proposal",
    "proposals",
    "officers",
    "review",
    "year",
    "plan",
    "policy",
    "cost",
    "costs",
    "local",
    "area",
    "ward",
    "public",
    "staff",
    "scheme",
    "support",
    "funding",
    "consultation",
    "decision",
    "provision",
    "community",
    "partners",
    "contract",
    "performance",
    "delivery",
    "programme",
    "strategy",
    "data",
    "risk",
    "impact",
    "options",
    "agreed",
    "noted",
    "approved",
    "further",
    "update",
    "current",
    "savings",
    "capital",
    "revenue",
    "quarter",
    "target",
    "targets",
    "demand",
    "pressure",
    "investment",
    "assessment",
    "equality",
    "housing",
    "planning",
    "transport",
    "school",
    "schools",
    "children",
    "adults",
    "health",
    "care",
    "social",
    "environment",
    "waste",
    "roads",
    "parking",
    "budget",
    "income",
    "grant",
    "charges",
    "fees",
    "procurement",
    "audit",
    "governance",
    "legal",
    "finance",
    "pension",
]
SYLLABLES = [
    "ba",
    "be",
    "bi",
    "bo",
    "bu",
    "da",
    "de",
    "di",
    "do",
    "du",
    "ka",
    "ke",
    "ki",
    "ko",
    "ku",
    "la",
    "le",
    "li",
    "lo",
    "lu",
    "ma",
    "me",
    "mi",
    "mo",
    "mu",
    "na",
    "ne",
    "ni",
    "no",
    "nu",
    "ra",
    "re",
    "ri",
    "ro",
    "ru",
    "sa",
    "se",
    "si",
    "so",
    "su",
    "ta",
    "te",
    "ti",
    "to",
    "tu",
    "va",
    "ve",
    "vi",
    "vo",
    "vu",
]


def pick_subject(rng):
    """A third of items are on the familiar SUBJECTS (Zipf-weighted), the rest on
    one-off subjects of made-up words, as most agenda items are about something specific."""
    if rng.random() < 1 / 3:
        return rng.choices(SUBJECTS, cum_weights=SUBJECT_WEIGHTS)[0]
    words, cumulative = VOCABULARY
    return " ".join(rng.choices(words[200:], cum_weights=cumulative[200:], k=3))


def make_vocabulary(rng, size=20_000):
    """CIVIC_WORDS first, then made-up words; cumulative Zipf weights for rng.choices."""
    words, seen = list(CIVIC_WORDS), set(CIVIC_WORDS)
    while len(words) < size:
        word = "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4)))
        if word not in seen:
            seen.add(word)
            words.append(word)
    cumulative, running = [], 0.0
    for rank in range(1, len(words) + 1):
        running += 1.0 / rank
        cumulative.append(running)
    return words, cumulative


VOCABULARY = make_vocabulary(random.Random(7))
SUBJECT_WEIGHTS = [sum(1 / r for r in range(1, i + 2)) for i in range(len(SUBJECTS))]


def filler(rng, n_words):
    words, cumulative = VOCABULARY
    return " ".join(rng.choices(words, cum_weights=cumulative, k=n_words)).capitalize() + "."


def sentence(rng, subject, place):
    return rng.choice(SENTENCES).format(
        officer=rng.choice(OFFICERS),
        subject=subject,
        place=place,
        letter=rng.choice("ABCDEFGH"),
        year=rng.randint(2006, 2026),
    )


def paragraph(rng, subject, place, n):
    """One sentence about the subject, then n sentences of Zipf-distributed filler."""
    parts = [sentence(rng, subject, place)]
    parts += [filler(rng, rng.randint(8, 16)) for _ in range(n)]
    return " ".join(parts)


def wipe():
    with transaction.atomic():
        for model in (SearchEntry, Document, Resolution, Recommendation, AgendaItem, Meeting):
            model.objects.all().delete()
        Membership.objects.all().delete()
        Committee.objects.all().delete()
        Person.objects.all().delete()
        Venue.objects.all().delete()


def generate(scale, seed):
    rng = random.Random(seed)
    n_committees = max(5, round(100 * scale))
    n_meetings = max(20, round(20_000 * scale))
    now = timezone.now()
    start = now - datetime.timedelta(days=365 * 20)

    venues = Venue.objects.bulk_create(
        [Venue(name=f"{p} Town Hall", postcode=f"ZZ{i} 1AA") for i, p in enumerate(PLACES)]
    )
    committees = Committee.objects.bulk_create(
        [
            Committee(
                name=f"{rng.choice(PLACES)} {subject.split()[0].title()} Committee {i}",
                slug=f"committee-{i}",
                kind=rng.choice(KINDS),
                purpose=f"<p>{paragraph(rng, rng.choice(SUBJECTS), rng.choice(PLACES), 2)}</p>",
                default_venue=rng.choice(venues),
            )
            for i, subject in enumerate(rng.choices(SUBJECTS, k=n_committees))
        ]
    )
    people = Person.objects.bulk_create(
        [
            Person(name=f"Member {i} {rng.choice(PLACES)}", slug=f"member-{i}", title="Cllr")
            for i in range(max(20, n_committees * 6))
        ]
    )
    Membership.objects.bulk_create(
        [Membership(person=person, committee=rng.choice(committees)) for person in people]
    )

    span = (now - start).total_seconds()
    meetings = []
    for i in range(n_meetings):
        committee = rng.choice(committees)
        when = start + datetime.timedelta(seconds=span * i / n_meetings)
        when = when.replace(hour=18, minute=0, second=0, microsecond=0)
        minutes_out = rng.random() < 0.9
        meetings.append(
            Meeting(
                committee=committee,
                slug=f"{when:%Y-%m-%d}-m{i}",
                start=when,
                venue=committee.default_venue,
                status=Meeting.Status.CANCELLED if rng.random() < 0.03 else Meeting.Status.HELD,
                agenda_status=Meeting.AgendaStatus.PUBLISHED,
                agenda_published_at=when - datetime.timedelta(days=7),
                minutes_status=Meeting.MinutesStatus.APPROVED
                if minutes_out
                else Meeting.MinutesStatus.DRAFT,
                minutes_published_at=when + datetime.timedelta(days=7) if minutes_out else None,
            )
        )
    meetings = Meeting.objects.bulk_create(meetings, batch_size=5000)
    print(f"  {len(meetings)} meetings")

    items, recommendations, resolutions, documents = [], [], [], []
    total = 0
    for meeting in meetings:
        for position in range(1, ITEMS_PER_MEETING + 1):
            subject, place = pick_subject(rng), rng.choice(PLACES)
            exempt = rng.random() < 0.03
            items.append(
                AgendaItem(
                    meeting=meeting,
                    position=position,
                    number=str(position),
                    title=f"{subject.capitalize()}: {place}",
                    agenda_text=f"<p>{paragraph(rng, subject, place, rng.randint(2, 5))}</p>",
                    minutes_text=f"<p>{paragraph(rng, subject, place, rng.randint(1, 3))}</p>",
                    is_exempt=exempt,
                    exempt_paragraph=3 if exempt else None,
                    published_at=meeting.agenda_published_at,
                )
            )
        if len(items) >= 20_000:
            total += flush(rng, items, recommendations, resolutions, documents, total)
    total += flush(rng, items, recommendations, resolutions, documents, total)
    print(f"  {AgendaItem.objects.count()} items, {Document.objects.count()} documents")


def flush(rng, items, recommendations, resolutions, documents, done):
    created = AgendaItem.objects.bulk_create(items, batch_size=5000)
    for item in created:
        if item.pk % 3 == 0:
            recommendations.append(
                Recommendation(item=item, position=1, text="<p>That the report be noted.</p>")
            )
            resolutions.append(
                Resolution(
                    item=item,
                    position=1,
                    text=f"<p>That the {item.title.lower()} be approved.</p>",
                    votes_for=rng.randint(5, 12),
                    votes_against=rng.randint(0, 4),
                )
            )
    for item in created:
        if rng.random() < DOCUMENT_SHARE:
            subject = item.title.split(":")[0].lower()
            place = item.title.split(": ")[-1]
            text = "\n".join(paragraph(rng, subject, place, 4) for _ in range(rng.randint(3, 8)))
            documents.append(
                Document(
                    meeting_id=item.meeting_id,
                    item=item,
                    title=f"Report: {item.title}",
                    slug=f"report-{item.pk}",
                    file=f"documents/bench-{item.pk}.pdf",
                    original_filename="report.pdf",
                    content_type="application/pdf",
                    size=len(text),
                    sha256="0" * 64,
                    published_at=item.published_at,
                    text_content=text,
                )
            )
    Recommendation.objects.bulk_create(recommendations, batch_size=5000)
    Resolution.objects.bulk_create(resolutions, batch_size=5000)
    Document.objects.bulk_create(documents, batch_size=2000)
    count = len(created)
    items.clear()
    recommendations.clear()
    resolutions.clear()
    documents.clear()
    print(f"  {done + count} items…", flush=True)
    return count


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=1.0, help="1.0 = 20 years, full size")
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args()
    if connection.vendor != "postgresql":
        sys.exit("Point DATABASE_URL at a PostgreSQL database of its own (e.g. mb_bench).")
    call_command("migrate", verbosity=0)
    started = time.perf_counter()
    # A fictional council written as it stands: its approved minutes are written whole,
    # which the record lock (agenda/models/locks.py) otherwise refuses.
    with rebuilding_fiction():
        wipe()
        generate(args.scale, args.seed)
    generated = time.perf_counter()
    print(f"Generated in {generated - started:.0f} s; building the search index…")
    total = rebuild_search_index()
    with connection.cursor() as cursor:
        # Building the index in one go writes every row twice (insert, then the vectors);
        # a site's index grows a meeting at a time and autovacuum reuses the space, so
        # compact it like that. Fresh statistics too: the planner and the search's list of
        # common words (pg_stats) depend on them.
        cursor.execute("VACUUM FULL ANALYZE agenda_searchentry")
        cursor.execute("ANALYZE")
    print(f"Indexed {total} entries in {time.perf_counter() - generated:.0f} s.")


if __name__ == "__main__":
    main()
