"""Coordinators create teams and manage their members in the admin; translators
translate teams (translations.permissions keeps them off the Dutch originals)."""

from django.db import migrations

from accounts.roles import COORDINATORS, TRANSLATORS, grant


def forwards(apps, schema_editor):
    grant(apps, [COORDINATORS], "members.add_team", "members.change_team",
          "members.delete_team", "members.view_team", "members.add_teammembership",
          "members.change_teammembership", "members.delete_teammembership",
          "members.view_teammembership")
    grant(apps, [TRANSLATORS], "members.change_team", "members.view_team")


class Migration(migrations.Migration):
    dependencies = [
        ("members", "0002_consent_texts"),
        ("accounts", "0002_roles"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
