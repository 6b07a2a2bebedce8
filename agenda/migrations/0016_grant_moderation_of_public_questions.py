"""Let clerks and managers moderate public questions and requests to speak."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

CODENAMES = ["view_publiccontribution", "change_publiccontribution"]


def grant(apps, schema_editor):
    app_config = apps.get_app_config("agenda")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name in ("Clerk", "Democratic services manager"):
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(
            *Permission.objects.filter(content_type__app_label="agenda", codename__in=CODENAMES)
        )


class Migration(migrations.Migration):
    dependencies = [("agenda", "0015_public_questions_and_speakers")]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
