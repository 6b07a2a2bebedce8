"""Load the demo council: organisation, users, meetings. Safe to run again (no changes)."""

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone

from agenda.demo.meetings import build_meetings
from agenda.demo.organisation import build_organisation
from agenda.demo.upsert import cached_rows
from agenda.models.locks import rebuilding_fiction

EDITOR_URL = "http://127.0.0.1:8000/editor/"


@dataclass(frozen=True)
class DemoLogin:
    username: str
    password: str
    role: str
    group: str | None = None
    superuser: bool = False


# Demo-only passwords, printed on purpose: never load the demo on a public server.
LOGINS = (
    DemoLogin("admin", "admin-demo-2026", "admin (superuser)", superuser=True),
    DemoLogin("clerk", "clerk-demo-2026", "clerk", group="Clerk"),
    DemoLogin("manager", "manager-demo-2026", "manager", group="Democratic services manager"),
)


def _user(login):
    User = get_user_model()
    user = User.objects.filter(username=login.username).first() or User(username=login.username)
    wanted = {"is_staff": True, "is_superuser": login.superuser, "is_active": True,
              "email": f"{login.username}@calderbrook.example"}  # fmt: skip
    changed = user.pk is None or any(getattr(user, k) != v for k, v in wanted.items())
    for key, value in wanted.items():
        setattr(user, key, value)
    # Hashing is slow by design (~0.7 s each): set the password when the user is created,
    # not on every run. A changed demo password stays changed.
    if user.pk is None or not user.has_usable_password():
        user.set_password(login.password)
        changed = True
    if changed:
        user.save()
    if login.group:
        group = Group.objects.get(name=login.group)
        if not user.groups.filter(pk=group.pk).exists():
            user.groups.add(group)
    return user


@transaction.atomic
def load_demo(anchor=None):
    """Build everything around `anchor` (default: today in the council's time zone)."""
    anchor = anchor or timezone.localdate()
    users = {login.username: _user(login) for login in LOGINS}
    # The fiction moves with today's date, approved minutes and all; the publishing steps
    # it takes are still the real ones.
    with cached_rows(), rebuilding_fiction():
        org = build_organisation(anchor)
        meetings = build_meetings(org, anchor, users["manager"])
    return org, meetings
