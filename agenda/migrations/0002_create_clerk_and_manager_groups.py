"""Create the Clerk and Democratic services manager groups with their permissions."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

CLERK_GROUP = "Clerk"
MANAGER_GROUP = "Democratic services manager"

# Business a clerk builds and edits day to day (add, change, delete, view).
CLERK_EDITS = [
    ("agenda", "meeting", "add change view"),
    ("agenda", "agendaitem", "add change delete view"),
    ("agenda", "recommendation", "add change delete view"),
    ("agenda", "resolution", "add change delete view"),
    ("agenda", "action", "add change delete view"),
    ("agenda", "document", "add change delete view"),
    ("agenda", "attendance", "add change delete view"),
    ("agenda", "declaration", "add change delete view"),
    ("agenda", "topic", "add change view"),
    # The organisation: a clerk may look things up and add contacts, never delete.
    ("committees", "person", "add change view"),
    ("committees", "venue", "add change view"),
    ("committees", "committee", "view"),
    ("committees", "membership", "view"),
    ("committees", "party", "view"),
    ("committees", "ward", "view"),
    ("committees", "scrutinyarea", "view"),
]
MANAGER_EXTRA = [
    ("agenda", "meeting", "delete publish"),
    ("committees", "committee", "add change"),
    ("committees", "membership", "add change delete"),
]


def _codenames(app_label, model, verbs):
    for verb in verbs.split():
        yield app_label, f"{verb}_{model}" if verb != "publish" else "publish_meeting"


def create_groups(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")

    def permissions(spec):
        found = []
        for app_label, model, verbs in spec:
            for app, codename in _codenames(app_label, model, verbs):
                found.append(
                    Permission.objects.get(content_type__app_label=app, codename=codename)
                )
        return found

    clerk, _ = Group.objects.get_or_create(name=CLERK_GROUP)
    clerk.permissions.set(permissions(CLERK_EDITS))
    manager, _ = Group.objects.get_or_create(name=MANAGER_GROUP)
    manager.permissions.set(permissions(CLERK_EDITS + MANAGER_EXTRA))


def remove_groups(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=[CLERK_GROUP, MANAGER_GROUP]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("agenda", "0001_meetings_and_business"),
        ("committees", "0001_organisation"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_groups, remove_groups)]
