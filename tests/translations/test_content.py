"""Pages made by code are synchronised and translated as the admin would do it."""

import pytest
from django.urls import reverse
from wagtail.models import Locale, Page
from wagtail.test.utils.form_data import nested_form_data, rich_text
from wagtail_localize.models import Translation

from pages.demo import bilingual_page
from pages.models import HomePage, InformationPage
from translations.content import StructureMismatch, sync_new_page, translate

pytestmark = pytest.mark.django_db


def _homes():
    return {c: HomePage.objects.get(locale__language_code=c) for c in ("nl", "en")}


def _english():
    return Locale.objects.get(language_code="en")


def test_code_made_page_is_translated_through_wagtail_localize(db):
    nl, en = bilingual_page(_homes(), InformationPage, {
        "nl": {"title": "Huisregels", "slug": "huisregels", "body": "<p>Wees vriendelijk.</p>"},
        "en": {"title": "House rules", "slug": "house-rules", "body": "<p>Be kind.</p>"},
    })
    assert en.locale.language_code == "en" and en.live and not en.alias_of_id
    assert (en.title, en.slug, en.body) == ("House rules", "house-rules", "<p>Be kind.</p>")
    assert Translation.objects.filter(source__object_id=nl.translation_key,
                                      target_locale=en.locale).exists()


def test_translating_with_another_structure_is_refused(db):
    nl, _ = bilingual_page(_homes(), InformationPage, {
        "nl": {"title": "Huisregels", "slug": "huisregels",
               "body": "<p>Een.</p><p>Twee.</p>"},
        "en": {"title": "House rules", "slug": "house-rules", "body": "<p>One.</p><p>Two.</p>"},
    })
    with pytest.raises(StructureMismatch):
        translate(nl, {"body": "<p>Only one.</p>"}, _english())


def _dutch_only_page():
    home = _homes()["nl"]
    page = InformationPage(title="Nieuws", slug="nieuws", body="<p>Alleen in het Nederlands.</p>")
    home.add_child(instance=page)
    page.save_revision().publish()
    sync_new_page(page)
    return page


def test_untranslated_page_shows_the_dutch_content_in_english_with_a_notice(member_client):
    page = _dutch_only_page()
    alias = page.get_translation(_english())
    assert alias.alias_of_id == page.pk
    response = member_client.get(alias.url)
    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="en">' in html
    assert '<main id="main" tabindex="-1" lang="nl">' in html
    assert "This page has not been translated yet." in html
    assert "Alleen in het Nederlands." in html
    assert 'hreflang="en"' not in html.split("</head>")[0]


def test_translated_pages_have_no_notice(member_client, demo):
    html = member_client.get("/en/").content.decode()
    assert "not been translated" not in html
    assert '<main id="main" tabindex="-1">' in html


def test_a_page_created_in_the_admin_gets_an_english_alias(client, editor):
    client.force_login(editor)
    home = _homes()["nl"]
    url = reverse("wagtailadmin_pages:add", args=["pages", "informationpage", home.pk])
    client.post(url, nested_form_data({"title": "Agenda", "slug": "agenda",
                                       "body": rich_text("Binnenkort."),
                                       "action-publish": "1"}))
    page = InformationPage.objects.get(slug="agenda", locale__language_code="nl")
    alias = Page.objects.get(translation_key=page.translation_key, locale__language_code="en")
    assert alias.alias_of_id == page.pk
