"""Meeting console benchmark: the server time of each console action.

Runs a scripted 20-item meeting (eight members, a substitute, arrivals and departures,
declarations, motions from the recommendations, amendments carried and lost, show-of-hands
and recorded votes, casting votes, actions, notes, an exclusion of the public) in a
throwaway test database, twice over:

- `apply_event`: the action itself (validate, apply, log, write the item's minutes);
- form post: the same actions as the no-JavaScript forms send them, through the whole
  request stack (session, CSRF, permission, redirect), plus the console page itself.

Prints, for each kind of action, how many ran and the median, 95th percentile and worst
time in milliseconds, against the target of 50 ms per action.

    .venv/bin/python bench/bench_console.py
"""

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "minutes_site.settings")
os.environ.setdefault("SECRET_KEY", "bench-only-not-secret")
os.environ.setdefault("MEDIA_ROOT", tempfile.mkdtemp(prefix="mb-bench-console-"))

import logging  # noqa: E402
import warnings  # noqa: E402

import django  # noqa: E402

warnings.filterwarnings("ignore", message="No directory at")
django.setup()
logging.getLogger("minutebook.audit").setLevel(logging.WARNING)
logging.getLogger("weasyprint").setLevel(logging.WARNING)

from django.conf import settings  # noqa: E402
from django.core.signals import request_finished, request_started  # noqa: E402
from django.db import close_old_connections, connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import override_settings, setup_test_environment  # noqa: E402
from django.urls import reverse  # noqa: E402

TARGET_MS = 50
ITEMS = 20
DUMMY_TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}


class Timings:
    def __init__(self):
        self.by_kind = {}

    def add(self, kind, seconds):
        self.by_kind.setdefault(kind, []).append(seconds * 1000)

    def report(self, title):
        print(f"\n{title}")
        print(f"  {'action':<16}{'runs':>5}{'median':>9}{'p95':>8}{'worst':>8}  (ms)")
        worst_median = 0.0
        for kind, values in sorted(self.by_kind.items()):
            values = sorted(values)
            median = statistics.median(values)
            p95 = values[min(len(values) - 1, round(0.95 * (len(values) - 1)))]
            worst_median = max(worst_median, median)
            flag = "" if median <= TARGET_MS else "  OVER TARGET"
            print(f"  {kind:<16}{len(values):>5}{median:>9.1f}{p95:>8.1f}{values[-1]:>8.1f}{flag}")
        every = sorted(v for values in self.by_kind.values() for v in values)
        print(
            f"  all {len(every)} actions: median {statistics.median(every):.1f} ms, p95 "
            f"{every[round(0.95 * (len(every) - 1))]:.1f} ms; slowest kind's median "
            f"{worst_median:.1f} ms (target ≤ {TARGET_MS} ms: "
            f"{'OK' if worst_median <= TARGET_MS else 'OVER TARGET'})"
        )


def script(m):
    """The scripted meeting as (kind, minute, payload) – motions named by the client id
    of the action that proposed them, as an offline device would."""
    members = m.members
    names = list(members)
    steps = [("arrive", 0, {"person": members[name].pk}) for name in names[:7]]
    steps.append(("apologies", 0, {"person": members["Hughes"].pk}))
    steps.append(("arrive", 1, {"person": m.substitute.pk, "substitute_for": members["Hughes"].pk}))
    steps.append(("arrive", 1, {"person": m.officer.pk}))
    minute = 2
    for number in range(1, ITEMS + 1):
        item = m.items[number].pk
        motion = f"motion-{number}"
        mover, seconder = names[number % 7], names[(number + 1) % 7]
        steps.append(("start_item", minute, {"item": item}))
        if number % 5 == 0:
            steps.append(
                (
                    "declare",
                    minute,
                    {
                        "person": members[names[(number + 3) % 7]].pk,
                        "kind": "pecuniary",
                        "description": "Owns land near the site",
                        "left_room": "1",
                    },
                )
            )
        if number == 8:
            steps.append(("leave", minute, {"person": members["Green"].pk}))
        if number == 11:
            steps.append(("arrive", minute, {"person": members["Green"].pk}))
        steps.append(
            (
                "propose",
                minute + 1,
                {"item": item, "mover": members[mover].pk, "seconder": members[seconder].pk},
                motion,
            )
        )
        if number % 3 == 0:
            amendment = f"amendment-{number}"
            steps.append(
                (
                    "amend",
                    minute + 2,
                    {
                        "motion": motion,
                        "text": "(1) That the report be noted.\n(2) That an update be given "
                        "in 6 months.",
                        "mover": members[seconder].pk,
                    },
                    amendment,
                )
            )
            if number % 2 == 0:
                steps.append(
                    (
                        "vote",
                        minute + 3,
                        {"motion": amendment, "method": "show_of_hands", "for": 3, "against": 3},
                    )
                )
                steps.append(("casting_vote", minute + 3, {"motion": amendment, "option": "for"}))
            else:
                steps.append(
                    (
                        "vote",
                        minute + 3,
                        {"motion": amendment, "method": "show_of_hands", "for": 2, "against": 5},
                    )
                )
        if number % 4 == 0:
            steps.append(
                ("vote", minute + 4, {"motion": motion, "method": "recorded", "votes": "*"})
            )
        elif number == 7:
            steps.append(("outcome", minute + 4, {"motion": motion, "outcome": "deferred"}))
        else:
            steps.append(
                ("vote", minute + 4, {"motion": motion, "method": "show_of_hands", "for": 5})
            )
        steps.append(
            (
                "action",
                minute + 5,
                {"item": item, "owner": "Director of Place", "description": "Report back"},
            )
        )
        steps.append(("note", minute + 5, {"item": item, "text": "Members asked questions."}))
        if number == ITEMS - 1:
            steps.append(
                ("exclude_public", minute + 5, {"item": m.items[ITEMS].pk, "paragraph": 3})
            )
        steps.append(("end_item", minute + 6, {"item": item}))
        minute += 7
    steps.append(("end_meeting", minute + 1, {}))
    return steps


