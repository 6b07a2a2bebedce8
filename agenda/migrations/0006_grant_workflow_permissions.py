"""Let clerks read the workflow log and errata; let managers keep closure days and errata."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GRANTS = {
    "Clerk": ["view_transition", "view_erratum", "view_closureday"],
    "Democratic services manager": [
        "view_transition",
        "view_erratum",
        "add_erratum",
        "view_closureday",
        "add_closureday",
        "change_closureday",
        "delete_closureday",
    ],
}


def grant(apps, schema_editor):
    app_config = apps.get_app_config("agenda")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codenames in GRANTS.items():
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(
            *Permission.objects.filter(content_type__app_label="agenda", codename__in=codenames)
        )


class Migration(migrations.Migration):
    dependencies = [("agenda", "0005_publishing_workflow_log_errata_closures_drafts")]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
