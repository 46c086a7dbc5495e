"""Every page in SITE_PAGES passes axe-core (WCAG 2.1 A/AA) and the Nu Html Checker."""

import pytest
from django.urls import reverse
from django.utils import translation

from tests.e2e.conftest import (
    LANGUAGES,
    SITE_PAGES,
    axe_violations,
    describe_axe,
    describe_html,
    html_errors,
    log_in_session,
)


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_page_is_accessible_and_valid(browser, site, make_member, tmp_path, language):
    """Each page of SITE_PAGES: no serious axe-core violation, no Nu Html Checker error.

    One test per language, so that the demo loads once and the checker
    starts once for all pages; the report lists every page that fails.
    """
    visitor = browser.new_context(base_url=site.url, bypass_csp=True)
    member = browser.new_context(base_url=site.url, bypass_csp=True)
    log_in_session(member, site, make_member(language=language))
    problems, documents = [], {}
    for site_page in SITE_PAGES:
        browser_page = (member if site_page.member else visitor).new_page()
        path = site_page.path(language)
        response = browser_page.goto(path)
        name = f"{site_page.name}-{language}"
        if response.status != site_page.status:
            problems.append(f"{name}: {path} answered {response.status}")
        elif browser_page.locator("html").get_attribute("lang") != language:
            problems.append(f"{name}: {path} is not marked as {language}")
        else:
            documents[name] = response.text()
            violations = axe_violations(browser_page)
            if violations:
                problems.append(f"{name} ({path}), axe-core:\n" + describe_axe(violations))
        browser_page.close()
    for name, errors in html_errors(documents, tmp_path).items():
        problems.append(f"{name}, Nu Html Checker:\n" + describe_html(errors))
    visitor.close()
    member.close()
    if problems:
        pytest.fail("\n\n".join(problems), pytrace=False)


def _(language, message):
    with translation.override(language):
        return translation.gettext(message)


def _submit(browser_page, language, fields, button):
    for label, value in fields.items():
        browser_page.get_by_label(_(language, label), exact=True).fill(value)
    with browser_page.expect_navigation() as navigation:
        browser_page.get_by_role("button", name=_(language, button), exact=True).click()
    return navigation.value


FORMS_WITH_ERRORS = {
    # name: (URL name, needs a member, {label: value}, submit button)
    "login": ("login", False, {"Email address": "nobody@example.org", "Password": "wrong"},
              "Log in"),
    "password-change": ("password_change", True,
                        # Several errors on one field: too short, too common, all digits.
                        {"Old password": "wrong", "New password": "12345678",
                         "New password confirmation": "12345678"},
                        "Save my new password"),
}


@pytest.mark.parametrize("language", ["nl", "en"])
@pytest.mark.parametrize("form", sorted(FORMS_WITH_ERRORS))
def test_forms_showing_errors_stay_accessible_and_valid(
    checker_page, checker_log_in_as, make_member, check_accessibility, check_html, form,
    language,
):
    """Error messages are part of the page too: several on one field, and a summary."""
    url_name, member, fields, button = FORMS_WITH_ERRORS[form]
    if member:
        checker_log_in_as(make_member(language=language))
    with translation.override(language):
        checker_page.goto(reverse(url_name))
    response = _submit(checker_page, language, fields, button)
    assert response.status == 200
    assert checker_page.get_by_role("alert").is_visible()
    check_accessibility(checker_page)
    check_html(response.text(), f"{form}-errors-{language}")


def test_the_checkers_report_problems(checker_page, check_accessibility, check_html):
    """The guards themselves: a known violation and a known HTML error fail the test."""
    broken = (
        '<!DOCTYPE html><html lang="en"><head><title>Broken</title></head>'
        '<body><main><img src="/x.png"><p>Text<div>block in a paragraph</p></main></body></html>'
    )
    checker_page.set_content(broken)
    with pytest.raises(pytest.fail.Exception, match="image-alt"):
        check_accessibility(checker_page)
    with pytest.raises(pytest.fail.Exception, match="Nu Html Checker"):
        check_html(broken, "broken")


# The elements that reach past the right edge of the window, for the report.
_OVERFLOWING = """() => {
    const width = window.innerWidth;
    const wide = [];
    for (const element of document.body.querySelectorAll("*")) {
        const box = element.getBoundingClientRect();
        if (box.width && box.right > width + 1) {
            const name = element.tagName.toLowerCase()
                + (element.id ? "#" + element.id : "")
                + (element.classList.length ? "." + [...element.classList].join(".") : "");
            wide.push(name + " (" + Math.round(box.right) + " px)");
        }
    }
    return {scroll: document.documentElement.scrollWidth, width: width,
            elements: wide.slice(0, 5)};
}"""
PHONE = {"width": 360, "height": 740}


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_page_fits_a_phone_without_sideways_scrolling(browser, site, make_member,
                                                            language):
    """Each page of SITE_PAGES at 360 px wide: nothing makes the page scroll sideways."""
    visitor = browser.new_context(base_url=site.url, viewport=PHONE)
    member = browser.new_context(base_url=site.url, viewport=PHONE)
    log_in_session(member, site, make_member(language=language))
    problems = []
    for site_page in SITE_PAGES:
        browser_page = (member if site_page.member else visitor).new_page()
        path = site_page.path(language)
        browser_page.goto(path)
        measured = browser_page.evaluate(_OVERFLOWING)
        if measured["scroll"] > measured["width"]:
            problems.append(f"{site_page.name}-{language} ({path}): {measured['scroll']} px "
                            f"wide in a {measured['width']} px window; "
                            + ", ".join(measured["elements"]))
        browser_page.close()
    visitor.close()
    member.close()
    if problems:
        pytest.fail("\n".join(problems), pytrace=False)
