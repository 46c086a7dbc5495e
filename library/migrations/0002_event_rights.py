"""Editors and coordinators manage events; translators may change (translate) them."""

from django.db import migrations

from accounts.roles import COORDINATORS, EDITORS, TRANSLATORS, grant


def forwards(apps, schema_editor):
    grant(apps, [EDITORS, COORDINATORS], "library.add_event", "library.change_event",
          "library.delete_event")
    grant(apps, [TRANSLATORS], "library.change_event")


class Migration(migrations.Migration):
    dependencies = [
        ("library", "0001_initial"),
        ("accounts", "0002_roles"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
