"""Editors and coordinators may read the learning report."""

from django.db import migrations

from accounts.roles import COORDINATORS, EDITORS, grant


def forwards(apps, schema_editor):
    grant(apps, [EDITORS, COORDINATORS], "learning.view_learning_report")


class Migration(migrations.Migration):
    dependencies = [
        ("learning", "0001_initial"),
        ("accounts", "0002_roles"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
