"""Editors and coordinators see and export who registered for a webinar."""

from django.db import migrations

from accounts.roles import COORDINATORS, EDITORS, grant


def forwards(apps, schema_editor):
    grant(apps, [EDITORS, COORDINATORS], "webinars.view_registrations")


class Migration(migrations.Migration):
    dependencies = [
        ("webinars", "0001_initial"),
        ("accounts", "0002_roles"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
