"""Translators translate; the Dutch originals stay with editors."""

import pytest
from django.urls import reverse
from wagtail.admin.admin_url_finder import AdminURLFinder

from library.models import Event
from pages.models import LandingPage
from topics.models import Topic
from translations.permissions import sync_translator_publishing

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("model", [Topic, Event])
def test_translator_edits_english_snippets_but_not_dutch_originals(client, translator, demo,
                                                                  model):
    client.force_login(translator)
    finder = AdminURLFinder(translator)
    dutch = model.objects.filter(locale__language_code="nl").first()
    english = dutch.get_translation(model.objects.filter(locale__language_code="en")
                                    .first().locale)
    assert finder.get_edit_url(dutch) is None
    assert client.get(AdminURLFinder().get_edit_url(dutch)).status_code in (302, 403)
    assert client.get(finder.get_edit_url(english)).status_code == 200


def test_editor_edits_dutch_snippets(client, editor, demo):
    client.force_login(editor)
    dutch = Topic.objects.filter(locale__language_code="nl").first()
    assert client.get(AdminURLFinder(editor).get_edit_url(dutch)).status_code == 200


def test_translator_cannot_publish_translations_by_default(translator, demo):
    english = LandingPage.objects.get(locale__language_code="en")
    perms = english.permissions_for_user(translator)
    assert perms.can_edit() and not perms.can_publish()


def test_a_setting_lets_translators_publish(translator, demo, settings):
    english = LandingPage.objects.get(locale__language_code="en")
    settings.TRANSLATORS_MAY_PUBLISH = True
    sync_translator_publishing()
    assert english.permissions_for_user(translator).can_publish()
    dutch = LandingPage.objects.get(locale__language_code="nl")
    assert not dutch.permissions_for_user(translator).can_publish()
    settings.TRANSLATORS_MAY_PUBLISH = False
    sync_translator_publishing()
    translator = type(translator).objects.get(pk=translator.pk)  # no cached rights
    assert not english.permissions_for_user(translator).can_publish()


def _retitle(page, locale, title):
    """A translator's new title for the page, in wagtail-localize's memory."""
    from wagtail_localize.models import StringSegment, StringTranslation

    segment = StringSegment.objects.get(source__object_id=page.translation_key,
                                        context__path="title")
    StringTranslation.objects.filter(translation_of=segment.string, context=segment.context,
                                     locale=locale).update(data=title)


@pytest.mark.parametrize("may_publish", [False, True])
def test_publishing_in_the_translation_editor_follows_the_setting(client, translator, demo,
                                                                  settings, may_publish):
    settings.TRANSLATORS_MAY_PUBLISH = may_publish
    sync_translator_publishing()
    dutch = LandingPage.objects.get(locale__language_code="nl")
    english = LandingPage.objects.get(locale__language_code="en")
    _retitle(dutch, english.locale, "Circular buying, side by side")
    client.force_login(translator)
    client.post(reverse("wagtailadmin_pages:edit", args=[english.pk]), {"action": "publish"})
    english.refresh_from_db()
    assert (english.title == "Circular buying, side by side") is may_publish
