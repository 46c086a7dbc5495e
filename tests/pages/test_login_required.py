"""Everything is behind the login except a short, deliberate list."""

import pytest
from django.urls import reverse
from django.utils import translation

from pages.models import InformationPage, LandingPage

pytestmark = pytest.mark.django_db


def _login_redirect(response, next_path):
    login_urls = []
    for language in ("nl", "en"):
        with translation.override(language):
            login_urls.append(reverse("login"))
    location = response.get("Location", "")
    return (
        response.status_code == 302
        and location.split("?")[0] in login_urls
        and f"next={next_path}" in location.replace("%2F", "/")
    )


@pytest.mark.parametrize(
    "path",
    [
        "/nl/",
        "/en/",
        "/nl/account/",
        "/en/account/",
        "/nl/account/password/",
        "/nl/does-not-exist/",
        "/admin/",
        "/admin/pages/",
        "/admin/members/",
        "/documents/1/slides.pdf",
    ],
)
def test_anonymous_request_redirects_to_login_with_next(client, demo, path):
    response = client.get(path)
    assert _login_redirect(response, path), (response.status_code, response.get("Location"))


def test_unknown_and_private_pages_look_the_same_to_visitors(client, demo):
    """Nobody can probe which pages exist: both redirect to the login."""
    private = client.get("/nl/")
    unknown = client.get("/nl/no-such-page/")
    assert private.status_code == unknown.status_code == 302


@pytest.mark.parametrize("language", ["nl", "en"])
def test_public_pages_need_no_login(client, demo, language):
    with translation.override(language):
        paths = [reverse("login"), reverse("password_reset"), reverse("password_reset_done")]
    landing = LandingPage.objects.get(locale__language_code=language)
    privacy = InformationPage.objects.get(locale__language_code=language, public=True)
    paths += [landing.url, privacy.url]
    for path in paths:
        assert client.get(path).status_code == 200, path


@pytest.mark.parametrize(
    "path", ["/health/", "/robots.txt", "/admin/login/", "/admin/password_reset/"]
)
def test_machine_and_admin_recovery_endpoints_are_public(client, db, path):
    assert client.get(path).status_code == 200


def test_a_private_information_page_needs_login(client, demo):
    privacy = InformationPage.objects.get(locale__language_code="nl", public=True)
    privacy.public = False
    privacy.save_revision().publish()
    assert client.get(privacy.url).status_code == 302


def test_draft_public_page_is_not_shown_to_visitors(client, demo):
    landing = LandingPage.objects.get(locale__language_code="nl")
    url = landing.url
    landing.unpublish()
    assert client.get(url).status_code == 302


def test_robots_txt_disallows_everything(client, db):
    assert "Disallow: /" in client.get("/robots.txt").content.decode()


def test_health_reports_database(client, db):
    response = client.get("/health/")
    assert response.json() == {"status": "ok"}


def test_media_files_are_not_served_from_media_url(client, member_client, settings, tmp_path):
    """Uploaded files are never reachable at their storage path, even when logged in."""
    settings.MEDIA_ROOT = tmp_path
    (tmp_path / "documents").mkdir()
    (tmp_path / "documents" / "secret.pdf").write_bytes(b"%PDF-1.4 secret")
    response = member_client.get("/media/documents/secret.pdf", follow=True)
    assert b"%PDF" not in response.content
    assert response.status_code == 404
