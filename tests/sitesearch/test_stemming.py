"""Each language has its own index, with its own stemming."""

from django.contrib.auth.models import AnonymousUser

from sitesearch.search import search
from tests.sitesearch.conftest import ident


def titles(outcome):
    return [result.title for result in outcome.results]


def test_dutch_content_is_found_by_its_stem(search_index, package, make_lesson, participant):
    lesson = make_lesson(package, "Kringloopwerking", "Wat doen de zonnepaneelaankopers anders?")
    search_index.run()
    found = search(participant, "zonnepaneelaankoper", reader_language="nl")
    assert titles(found) == ["Kringloopwerking"]
    assert "<mark>zonnepaneelaankopers</mark>" in found.results[0].snippet
    assert ident(lesson) in search_index.ids("default")
    assert ident(lesson) not in search_index.ids("en")


def test_english_content_is_found_by_its_stem(search_index, english_package, make_lesson,
                                              participant):
    lesson = make_lesson(english_package, "Loops", "What do the upcyclers ask for?")
    search_index.run()
    found = search(participant, "upcycler", reader_language="en")
    assert titles(found) == ["Loops"]
    assert "<mark>upcyclers</mark>" in found.results[0].snippet
    assert ident(lesson) in search_index.ids("en")
    assert ident(lesson) not in search_index.ids("default")


def test_each_language_filter_searches_its_own_index(search_index, package, english_package,
                                                     make_lesson, participant):
    make_lesson(package, "Hergebruiksles", "Over meubelcontracten en terugname.")
    make_lesson(english_package, "Reuse lesson", "About meubelcontracten in English.")
    search_index.run()
    assert titles(search(participant, "meubelcontracten", reader_language="nl",
                         language="nl")) == ["Hergebruiksles"]
    assert titles(search(participant, "meubelcontracten", reader_language="nl",
                         language="en")) == ["Reuse lesson"]
    both = search(participant, "meubelcontracten", reader_language="nl")
    assert sorted(titles(both)) == ["Hergebruiksles", "Reuse lesson"]
    assert both.count == 2


def test_the_demo_lesson_with_aankopers_is_found_with_aankoper(search_index, participant):
    found = search(participant, "aankoper", reader_language="nl", language="nl", kind="lesson")
    assert "Wat is circulair aankopen?" in titles(found)


def test_nobody_anonymous_gets_results(search_index):
    assert search(AnonymousUser(), "aankoper", reader_language="nl").results == []
    assert search(AnonymousUser(), "aankoper", reader_language="nl").count == 0
