"""Every listing goes through the same rule as the page or file it links to
(pages/visibility.py): what a member may not open is not listed, not even by
title. Each test asks as a group member and as an outsider in turn, so that a
kept fragment or memo of one never reaches the other."""

import pytest
from django.core.files.base import ContentFile
from wagtail.models import Page, PageViewRestriction
from wagtail.rich_text import RichText

from learning import progress
from learning.models import LessonPage
from library.models import LibraryDocument
from pages.demo_files import simple_pdf
from pages.models import InformationPage

pytestmark = pytest.mark.django_db

PACKAGE_TITLE = "Circulair aankopen: de basis"
WEBINAR_TITLE = "Circulaire schoonmaakdiensten aankopen"








def _restrict(page, group):
    restriction = PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.GROUPS)
    restriction.groups.set([group])
    return restriction


def _nl(url_end):
    return Page.objects.get(url_path__endswith=url_end, locale__language_code="nl")


def _in_turn(client, board_members, url, text):
    """``text`` is on ``url`` for the insider, never for the outsider, whoever asks first."""
    outsider, insider = board_members
    for member, shown in ((insider, True), (outsider, False), (insider, True), (outsider, False)):
        client.force_login(member)
        response = client.get(url)
        assert response.status_code == 200, url
        assert (text in response.content.decode()) is shown, (member, url, text)


def _warm(client, board_members, *urls):
    """Each member asks first, before the change: what is kept must follow it."""
    for member in board_members:
        client.force_login(member)
        for url in urls:
            client.get(url)


def test_a_past_webinar_lists_only_the_slides_a_member_may_open(client, board_members,
                                                                private_collection, demo):
    url = _nl("/kantoormeubilair-hergebruiken/").url
    _warm(client, board_members, url)
    slides = LibraryDocument.objects.get(title="Refurbished kantoormeubilair")
    slides.collection = private_collection
    slides.save()
    _in_turn(client, board_members, url, "Refurbished kantoormeubilair")
    _in_turn(client, board_members, url, slides.url)
    for member in board_members:  # the open one stays for everyone
        client.force_login(member)
        assert "Furniture as a service" in client.get(url).content.decode()


def test_webinars_index_and_home_card_hide_a_restricted_webinar(client, board_members, board, demo):
    _warm(client, board_members, "/nl/", "/nl/webinars/")
    _restrict(_nl("/circulaire-schoonmaak/"), board)
    _in_turn(client, board_members, "/nl/webinars/", WEBINAR_TITLE)
    _in_turn(client, board_members, "/nl/", WEBINAR_TITLE)


def test_learning_index_hides_a_restricted_package(client, board_members, board, demo):
    _warm(client, board_members, "/nl/leren/")
    _restrict(_nl("/circulair-aankopen-de-basis/"), board)
    _in_turn(client, board_members, "/nl/leren/", PACKAGE_TITLE)


def test_main_menu_hides_a_restricted_section(client, board_members, board, demo):
    _warm(client, board_members, "/nl/", "/nl/bibliotheek/")
    _restrict(_nl("/webinars/"), board)
    menu_link = '<li><a href="/nl/webinars/"'
    _in_turn(client, board_members, "/nl/", menu_link)
    _in_turn(client, board_members, "/nl/bibliotheek/", menu_link)


def test_home_cards_leave_out_a_restricted_section(client, board_members, board, demo):
    """The forum card links to the forum: not when the forum is closed to the member."""
    _warm(client, board_members, "/nl/")
    _restrict(_nl("/forum/"), board)
    _in_turn(client, board_members, "/nl/", "Recente vragen")


def test_lesson_outline_and_package_hide_a_restricted_lesson(client, board_members, board, demo):
    first = "/nl/leren/circulair-aankopen-de-basis/wat-is-circulair-aankopen/"
    package = "/nl/leren/circulair-aankopen-de-basis/"
    _warm(client, board_members, first, package)
    hidden = LessonPage.objects.get(url_path__endswith="/de-circulaire-ambitiekaart/",
                                    locale__language_code="nl")
    _restrict(hidden, board)
    _in_turn(client, board_members, first, hidden.title)
    _in_turn(client, board_members, package, hidden.title)


def test_continue_learning_and_my_learning_hide_a_package_closed_since(client, board_members, board,
                                                                       demo):
    outsider, insider = board_members
    lesson = LessonPage.objects.get(url_path__endswith="/wat-is-circulair-aankopen/",
                                    locale__language_code="nl")
    for member in board_members:
        progress.record_visit(member, lesson)
    _warm(client, board_members, "/nl/", "/nl/mijn-leren/")
    _restrict(_nl("/circulair-aankopen-de-basis/"), board)
    _in_turn(client, board_members, "/nl/", PACKAGE_TITLE)
    _in_turn(client, board_members, "/nl/mijn-leren/", PACKAGE_TITLE)


def test_library_year_filter_offers_only_years_of_visible_documents(client, board_members,
                                                                    private_collection, demo):
    _warm(client, board_members, "/nl/bibliotheek/")
    document = LibraryDocument(title="Notulen 2003", collection=private_collection, year=2003)
    document.file.save("notulen-2003.pdf", ContentFile(simple_pdf("x", ["y"])), save=False)
    document.save()
    _in_turn(client, board_members, "/nl/bibliotheek/", '<option value="2003"')


def test_a_lesson_hides_a_private_download(client, board_members, private_collection, demo):
    url = "/nl/leren/circulair-aankopen-de-basis/de-circulaire-ambitiekaart/"
    _warm(client, board_members, url)
    document = LibraryDocument.objects.get(title="Circulaire ambitiekaart")
    document.collection = private_collection
    document.save()
    _in_turn(client, board_members, url, document.url)
    _in_turn(client, board_members, url, "De ambitiekaart op één blad")


def test_rich_text_links_to_a_private_document_lead_nowhere(client, board_members,
                                                            private_collection, demo):
    """A document link in rich text keeps the editor's words, not the address."""
    document = LibraryDocument.objects.get(title="Circulaire ambitiekaart")
    document.collection = private_collection
    document.save()
    home = Page.objects.get(depth=2, locale__language_code="nl")
    page = home.add_child(instance=InformationPage(
        title="Verslagen", slug="verslagen",
        body=f'<p>Lees <a linktype="document" id="{document.pk}">het verslag</a>.</p>'))
    page.save_revision().publish()
    _in_turn(client, board_members, "/nl/verslagen/", document.url)
    client.force_login(board_members[0])
    assert "het verslag" in client.get("/nl/verslagen/").content.decode()
    lesson = LessonPage.objects.get(url_path__endswith="/wat-is-circulair-aankopen/",
                                    locale__language_code="nl")
    body = lesson.body.raw_data
    next(block for block in body if block["type"] == "text")["value"] = RichText(
        f'<p>Zie <a linktype="document" id="{document.pk}">de kaart</a>.</p>').source
    lesson.body = body
    lesson.save_revision().publish()
    _in_turn(client, board_members, lesson.url, document.url)


def test_my_learning_links_to_the_learning_section_only_when_open(client, board_members, board,
                                                                  demo):
    _warm(client, board_members, "/nl/mijn-leren/")
    _restrict(_nl("/leren/"), board)
    _in_turn(client, board_members, "/nl/mijn-leren/", "Kies een leerpakket")
