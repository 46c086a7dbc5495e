"""Moderators and coordinators moderate the forum (on the site); editors and
coordinators set the moderation rule of each topic (in the admin)."""

from django.db import migrations

from accounts.roles import COORDINATORS, EDITORS, MODERATORS, grant


def forwards(apps, schema_editor):
    grant(apps, [MODERATORS, COORDINATORS], "forum.moderate_forum")
    grant(apps, [EDITORS, COORDINATORS], "forum.add_moderationrule",
          "forum.change_moderationrule", "forum.delete_moderationrule")


class Migration(migrations.Migration):
    dependencies = [
        ("forum", "0001_initial"),
        ("accounts", "0002_roles"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
