"""New for you with news in it: the demo participant (topics, a team, a question of
their own) sees the home page's card and its page in both languages, accessible,
valid and fitting a 360 px phone. (SITE_PAGES checks the page of a member with no
topics yet: the invitation to choose some.)"""

import pytest
from django.contrib.auth import get_user_model
from django.utils import translation

from tests.e2e.conftest import (
    LANGUAGES,
    describe_html,
    html_errors,
    log_in_session,
)
from tests.e2e.test_accessibility import _OVERFLOWING, PHONE


def _(language, message):
    with translation.override(language):
        return translation.gettext(message)


def _fits(browser_page):
    measured = browser_page.evaluate(_OVERFLOWING)
    assert measured["scroll"] <= measured["width"], measured


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_card_and_its_page_show_the_participants_news(browser, site, check_accessibility,
                                                          tmp_path, language):
    participant = get_user_model().objects.get(email="participant@example.org")
    context = browser.new_context(base_url=site.url, viewport=PHONE, bypass_csp=True)
    log_in_session(context, site, participant)
    page = context.new_page()
    page.set_default_timeout(10_000)
    page.goto(f"/{language}/")
    card = page.locator("section.new-for-you")
    assert card.get_by_role("heading", name=_(language, "New for you")).is_visible()
    # The demo's news for them: their team's minutes, answers to their question.
    assert card.get_by_role("heading", name=_(language, "Your teams")).is_visible()
    assert card.locator("li").count() >= 3
    _fits(page)
    documents = {f"home-{language}": page.content()}  # before axe-core is added to it
    check_accessibility(page)

    card.get_by_role("link", name=_(language, "Everything new for you")).click()
    page.get_by_role("heading", level=1, name=_(language, "New for you")).wait_for()
    assert page.locator(".news-section").count() >= 2
    _fits(page)
    documents[f"new-for-you-{language}"] = page.content()
    check_accessibility(page)
    page.get_by_role("link", name=_(language, "Last 30 days")).click()
    page.wait_for_url("**period=month")
    assert page.locator('a[aria-current="page"]').inner_text() == _(language, "Last 30 days")
    context.close()
    problems = [f"{name}:\n" + describe_html(errors)
                for name, errors in html_errors(documents, tmp_path).items()]
    assert not problems, "\n\n".join(problems)
