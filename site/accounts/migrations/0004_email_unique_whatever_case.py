"""Addresses stored normalised, and unique whatever their case.

The login looks an address up exactly in its normalised form
(accounts.identity); rows written before that rule (or around save()) are
normalised first. If two accounts would end up with the same address the
migration stops and names them: a coordinator decides which one stays.
"""

import unicodedata

import django.db.models.functions.text
from django.db import migrations, models


def _normalise(value):
    # A copy of accounts.identity.normalise_email as it was when this ran.
    return unicodedata.normalize("NFKC", value or "").strip().lower()


def normalise_addresses(apps, schema_editor):
    User = apps.get_model("accounts", "User")
    owners = {}
    for pk, email in User.objects.values_list("pk", "email"):
        owners.setdefault(_normalise(email), []).append(pk)
    clashes = {email: pks for email, pks in owners.items() if len(pks) > 1}
    if clashes:
        raise RuntimeError(
            "These accounts differ only in the case or spacing of their email address; "
            "merge or delete all but one of each, then migrate again: "
            + "; ".join(f"{email}: ids {pks}" for email, pks in sorted(clashes.items())))
    for pk, email in User.objects.values_list("pk", "email"):
        if email != _normalise(email):
            User.objects.filter(pk=pk).update(email=_normalise(email))


class Migration(migrations.Migration):

    dependencies = [
        ("accounts", "0003_user_analytics_opt_out"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [
        migrations.RunPython(normalise_addresses, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name="user",
            constraint=models.UniqueConstraint(django.db.models.functions.text.Lower("email"),
                                               name="accounts_user_email_ci_unique"),
        ),
    ]
