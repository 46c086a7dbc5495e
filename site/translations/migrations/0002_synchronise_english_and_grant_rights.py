"""English follows the Dutch tree; editors and coordinators may change Dutch originals.

With the synchronisation, every new Dutch page gets an English alias (the
Dutch content under the English tree, with a "not yet translated" notice)
until a translator translates it.
"""

from django.db import migrations

from accounts.roles import COORDINATORS, EDITORS, grant


def forwards(apps, schema_editor):
    Locale = apps.get_model("wagtailcore.Locale")
    LocaleSynchronization = apps.get_model("wagtail_localize", "LocaleSynchronization")
    dutch = Locale.objects.get(language_code="nl")
    for locale in Locale.objects.exclude(pk=dutch.pk):
        LocaleSynchronization.objects.get_or_create(locale=locale, defaults={"sync_from": dutch})
    grant(apps, [EDITORS, COORDINATORS], "translations.change_source_content")


class Migration(migrations.Migration):
    dependencies = [
        ("translations", "0001_source_content_permission"),
        ("accounts", "0002_roles"),
        ("pages", "0002_locales_and_home_pages"),
        ("wagtail_localize", "0016_rename_page_revision_translationlog_revision"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
