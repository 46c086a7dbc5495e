"""A view restriction closes every language version of a page, whichever
version an editor set it on (pages/visibility.py), for serving, listings,
Wagtail's own privacy hook and every action keyed by translation key."""

import pytest
from django.contrib.auth.models import Group
from wagtail.models import Page, PageViewRestriction

from accounts.roles import EDITORS, PARTICIPANTS
from learning.models import LessonProgress
from pages.visibility import page_pks_visible_to, pages_open_to_members, pages_visible_to
from webinars.models import Registration, WebinarPage

pytestmark = pytest.mark.django_db

PACKAGE_NL = "/nl/leren/circulair-aankopen-de-basis/"
LESSON_NL = PACKAGE_NL + "wat-is-circulair-aankopen/"
PACKAGE_EN = "/en/learning/circular-procurement-basics/"
LESSON_EN = PACKAGE_EN + "what-is-circular-procurement/"


def _package(language):
    return Page.objects.get(url_path__endswith="/circulair-aankopen-de-basis/"
                            if language == "nl" else "/circular-procurement-basics/",
                            locale__language_code=language)


def _restrict(page, group_name=EDITORS):
    restriction = PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.GROUPS)
    restriction.groups.set([Group.objects.get(name=group_name)])
    return restriction


@pytest.fixture
def members(make_member):
    return make_member(), make_member(PARTICIPANTS, EDITORS)


def test_english_translation_of_a_restricted_dutch_page_is_refused(client, members, demo):
    """Restricting the Dutch package closes the English package and its lessons."""
    outsider, insider = members
    client.force_login(outsider)
    assert client.get(LESSON_EN).status_code == 200  # routes and restrictions now kept
    _restrict(_package("nl"))
    for url in (PACKAGE_EN, LESSON_EN, PACKAGE_NL, LESSON_NL):
        assert client.get(url).status_code == 403, url
    client.force_login(insider)
    for url in (PACKAGE_EN, LESSON_EN, PACKAGE_NL, LESSON_NL):
        assert client.get(url).status_code == 200, url


def test_restricting_the_english_version_closes_the_dutch_one(client, members, demo):
    """The rule is the same whichever language version carries it."""
    outsider, insider = members
    _restrict(_package("en"))
    client.force_login(outsider)
    assert client.get(LESSON_NL).status_code == 403
    assert client.get(PACKAGE_NL).status_code == 403
    client.force_login(insider)
    assert client.get(LESSON_NL).status_code == 200


def test_wagtails_own_privacy_hook_sees_the_other_languages_rule(members, demo):
    """Wagtail's before_serve_page hook asks page.get_view_restrictions()."""
    restriction = _restrict(_package("nl"))
    lesson_en = Page.objects.get(url_path__endswith="/what-is-circular-procurement/")
    assert restriction in list(lesson_en.get_view_restrictions())
    assert restriction in list(lesson_en.specific.get_view_restrictions())


def test_registration_through_the_english_version_is_refused(client, members, demo):
    """Registrations share the translation key: the English page may not take one
    for a webinar restricted in Dutch."""
    outsider, insider = members
    webinar_nl = WebinarPage.objects.get(slug="circulaire-schoonmaak", locale__language_code="nl")
    webinar_en = webinar_nl.get_translation(Page.objects.get(
        url_path__endswith="/circular-cleaning/").locale)
    _restrict(webinar_nl)
    client.force_login(outsider)
    response = client.post(webinar_en.url, {"action": "register"})
    assert response.status_code == 403
    assert not Registration.objects.filter(user=outsider).exists()
    client.force_login(insider)
    client.post(webinar_en.url, {"action": "register"})
    assert Registration.objects.filter(user=insider,
                                       webinar_key=webinar_nl.translation_key).exists()


def test_progress_through_the_english_version_is_refused(client, members, demo):
    """Marking a lesson done is keyed by translation key: refused in every language."""
    outsider, _insider = members
    _restrict(_package("nl"))
    client.force_login(outsider)
    assert client.post(LESSON_EN + "complete/").status_code == 403
    assert not LessonProgress.objects.filter(user=outsider).exists()


def test_listings_and_search_follow_the_other_languages_rule(members, demo):
    """The one rule for lists, search and feeds closes both language versions."""
    outsider, insider = members
    package_en = _package("en")
    pks = list(Page.objects.values_list("pk", flat=True))
    _restrict(_package("nl"))
    assert package_en.pk not in page_pks_visible_to(outsider, pks)
    assert package_en.pk in page_pks_visible_to(insider, pks)
    assert not pages_visible_to(outsider, Page.objects.filter(pk=package_en.pk)).exists()
    assert not pages_open_to_members(Page.objects.filter(pk=package_en.pk)).exists()
    lesson_en = Page.objects.get(url_path__endswith="/what-is-circular-procurement/")
    assert not pages_open_to_members(Page.objects.filter(pk=lesson_en.pk)).exists()


def test_a_translation_placed_elsewhere_is_closed_too(members, demo):
    """A page whose Dutch version lies under a restricted page is closed in English
    even when an editor moved the English one elsewhere."""
    outsider, _insider = members
    lesson_en = Page.objects.get(url_path__endswith="/what-is-circular-procurement/")
    home_en = Page.objects.get(depth=2, locale__language_code="en")
    lesson_en.move(home_en, pos="last-child")
    _restrict(_package("nl"))
    assert lesson_en.pk not in page_pks_visible_to(outsider, [lesson_en.pk])
    lesson_en.refresh_from_db()
    assert lesson_en.get_view_restrictions().exists()

