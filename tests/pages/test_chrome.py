"""The page chrome (menu, home and footer links, translations of a page) is
cached for everyone and follows every change to the page tree and settings."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page

from pages.models import InformationPage, SiteLinks

pytestmark = pytest.mark.django_db


def _menu(html):
    start = html.index('<nav class="main-nav"')
    return html[start: html.index("</nav>", start)]


def test_the_chrome_costs_queries_once(member_client, demo):
    with CaptureQueriesContext(connection) as first:
        member_client.get("/nl/webinars/")
    with CaptureQueriesContext(connection) as second:
        member_client.get("/nl/webinars/")
    assert len(first.captured_queries) - len(second.captured_queries) >= 8


def test_a_new_section_appears_in_the_menu_once_published(member_client, demo):
    member_client.get("/nl/")  # caches the chrome
    home = Page.objects.get(locale__language_code="nl", depth=2)
    section = home.add_child(instance=InformationPage(
        title="Nieuwe rubriek", slug="nieuwe-rubriek", show_in_menus=True, live=False,
        body="<p>Tekst</p>"))
    assert "Nieuwe rubriek" not in _menu(member_client.get("/nl/").content.decode())
    section.save_revision().publish()
    assert "Nieuwe rubriek" in _menu(member_client.get("/nl/").content.decode())
    section.refresh_from_db()
    section.unpublish()
    assert "Nieuwe rubriek" not in _menu(member_client.get("/nl/").content.decode())


def test_renaming_a_section_renames_the_menu_item(member_client, demo):
    member_client.get("/nl/")
    section = Page.objects.get(locale__language_code="nl", slug="webinars").specific
    section.title = "Webinars en sessies"
    section.save_revision().publish()
    assert "Webinars en sessies" in _menu(member_client.get("/nl/").content.decode())


def test_the_footer_follows_the_site_links(member_client, demo):
    assert "/nl/privacy/" in member_client.get("/nl/").content.decode()
    links = SiteLinks.objects.get()
    links.privacy_page = None
    links.save()
    assert "/nl/privacy/" not in member_client.get("/nl/").content.decode()
