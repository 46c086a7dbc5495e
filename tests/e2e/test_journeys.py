"""What a member does in a real browser, in Dutch and in English, under the site's CSP."""

import pytest
from django.utils import translation

from pages.models import LandingPage

PASSWORD = "a-long-test-password"  # as in tests/conftest.py
LANGUAGES = ["nl", "en"]
OTHER = {"nl": "en", "en": "nl"}


def _(language, message):
    with translation.override(language):
        return translation.gettext(message)


def _url_in(language, name):
    from django.urls import reverse

    with translation.override(language):
        return reverse(name)


def _switch_language(page, to):
    """Follow the language switcher's link to ``to``, as a member would."""
    page.locator(f'nav.language-switcher a[hreflang="{to}"]').click()
    page.wait_for_load_state()


def _log_in_with_form(page, email, password, language):
    page.get_by_label(_(language, "Email address")).fill(email)
    page.get_by_label(_(language, "Password")).fill(password)
    page.get_by_role("button", name=_(language, "Log in"), exact=True).click()
    page.wait_for_load_state()


@pytest.mark.parametrize("preferred", LANGUAGES)
def test_log_in_switch_language_and_log_out(page, site, make_member, preferred):
    """From the other language's login form to the preferred home, across, and out again."""
    make_member(language=preferred, first_name="Anne", email="anne@example.org")
    other = OTHER[preferred]

    page.goto(_url_in(other, "login"))
    assert page.locator("html").get_attribute("lang") == other
    _log_in_with_form(page, "Anne@Example.org", PASSWORD, other)

    # The member's own language, whatever the login page's.
    assert page.url == f"{site.url}/{preferred}/"
    assert page.locator("html").get_attribute("lang") == preferred
    heading = page.get_by_role("heading", level=1)
    assert heading.inner_text() == _(preferred, "Welcome, %(name)s") % {"name": "Anne"}

    _switch_language(page, other)
    assert page.url == f"{site.url}/{other}/"
    assert page.locator("html").get_attribute("lang") == other
    assert heading.inner_text() == _(other, "Welcome, %(name)s") % {"name": "Anne"}

    # A page with a translated slug: the switcher leads to its translation.
    page.get_by_role("link", name=_(other, "About Leerkring")).click()
    landing = {lang: LandingPage.objects.get(locale__language_code=lang) for lang in LANGUAGES}
    assert page.url == site.url + landing[other].url
    _switch_language(page, preferred)
    assert page.url == site.url + landing[preferred].url
    assert heading.inner_text() == landing[preferred].title

    page.locator("details.account-menu summary").click()
    page.get_by_role("button", name=_(preferred, "Log out")).click()
    page.wait_for_load_state()
    assert page.url == site.url + _url_in(preferred, "login")
    assert page.get_by_role("button", name=_(preferred, "Log in"), exact=True).is_visible()
    # The session is gone: the home page asks to log in again.
    page.goto(f"/{preferred}/")
    assert page.url.startswith(site.url + _url_in(preferred, "login") + "?next=")


@pytest.mark.parametrize("language", LANGUAGES)
def test_wrong_password_is_explained_in_the_page_language(page, site, make_member, language):
    make_member(language=OTHER[language], email="anne@example.org")
    page.goto(_url_in(language, "login"))
    _log_in_with_form(page, "anne@example.org", "not-the-password", language)

    assert page.url == site.url + _url_in(language, "login")
    assert page.locator("html").get_attribute("lang") == language
    error = _(language, "That email address and password do not match an account. "
                        "Check both and try again; the password is case-sensitive.")
    assert error in page.get_by_role("alert").inner_text()
    assert page.get_by_label(_(language, "Email address")).input_value() == "anne@example.org"
    assert page.get_by_label(_(language, "Password")).input_value() == ""


def _focused(page):
    return page.evaluate(
        """() => {
            const e = document.activeElement;
            if (!e || e === document.body) return 'body';
            return e.className === 'skip-link' ? 'skip-link'
                 : e.name ? e.tagName.toLowerCase() + ':' + e.name
                 : e.tagName.toLowerCase() + ':' + e.textContent.trim();
        }"""
    )


def _focus_is_visible(page):
    """The focused element draws a focus ring (WCAG 2.4.7) of at least 2 px."""
    return page.evaluate(
        """() => {
            const style = getComputedStyle(document.activeElement);
            return style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2;
        }"""
    )


def _tab_until(page, stop, limit=40):
    """Press Tab until ``stop`` has the focus; the stops passed on the way, ``stop`` last."""
    passed = []
    for _press in range(limit):
        page.keyboard.press("Tab")
        passed.append(_focused(page))
        if passed[-1] == stop:
            return passed
    raise AssertionError(f"Tab never reached {stop!r}: {passed}")


@pytest.mark.parametrize("language", LANGUAGES)
def test_keyboard_reaches_skip_link_and_login_button(page, site, language):
    """Tab alone: the skip link opens the tab cycle; email, password and button follow."""
    login_button = "button:" + _(language, "Log in")
    page.goto(_url_in(language, "login"))

    to_skip_link = _tab_until(page, "skip-link")
    # The first stop after the start of the document, and visible once focused.
    assert len(to_skip_link) == 1 or to_skip_link[-2] == "body", to_skip_link
    skip = page.locator(".skip-link")
    assert skip.inner_text() == _(language, "Skip to content")
    box = skip.bounding_box()
    assert box is not None and box["y"] >= 0 and box["height"] > 0
    assert _focus_is_visible(page)

    # From there, the form in reading order.
    to_button = _tab_until(page, login_button)
    form = [s for s in to_button if s in ("input:username", "input:password", login_button)]
    assert form == ["input:username", "input:password", login_button], to_button
    assert _focus_is_visible(page)

    # Enter on the skip link takes the keyboard to the content.
    with page.expect_navigation():
        page.keyboard.press("Enter")  # on the login button, with empty fields: the form again
    _tab_until(page, "skip-link")
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
    assert page.url.endswith("#main")
