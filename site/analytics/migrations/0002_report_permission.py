"""Editors and coordinators see the topic analytics report."""

from django.db import migrations

from accounts.roles import COORDINATORS, EDITORS, grant


def forwards(apps, schema_editor):
    grant(apps, [EDITORS, COORDINATORS], "analytics.view_analytics_report")


class Migration(migrations.Migration):
    dependencies = [
        ("analytics", "0001_initial"),
        ("accounts", "0002_roles"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
