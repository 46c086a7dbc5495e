import django.utils.timezone
from django.db import migrations, models


class Migration(migrations.Migration):
    """Meetings added from now on know when: the ones before stay empty (added
    without a default first), so they do not all turn up as new at once."""

    dependencies = [
        ("members", "0004_merge_profiles_and_teams"),
    ]

    operations = [
        migrations.AddField(
            model_name="teammeeting",
            name="created_at",
            field=models.DateTimeField(blank=True, editable=False, null=True),
        ),
        migrations.AlterField(
            model_name="teammeeting",
            name="created_at",
            field=models.DateTimeField(blank=True, default=django.utils.timezone.now,
                                       editable=False, null=True),
        ),
    ]
