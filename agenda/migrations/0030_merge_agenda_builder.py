"""Joins the agenda builder's templates and staged uploads with the console and decisions."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('agenda', '0028_agenda_builder_templates_staged_reports_minutes_due'),
        ('agenda', '0029_merge_console_and_decision_corrections'),
    ]

    operations = [
    ]
