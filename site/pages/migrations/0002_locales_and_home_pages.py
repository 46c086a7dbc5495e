"""Create the Dutch and English locales and one home page per language.

Wagtail's first migration makes a placeholder "Welcome" page; it is replaced
by a Dutch home page (the source) and its English translation (same
translation key), the roots of the two trees. The site points at the Dutch
one; Wagtail serves the English tree under /en/ through ``localized``.
"""

import uuid

from django.db import migrations

HOMES = [("nl", "Home", "home", "00010001"), ("en", "Home", "home-en", "00010002")]


def forwards(apps, schema_editor):
    ContentType = apps.get_model("contenttypes.ContentType")
    Locale = apps.get_model("wagtailcore.Locale")
    Page = apps.get_model("wagtailcore.Page")
    Site = apps.get_model("wagtailcore.Site")
    HomePage = apps.get_model("pages.HomePage")

    locales = {code: Locale.objects.get_or_create(language_code=code)[0] for code, *_ in HOMES}
    if HomePage.objects.exists():
        return
    Page.objects.filter(depth=2, content_type__app_label="wagtailcore").delete()
    content_type, _ = ContentType.objects.get_or_create(app_label="pages", model="homepage")
    translation_key = uuid.uuid4()
    homes = {}
    for code, title, slug, path in HOMES:
        homes[code] = HomePage.objects.create(
            title=title,
            draft_title=title,
            slug=slug,
            content_type=content_type,
            path=path,
            depth=2,
            numchild=0,
            url_path=f"/{slug}/",
            locale=locales[code],
            translation_key=translation_key,
            live=True,
        )
    Page.objects.filter(depth=1).update(numchild=len(HOMES))
    Site.objects.all().delete()
    Site.objects.create(
        hostname="localhost", port=80, site_name="Leerkring",
        root_page_id=homes["nl"].pk, is_default_site=True,
    )


class Migration(migrations.Migration):
    dependencies = [
        ("pages", "0001_initial"),
        ("wagtailcore", "0098_apitoken"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
