"""Dutch first, English second: prefixes, html lang, hreflang and the switcher."""

import re

import pytest
from django.urls import reverse
from django.utils import translation
from wagtail.models import Locale

from pages.models import HomePage, InformationPage, LandingPage

pytestmark = pytest.mark.django_db


def _switcher_links(html):
    """The other-language links of the language switcher: {code: href}."""
    nav = re.search(r'<nav class="language-switcher".*?</nav>', html, re.S).group(0)
    return dict(
        (code, href) for href, code in re.findall(r'<a href="([^"]+)" hreflang="(\w+)"', nav)
    )


def test_dutch_home_is_in_dutch(member_client, demo):
    html = member_client.get("/nl/").content.decode()
    assert '<html lang="nl">' in html
    assert "Welkom, " in html
    assert _switcher_links(html) == {"en": "/en/"}


def test_english_home_is_in_english(member_client, demo):
    html = member_client.get("/en/").content.decode()
    assert '<html lang="en">' in html
    assert "Welcome, " in html
    assert _switcher_links(html) == {"nl": "/nl/"}


def test_hreflang_alternates_point_at_both_translations(member_client, demo):
    landing_nl = LandingPage.objects.get(locale__language_code="nl")
    landing_en = LandingPage.objects.get(locale__language_code="en")
    html = member_client.get(landing_nl.url).content.decode()
    assert f'hreflang="en" href="http://testserver{landing_en.url}"' in html
    assert f'hreflang="nl" href="http://testserver{landing_nl.url}"' in html


def test_switcher_leads_to_translated_page(client, demo):
    landing_nl = LandingPage.objects.get(locale__language_code="nl")
    landing_en = LandingPage.objects.get(locale__language_code="en")
    assert landing_nl.slug != landing_en.slug
    assert _switcher_links(client.get(landing_nl.url).content.decode()) == {"en": landing_en.url}
    assert _switcher_links(client.get(landing_en.url).content.decode()) == {"nl": landing_nl.url}


def test_switcher_leads_to_other_home_when_no_translation(member_client, demo):
    home_nl = HomePage.objects.get(locale__language_code="nl")
    only_dutch = InformationPage(title="Huisregels", slug="huisregels", body="<p>Wees lief.</p>")
    home_nl.add_child(instance=only_dutch)
    only_dutch.save_revision().publish()
    html = member_client.get(only_dutch.url).content.decode()
    assert _switcher_links(html) == {"en": "/en/"}
    assert 'hreflang="en"' not in html.split("</head>")[0]


def test_switcher_on_a_view_keeps_the_view(member_client, demo):
    html = member_client.get(reverse("profile")).content.decode()
    with translation.override("en"):
        english_profile = reverse("profile")
    assert _switcher_links(html)["en"] == english_profile


def test_url_paths_are_translated(db):
    with translation.override("nl"):
        dutch = reverse("login")
    with translation.override("en"):
        english = reverse("login")
    assert dutch == "/nl/inloggen/"
    assert english == "/en/login/"


def test_login_continues_in_preferred_language(client, make_member, demo):
    member = make_member(language="en", email="anne@example.org")
    with translation.override("nl"):
        login_url = reverse("login")
    credentials = {"username": "Anne@Example.org", "password": "a-long-test-password"}
    response = client.post(login_url, credentials)
    assert response.status_code == 302
    assert response["Location"] == "/en/"
    assert member.preferred_language == "en"


def test_login_next_is_followed_in_preferred_language(client, make_member, demo):
    make_member(language="en", email="anne@example.org")
    landing_nl = LandingPage.objects.get(locale__language_code="nl")
    landing_en = LandingPage.objects.get(locale__language_code="en")
    with translation.override("nl"):
        login_url = reverse("login")
    response = client.post(
        login_url,
        {"username": "anne@example.org", "password": "a-long-test-password",
         "next": landing_nl.url},
    )
    assert response["Location"] == landing_en.url


def test_login_next_outside_language_prefix_is_kept(client, editor, demo):
    with translation.override("nl"):
        login_url = reverse("login")
    response = client.post(
        login_url, {"username": editor.email, "password": "a-long-test-password", "next": "/admin/"}
    )
    assert response["Location"] == "/admin/"


def test_changing_preferred_language_in_profile(member_client, participant, demo):
    with translation.override("nl"):
        url = reverse("profile")
    response = member_client.post(url, {
        "first_name": "Sofie", "last_name": "Peeters", "organisation": "Stad Gent",
        "organisation_type": "public_buyer", "preferred_language": "en",
    })
    participant.refresh_from_db()
    assert participant.preferred_language == "en"
    assert response["Location"] == "/en/account/"
    assert response.cookies["django_language"].value == "en"


def test_locales_exist_from_migrations(db):
    assert set(Locale.objects.values_list("language_code", flat=True)) == {"nl", "en"}
    homes = HomePage.objects.all()
    assert {h.locale.language_code for h in homes} == {"nl", "en"}
    assert len({h.translation_key for h in homes}) == 1
