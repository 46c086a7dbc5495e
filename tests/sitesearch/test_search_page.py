"""The search page: translated URLs, filters, pagination, the empty state, the header box."""

from django.urls import reverse
from django.utils import translation

from sitesearch import search as search_module
from sitesearch.forms import MAX_QUERY_LENGTH


def url(language="nl"):
    with translation.override(language):
        return reverse("search")


def test_the_page_has_a_url_in_each_language():
    assert url("nl") == "/nl/zoeken/"
    assert url("en") == "/en/search/"


def test_results_show_a_count_highlights_and_keep_the_query(search_index, member_client):
    response = member_client.get(url(), {"q": "aankoper"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "<mark>aankopers</mark>" in html or "<mark>aankoper</mark>" in html
    outcome = response.context["outcome"]
    assert outcome.count == len(outcome.results) or outcome.count > 10
    assert f"{outcome.count} resultaten voor “aankoper”" in html
    # The query stays in the page's box and in the header's.
    assert html.count('value="aankoper"') == 2
    first = outcome.results[0]
    assert f'href="{first.url}"' in html


def test_the_header_has_a_labelled_search_box_on_every_member_page(search_index, member_client):
    html = member_client.get("/nl/").content.decode()
    assert 'role="search"' in html
    assert '<label for="header-search-q"' in html
    assert f'action="{url()}"' in html


def test_filters_by_type_topic_and_language(search_index, member_client):
    lessons = member_client.get(url(), {"q": "circulair", "type": "lesson"}).context["results"]
    assert lessons and {r.kind.code for r in lessons} == {"lesson"}
    english = member_client.get(url(), {"q": "circular", "language": "en"}).context["results"]
    assert english and {r.language for r in english} == {"en"}
    ict = member_client.get(url(), {"q": "laptops", "topic": "ict"}).context["results"]
    assert ict and all("ICT" in [t.name for t in r.topics] for r in ict)
    # A topic alone lists what is about it.
    only_topic = member_client.get(url(), {"topic": "ict"}).context["outcome"]
    assert only_topic.count >= 3


def test_results_come_in_pages(search_index, member_client, monkeypatch):
    monkeypatch.setattr(search_module, "PAGE_SIZE", 3)
    monkeypatch.setattr("sitesearch.views.PAGE_SIZE", 3)
    first = member_client.get(url(), {"q": "circulair"})
    second = member_client.get(url(), {"q": "circulair", "page": "2"})
    count = first.context["outcome"].count
    assert count > 6
    titles = [r.url for r in first.context["results"]]
    assert len(titles) == 3
    assert not set(titles) & {r.url for r in second.context["results"]}
    assert 'rel="next"' in first.content.decode()
    assert "q=circulair&amp;page=2" in first.content.decode()
    # Pages past the end and nonsense numbers answer normally.
    for page in ("999", "abc", "-1"):
        assert member_client.get(url(), {"q": "circulair", "page": page}).status_code == 200


def test_nothing_found_suggests_spelling_and_topics(search_index, member_client):
    response = member_client.get(url(), {"q": "refurbishd"})
    html = response.content.decode()
    assert response.context["outcome"].count == 0
    assert "Niets gevonden voor “refurbishd”" in html
    assert response.context["outcome"].suggestion == "refurbished"
    assert "q=refurbished" in html
    assert response.context["popular_topics"]
    assert "Populaire onderwerpen" in html


def test_a_too_long_query_is_refused_in_the_readers_language(search_index, member_client):
    long_query = "a" * (MAX_QUERY_LENGTH + 1)
    response = member_client.get(url(), {"q": long_query})
    assert response.status_code == 200
    html = response.content.decode()
    assert f"Gebruik hoogstens {MAX_QUERY_LENGTH} tekens." in html
    assert long_query in html  # nothing typed is lost


def test_the_english_page_speaks_english(search_index, member_client):
    html = member_client.get(url("en"), {"q": "furniture"}).content.decode()
    assert "results for “furniture”" in html
    assert '<html lang="en"' in html


def test_a_search_takes_a_bounded_number_of_queries(search_index, member_client, count_queries):
    member_client.get(url(), {"q": "circulair"})  # warm caches (site, locales)
    with count_queries() as few:
        member_client.get(url(), {"q": "aankoper"})
    with count_queries() as many:
        member_client.get(url(), {"q": "circulair"})
    assert len(many.captured_queries) <= 30
    # More results of more types do not mean a query per result.
    assert len(many.captured_queries) - len(few.captured_queries) <= 6


def test_the_forum_keeps_its_own_filter_and_offers_the_site_search(search_index, member_client):
    from forum.models import ForumIndexPage

    forum = ForumIndexPage.objects.get(locale__language_code="nl")
    response = member_client.get(forum.url, {"q": "laptops"})
    html = response.content.decode()
    assert [q.title for q in response.context["questions"]] == [
        "Hoe vraag je refurbished laptops zonder de markt uit te sluiten?"]
    assert f'href="{url()}?q=laptops"' in html


def test_hostile_input_gets_an_answer_never_an_error(search_index, member_client):
    from tests.security.test_hostile_input import HOSTILE, _encode

    odd_queries = ["AND", "OR NOT", '"', "title:x", "*", "?", "a~2", "(((", "\\", "-", "ü"]
    for value in [*HOSTILE.values(), *odd_queries]:
        for field in ("q", "type", "topic", "language", "page"):
            data = {"q": "aankoper", field: value}
            response = member_client.get(url() + "?" + _encode(data))
            # A NUL character in an address is refused everywhere with the 400 page
            # (leerkring/request_checks.py); everything else gets the search page.
            expected = 400 if isinstance(value, str) and "\x00" in value else 200
            assert response.status_code == expected, (field, value)


def test_documents_in_other_languages_are_labelled(search_index, member_client):
    from django.core.files.base import ContentFile

    from library.models import LibraryDocument

    for language, title in (("fr", "Achats circulaires"), ("other", "Kringloopdeck")):
        document = LibraryDocument(title=title, language=language,
                                   description="Over zonnebetonplaten.")
        document.file.save(f"{language}.pdf", ContentFile(b"%PDF-1.4\n%%EOF\n"), save=False)
        document.save()
    search_index.run()
    response = member_client.get(url(), {"q": "zonnebetonplaten"})
    html = response.content.decode()
    assert response.context["outcome"].count == 2
    assert '<h3 class="search-result__title" lang="fr">' in html
    assert "Document · Frans" in html
    assert 'lang="other"' not in html
