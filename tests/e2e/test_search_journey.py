"""A participant searches from the header box, sees highlighted results and opens one."""

import re

from django.utils import translation

from sitesearch.queue import rebuild


def _(language, message):
    with translation.override(language):
        return translation.gettext(message)


def test_search_from_the_header_in_both_languages(page, log_in_as, make_member):
    rebuild()
    log_in_as(make_member())
    for language, query, title in (("nl", "kringlopen", "Wat is circulair aankopen?"),
                                   ("en", "furniture", "Reusing office furniture")):
        page.goto(f"/{language}/")
        box = page.get_by_role("searchbox", name=_(language, "Search the site"))
        box.fill(query)
        box.press("Enter")
        page.wait_for_url(re.compile(r"/(zoeken|search)/\?q="))
        # The query stays in the box; results mark the words found.
        assert page.get_by_role("searchbox", name=_(language, "Search the site")).input_value() \
            == query
        assert page.locator(".search-result__snippet mark").count() > 0
        page.get_by_role("link", name=title, exact=True).click()
        assert page.get_by_role("heading", level=1).inner_text() == title


def test_filters_work_without_javascript(browser, site, make_member):
    from tests.e2e.conftest import log_in_session

    rebuild()
    context = browser.new_context(base_url=site.url, java_script_enabled=False)
    log_in_session(context, site, make_member(language="en"))
    page = context.new_page()
    page.goto("/en/search/?q=circular")
    page.get_by_label("Type", exact=True).select_option(label="Lessons")
    page.get_by_role("button", name="Search", exact=True).last.click()
    kinds = page.locator(".search-result__kind").all_inner_texts()
    assert kinds and all(kind.upper().startswith("LESSON") for kind in kinds)
    assert page.get_by_label("Search for", exact=True).input_value() == "circular"
    context.close()
