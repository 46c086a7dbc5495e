"""Coordinators add new versions of the profile consent texts (in the admin); versions
never change."""

from django.db import migrations

from accounts.roles import COORDINATORS, grant


def forwards(apps, schema_editor):
    grant(apps, [COORDINATORS], "members.add_consenttext", "members.view_consenttext")


class Migration(migrations.Migration):
    dependencies = [
        ("members", "0002_consent_texts"),
        ("accounts", "0002_roles"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
