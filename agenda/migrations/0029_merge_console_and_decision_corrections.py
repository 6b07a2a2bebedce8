"""Joins the console's data with the decision corrections (built at the same time)."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('agenda', '0028_decision_corrections'),
        ('agenda', '0028_meeting_console_motions_and_votes'),
    ]

    operations = [
    ]
