"""Who may take which publishing step: the permissions, and the system as an actor.

Clerks edit (`agenda.change_meeting`); democratic services managers also publish
(`agenda.publish_meeting`). Loaders that replay a record kept elsewhere (the ModernGov
importer, the demo council, management commands) act as `SYSTEM`: they pass the permission
check, are logged as "the system", and the four-eyes and deadline checks, which judge a
person's release at the present moment, do not apply to them.
"""

from django.core.exceptions import PermissionDenied

PUBLISH_PERMISSION = "agenda.publish_meeting"
EDIT_PERMISSION = "agenda.change_meeting"

ROLE_NAMES = {
    PUBLISH_PERMISSION: "a democratic services manager",
    EDIT_PERMISSION: "a clerk",
}


class SystemActor:
    """The system replaying a record (an import, the demo): permitted, never a person."""

    pk = None
    is_authenticated = False
    is_staff = False
    is_system = True

    def has_perm(self, permission):
        return True

    def get_username(self):
        return "system"

    def __str__(self):
        return "the system"


SYSTEM = SystemActor()


def is_system(actor):
    return getattr(actor, "is_system", False)


def is_person(actor):
    return getattr(actor, "pk", None) is not None


def require(actor, permission, doing):
    """Refuse with a sentence naming the role needed, unless `actor` has `permission`."""
    if actor is None or not actor.has_perm(permission):
        who = ROLE_NAMES.get(permission, "someone with permission")
        raise PermissionDenied(f"Only {who} can {doing}. Ask a colleague who has that role.")
