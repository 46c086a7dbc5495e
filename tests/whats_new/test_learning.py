"""Learning's news for a member (learning/whats_new.py): packages and lessons published
or updated, that the member may open, in their language where there is a version."""

import pytest
from django.contrib.auth.models import Group

from learning.models import LearningIndexPage, LearningPackagePage, LessonPage
from pages.demo import publish
from tests.whats_new.helpers import fresh, private_to, published_before, text_body
from translations.content import sync_new_page

pytestmark = pytest.mark.django_db


def items(sections):
    section = sections.get("learning")
    return [(item.title, item.label) for item in section.items] if section else []


def test_a_new_package_in_the_members_language(news, reader, make_package):
    package_nl, package_en, _ = make_package(1, lessons=2)
    [item] = news(reader)["learning"].items  # the package stands for its new lessons
    assert (item.title, item.label, item.why) == ("Pakket 1", "Nieuw leerpakket", "In ICT")
    assert item.url == package_nl.url
    assert item.language == ""
    [item] = news(reader, language="en")["learning"].items
    assert (item.title, item.label, item.why) == ("Package 1", "New learning package", "In ICT")
    assert item.url == package_en.url


def test_an_untranslated_page_is_named_in_its_own_language(news, reader, topics):
    index = LearningIndexPage.objects.get(locale__language_code="nl")
    package = LearningPackagePage(title="Alleen in het Nederlands", slug="alleen-nl",
                                  summary="Nog niet vertaald")
    package.topics = [topics["ict"]]
    index.add_child(instance=package)
    publish(package)
    sync_new_page(package)  # the English tree gets an alias, as editors' pages do
    [item] = news(reader, language="en", in_topics=True)["learning"].items
    assert item.title == "Alleen in het Nederlands"
    assert item.language == "nl"  # shown with lang="nl" on the English page
    assert item.why == "In ICT"
    assert item.url.startswith("/en/")


def test_packages_outside_the_members_topics_only_without_in_topics(news, reader,
                                                                      make_package):
    make_package(2, slugs=("textiel",))
    assert items(news(reader)) == [("Pakket 2", "Nieuw leerpakket")]
    assert news(reader)["learning"].items[0].why == ""  # new for everyone
    assert "learning" not in news(reader, in_topics=True)


def test_a_private_package_is_news_only_to_who_may_open_it(news, reader, make_package,
                                                           make_member):
    package_nl, _, _ = make_package(3)
    board = Group.objects.create(name="Board")
    private_to(package_nl, board)
    assert "learning" not in news(reader)
    assert "learning" not in news(reader, language="en")  # the rule holds in every language
    reader.groups.add(board)
    assert items(news(fresh(reader))) == [("Pakket 3", "Nieuw leerpakket")]


def test_a_lesson_updated_in_an_older_package(news, reader, make_package, start):
    package_nl, package_en, lessons = make_package(4, lessons=2)
    published_before(start, package_nl, package_en, *lessons,
                     *[lesson.get_translation(package_en.locale) for lesson in lessons])
    assert "learning" not in news(reader)
    lesson = LessonPage.objects.get(pk=lessons[1].pk)
    lesson.body = text_body()
    publish(lesson)
    [item] = news(reader)["learning"].items
    assert (item.title, item.label, item.why) == ("Les 4.2", "Bijgewerkte les", "In ICT")
    assert item.url == lesson.url
    assert "learning" not in news(reader, language="en")  # the English lesson did not change


def test_a_lesson_without_a_topic_says_its_package(news, make_member, make_package, start):
    package_nl, package_en, lessons = make_package(5, slugs=(), lessons=1)
    published_before(start, package_nl, package_en)
    [item] = news(make_member())["learning"].items
    assert (item.title, item.why) == ("Les 5.1", "Deel van Pakket 5")


def test_an_unpublished_package_is_no_news(news, reader, make_package):
    package_nl, package_en, _ = make_package(6)
    package_nl.unpublish()
    package_en.unpublish()
    assert "learning" not in news(reader)


def test_bounded_with_the_rest_counted(news, reader, make_package):
    for n in range(7, 11):
        make_package(n)
    section = news(reader, limit=3)["learning"]
    assert [item.title for item in section.items] == ["Pakket 10", "Pakket 9", "Pakket 8"]
    assert section.more == 1
