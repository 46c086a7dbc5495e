"""The translators' report: missing, in progress, outdated, up to date."""

import re

import pytest
from django.urls import reverse
from wagtail.models import Locale
from wagtail_localize.models import StringTranslation

from learning.models import LessonPage
from pages.models import HomePage, InformationPage
from topics.models import Topic
from translations.content import sync_new_page
from translations.status import State, report

pytestmark = pytest.mark.django_db


def _state_of(title):
    return next(row.state for row in report() if row.title == title)


def test_demo_content_is_up_to_date(demo):
    rows = report()
    assert rows and all(row.state == State.UP_TO_DATE for row in rows)
    assert {row.kind for row in rows} >= {"les", "onderwerp", "event"}


def test_an_alias_is_missing(demo):
    home = HomePage.objects.get(locale__language_code="nl")
    page = InformationPage(title="Nieuws", slug="nieuws", body="<p>Iets.</p>")
    home.add_child(instance=page)
    page.save_revision().publish()
    sync_new_page(page)
    row = next(row for row in report() if row.title == "Nieuws")
    assert row.state == State.MISSING
    assert row.action_url == reverse("wagtail_localize:submit_page_translation", args=[page.pk])


def test_republishing_the_source_makes_the_translation_outdated(demo):
    lesson = LessonPage.objects.filter(locale__language_code="nl").first()
    lesson.summary = "Een nieuwe samenvatting."
    revision = lesson.save_revision()
    revision.publish()
    row = next(row for row in report() if row.title == lesson.title)
    assert row.state == State.OUTDATED
    assert "/update/" in row.action_url or "update" in row.action_url


def test_a_changed_snippet_is_outdated(demo):
    topic = Topic.objects.get(locale__language_code="nl", slug="ict")
    topic.description = "Nieuwe beschrijving."
    topic.save()
    assert _state_of("ICT") == State.OUTDATED


def test_missing_strings_make_a_translation_in_progress(demo):
    lesson = LessonPage.objects.filter(locale__language_code="nl").first()
    english = Locale.objects.get(language_code="en")
    StringTranslation.objects.filter(context__object_id=lesson.translation_key,
                                     locale=english).first().delete()
    row = next(row for row in report() if row.title == lesson.title)
    assert row.state == State.IN_PROGRESS
    assert 0 < row.percent < 100


def test_report_page_counts_and_filters(client, translator, demo):
    client.force_login(translator)
    topic = Topic.objects.get(locale__language_code="nl", slug="ict")
    topic.description = "Nieuwe beschrijving."
    topic.save()
    url = reverse("translation_status")
    html = client.get(url).content.decode()
    assert re.search(r"<strong>1</strong> verouderd", html)
    only = client.get(url + "?state=outdated").content.decode()
    assert only.count('class="translation-row ') == 1
    section = client.get(url + "?section=Leren").content.decode().split("<tbody>")[1]
    assert "Circulair aankopen: de basis" in section and "Privacyverklaring" not in section


def test_report_is_the_translators_home(client, translator, participant, demo):
    client.force_login(translator)
    assert reverse("translation_status") in client.get("/admin/").content.decode()
    client.force_login(participant)
    assert client.get(reverse("translation_status")).status_code == 403


def test_translator_brings_an_outdated_page_up_to_date(client, editor, translator, demo):
    """The workflow: the source changes, the translator syncs, translates, the report agrees."""
    lesson = LessonPage.objects.filter(locale__language_code="nl").first()
    client.force_login(editor)
    lesson.summary = "Een nieuwe samenvatting."
    lesson.save_revision().publish()

    client.force_login(translator)
    row = next(row for row in report() if row.title == lesson.title)
    assert row.state == State.OUTDATED
    response = client.post(row.action_url, {})  # "Update the translation" (sync)
    assert response.status_code == 302
    row = next(row for row in report() if row.title == lesson.title)
    assert row.state == State.IN_PROGRESS  # the new summary is not translated yet

    from wagtail_localize.models import StringSegment, Translation

    segment = StringSegment.objects.get(source__object_id=lesson.translation_key,
                                        context__path="summary")
    translation = Translation.objects.get(source__object_id=lesson.translation_key)
    url = reverse("wagtail_localize:edit_string_translation",
                  args=[translation.pk, segment.pk])
    response = client.put(url, "value=A+new+summary.",
                          content_type="application/x-www-form-urlencoded")
    assert response.status_code in (200, 201)
    assert next(row for row in report() if row.title == lesson.title).state == State.UP_TO_DATE
