"""Translators can work in PO files: download, translate, upload."""

import polib
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from wagtail_localize.models import Translation

from pages.models import LandingPage

pytestmark = pytest.mark.django_db


def test_download_translate_and_upload_a_po_file(client, translator, demo):
    dutch = LandingPage.objects.get(locale__language_code="nl")
    english = LandingPage.objects.get(locale__language_code="en")
    translation = Translation.objects.get(source__object_id=dutch.translation_key,
                                          target_locale=english.locale)
    client.force_login(translator)
    response = client.get(reverse("wagtail_localize:download_pofile", args=[translation.pk]))
    assert response.status_code == 200
    po = polib.pofile(response.content.decode())
    title = next(entry for entry in po if entry.msgctxt == "title")
    assert title.msgid == dutch.title and title.msgstr == english.title
    title.msgstr = "Buying circular, hand in hand"
    upload = SimpleUploadedFile("landing-en.po", str(po).encode(), "text/x-gettext-translation")
    response = client.post(reverse("wagtail_localize:upload_pofile", args=[translation.pk]),
                           {"file": upload, "next": "/admin/"})
    assert response.status_code == 302
    from wagtail_localize.models import StringTranslation

    assert StringTranslation.objects.filter(locale=english.locale, context__path="title",
                                            context__object_id=dutch.translation_key,
                                            data="Buying circular, hand in hand").exists()


def test_a_po_file_of_another_translation_is_refused(client, translator, demo):
    landing = LandingPage.objects.get(locale__language_code="nl")
    privacy_translation = Translation.objects.exclude(
        source__object_id=landing.translation_key).first()
    translation = Translation.objects.get(source__object_id=landing.translation_key)
    client.force_login(translator)
    other = client.get(reverse("wagtail_localize:download_pofile",
                               args=[privacy_translation.pk])).content
    response = client.post(
        reverse("wagtail_localize:upload_pofile", args=[translation.pk]),
        {"file": SimpleUploadedFile("x.po", other), "next": "/admin/"}, follow=True)
    assert "different translation" in response.content.decode() or \
        "andere vertaling" in response.content.decode()
