"""The forum's email settings become the members' choices per kind of notification
(notices.EmailChoice): a member who switched an email off keeps it off.

Only what was switched off is carried over: a setting left on is the kind's
default. The reverse puts the switched-off choices back.
"""

from django.db import migrations

# NotificationSettings field -> the kind that replaces it (forum/notifications.py).
KINDS = {
    "my_question_answered": "forum.answered",
    "my_answer_accepted": "forum.accepted",
    "followed_activity": "forum.followed",
}


def forward(apps, schema_editor):
    NotificationSettings = apps.get_model("forum", "NotificationSettings")
    EmailChoice = apps.get_model("notices", "EmailChoice")
    choices = []
    for row in NotificationSettings.objects.all().iterator():
        for field, kind in KINDS.items():
            if not getattr(row, field):
                choices.append(EmailChoice(user_id=row.user_id, kind=kind, wanted=False))
    EmailChoice.objects.bulk_create(choices, ignore_conflicts=True, batch_size=500)


def backward(apps, schema_editor):
    NotificationSettings = apps.get_model("forum", "NotificationSettings")
    EmailChoice = apps.get_model("notices", "EmailChoice")
    refused = {}
    for choice in EmailChoice.objects.filter(kind__in=KINDS.values(), wanted=False):
        refused.setdefault(choice.user_id, set()).add(choice.kind)
    for user_id, kinds in refused.items():
        NotificationSettings.objects.update_or_create(user_id=user_id, defaults={
            field: kind not in kinds for field, kind in KINDS.items()})


class Migration(migrations.Migration):

    dependencies = [
        ("forum", "0003_question_team"),
        ("notices", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(forward, backward),
    ]
