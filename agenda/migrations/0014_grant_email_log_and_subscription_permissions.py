"""Let clerks and managers read the email log and subscriptions; let managers end a
subscription on a resident's request and see publications in progress."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GRANTS = {
    "Clerk": ["view_outgoingemail", "view_subscription", "view_publication"],
    "Democratic services manager": [
        "view_outgoingemail",
        "view_subscription",
        "delete_subscription",
        "view_publication",
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
    dependencies = [("agenda", "0013_email_log_and_subscriptions")]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
