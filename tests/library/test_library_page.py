"""The slide library: filters, sorting, pagination, privacy."""

import re

import pytest
from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Collection, CollectionViewRestriction

from library.models import Event, LibraryDocument, LibraryPage
from pages.demo_files import simple_pdf
from topics.models import Topic

pytestmark = pytest.mark.django_db


@pytest.fixture
def library(demo):
    return LibraryPage.objects.get(locale__language_code="nl")


def _titles(html):
    return re.findall(r'<h3 class="document-row__title"><a href="[^"]+">([^<]+)<', html)


def test_library_lists_slides_with_size_and_type(member_client, library):
    html = member_client.get(library.url).content.decode()
    assert "Van ambitie naar bestek" in html
    assert "PPTX · " in html and "PDF · " in html
    assert "11 documenten" in html


@pytest.mark.parametrize("query,expected,absent", [
    ("topic=kantoormeubilair", "Refurbished kantoormeubilair", "Checklist circulair bestek"),
    ("language=en", "Furniture as a service", "Checklist circulair bestek"),
    ("year=2017", "Waarom circulair aankopen?", "Impact meten tijdens de uitvoering"),
    ("type=pptx", "Laptops met een langer leven", "Checklist circulair bestek"),
    ("q=catering", "Circulaire catering", "Checklist circulair bestek"),
])
def test_filters(member_client, library, query, expected, absent):
    titles = _titles(member_client.get(f"{library.url}?{query}").content.decode())
    assert expected in titles and absent not in titles


def test_filter_by_event(member_client, library):
    event = Event.objects.get(locale__language_code="nl", name__startswith="Buyer meets")
    titles = _titles(member_client.get(f"{library.url}?event={event.translation_key}")
                     .content.decode())
    assert sorted(titles) == ["Furniture as a service", "Refurbished kantoormeubilair"]


def test_sort_by_title(member_client, library):
    titles = _titles(member_client.get(f"{library.url}?sort=title").content.decode())
    assert titles == sorted(titles)


def test_unknown_filter_values_are_explained_not_fatal(member_client, library):
    response = member_client.get(f"{library.url}?topic=nope&year=abc&page=999")
    assert response.status_code == 200


def test_english_library_shows_topics_and_events_in_english(member_client, demo):
    english = LibraryPage.objects.get(locale__language_code="en")
    html = member_client.get(english.url).content.decode()
    assert "Office furniture" in html and "Kantoormeubilair" not in html
    assert "Action day: measuring impact" in html


def test_pagination_keeps_the_filters(member_client, library, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    for n in range(25):
        document = LibraryDocument(title=f"Extra {n:02d}", language="en")
        document.file.save(f"extra-{n}.pdf", ContentFile(simple_pdf("x", ["y"])), save=False)
        document.save()
    first = member_client.get(f"{library.url}?language=en&sort=title").content.decode()
    assert "Pagina 1 van 2" in first
    assert 'href="?language=en&amp;sort=title&amp;page=2"' in first
    second = member_client.get(f"{library.url}?language=en&sort=title&page=2").content.decode()
    assert len(_titles(second)) == 27 - 20


def test_library_queries_do_not_grow_with_documents(member_client, library, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path

    def count():
        member_client.get(library.url)
        with CaptureQueriesContext(connection) as captured:
            member_client.get(library.url)
        return len(captured.captured_queries)

    before = count()
    for n in range(15):
        document = LibraryDocument(title=f"Extra {n}", language="nl",
                                   event=Event.objects.filter(locale__language_code="nl").first())
        document.file.save(f"extra-{n}.pdf", ContentFile(simple_pdf("x", ["y"])), save=False)
        document.save()
        document.topics.set(Topic.objects.filter(locale__language_code="nl")[n % 5:n % 5 + 2])
    assert count() == before


def test_restricted_collection_is_hidden_from_other_members(member_client, library, make_member,
                                                            settings, tmp_path):
    from django.contrib.auth.models import Group

    settings.MEDIA_ROOT = tmp_path
    board = Group.objects.create(name="Board")
    secret = Collection.get_first_root_node().add_child(name="Board only")
    restriction = CollectionViewRestriction.objects.create(
        collection=secret, restriction_type=CollectionViewRestriction.GROUPS)
    restriction.groups.add(board)
    document = LibraryDocument(title="Board minutes", collection=secret)
    document.file.save("minutes.pdf", ContentFile(simple_pdf("x", ["y"])), save=False)
    document.save()
    assert "Board minutes" not in member_client.get(library.url).content.decode()
    assert member_client.get(document.url).status_code == 403
    outsider = make_member()
    insider = make_member()
    insider.groups.add(board)
    member_client.force_login(insider)
    assert "Board minutes" in member_client.get(library.url).content.decode()
    # The list is cached per set of collections a member may see: the
    # insider's list never reaches an outsider, nor the reverse.
    member_client.force_login(outsider)
    assert "Board minutes" not in member_client.get(library.url).content.decode()
    member_client.force_login(insider)
    assert "Board minutes" in member_client.get(library.url).content.decode()
    insider.groups.remove(board)
    assert "Board minutes" not in member_client.get(library.url).content.decode()


def test_a_collection_made_private_later_closes_at_once(member_client, participant, library,
                                                        settings, tmp_path):
    """The collections' privacy rules are kept in the shared cache: every change
    to them (a rule, its groups) counts on the next request."""
    from django.contrib.auth.models import Group

    settings.MEDIA_ROOT = tmp_path
    group = Group.objects.create(name="Werkgroep ICT")
    folder = Collection.get_first_root_node().add_child(name="Werkgroep")
    document = LibraryDocument(title="Verslag werkgroep", collection=folder)
    document.file.save("verslag.pdf", ContentFile(simple_pdf("x", ["y"])), save=False)
    document.save()

    def shown():
        listed = "Verslag werkgroep" in member_client.get(library.url).content.decode()
        status = member_client.get(document.url).status_code
        assert listed == (status == 200), status
        return listed

    assert shown()  # the rules (none yet) are now kept
    restriction = CollectionViewRestriction.objects.create(
        collection=folder, restriction_type=CollectionViewRestriction.GROUPS)
    restriction.groups.add(group)
    assert not shown()
    participant.groups.add(group)
    assert shown()
    participant.groups.remove(group)
    assert not shown()
    restriction.groups.set([group, *participant.groups.all()])
    assert shown()
    restriction.delete()
    assert shown()


def test_anonymous_visitors_get_no_library_and_no_files(client, library):
    document = LibraryDocument.objects.filter(file__endswith=".pdf").first()
    assert client.get(library.url).status_code == 302
    for url in (document.url, f"/media/{document.file.name}"):
        response = client.get(url)
        assert response.status_code == 302, url
        assert b"%PDF" not in response.content


def test_member_downloads_a_deck(member_client, library):
    document = LibraryDocument.objects.get(title="Checklist circulair bestek")
    response = member_client.get(document.url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF")