def recorded_votes(m, minute, item_number):
    """Every member able to vote on the item at that minute votes for."""
    from agenda.models import AgendaItem
    from agenda.models.eligibility import Roster

    item = AgendaItem.objects.get(pk=m.items[item_number].pk)
    roster = Roster.load(m.meeting)
    return {str(person.pk): "yes" for person in roster.eligible(m.moment(minute), item)}


def run(m, steps, send):
    timings = Timings()
    for number, step in enumerate(steps):
        kind, minute, payload = step[:3]
        client_id = step[3] if len(step) > 3 else f"{kind}-{number}-{minute}"
        if kind == "start_item":
            current = next(n for n, item in m.items.items() if item.pk == payload["item"])
        if payload.get("votes") == "*":
            payload = {**payload, "votes": recorded_votes(m, minute, current)}
        payload = {**payload, "at": m.at(minute)}
        seconds = send(m, client_id, kind, payload)
        timings.add(kind, seconds)
    return timings


def via_apply_event(actor):
    from agenda.console import apply_event

    def send(m, client_id, kind, payload):
        start = time.perf_counter()
        apply_event(m.meeting, client_id, kind, payload, actor)
        return time.perf_counter() - start

    return send


def via_form_posts(client):
    def send(m, client_id, kind, payload):
        url = reverse("editor_meeting_console", kwargs={"pk": m.meeting.pk})
        data = {"kind": kind, "client_id": client_id}
        for key, value in payload.items():
            if key == "votes":
                data.update({f"vote_{pk}": option for pk, option in value.items()})
            elif key == "kind":
                data["interest_kind" if kind == "declare" else "motion_kind"] = value
            else:
                data[key] = value
        start = time.perf_counter()
        response = client.post(url, data, secure=True)
        seconds = time.perf_counter() - start
        assert response.status_code == 302, (kind, response.status_code, payload)
        return seconds

    return send


def page_times(client, m, runs=10):
    url = reverse("editor_meeting_console", kwargs={"pk": m.meeting.pk})
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        response = client.get(url + f"?item={m.items[ITEMS // 2].pk}", secure=True)
        times.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200
    return statistics.median(times), max(times)


def main():
    setup_test_environment()
    for signal in (request_started, request_finished):
        signal.disconnect(close_old_connections)
    settings.ALLOWED_HOSTS = ["testserver"]
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    old_name = connection.creation.create_test_db(verbosity=0, keepdb=False)
    try:
        from tests import factories as f
        from tests.agenda.console_helpers import Meeting

        clerk = f.user_in_group("bench-clerk", "Clerk")
        with override_settings(TASKS=DUMMY_TASKS):
            first = Meeting(items=ITEMS, actor=clerk)
            direct = run(first, script(first), via_apply_event(clerk))
            second = Meeting(items=ITEMS, actor=clerk)
            client = Client()
            client.force_login(clerk)
            posted = run(second, script(second), via_form_posts(client))
            median, worst = page_times(client, second)
        print(
            f"Meeting console, scripted {ITEMS}-item meeting, "
            f"{connection.vendor} database; target ≤ {TARGET_MS} ms of server time per action."
        )
        direct.report("apply_event (the action: validate, apply, log, rewrite the minutes)")
        posted.report("form post (the no-JavaScript form through the whole request stack)")
        print(f"\nconsole page (GET, mid-meeting): median {median:.1f} ms, worst {worst:.1f} ms")
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    main()
