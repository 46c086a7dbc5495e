"""Every page in SITE_PAGES passes axe-core (WCAG 2.1 A/AA) and the Nu Html Checker."""

import pytest
from django.urls import reverse
from django.utils import translation


def _open(browser_page, log_in, make_member, site_page, language):
    if site_page.member:
        log_in(make_member(language=language))
    path = site_page.path(language)
    response = browser_page.goto(path)
    assert response.status == site_page.status, (path, response.status)
    assert browser_page.locator("html").get_attribute("lang") == language
    return response


def test_no_serious_accessibility_violations(
    checker_page, checker_log_in_as, make_member, check_accessibility, site_page, language
):
    _open(checker_page, checker_log_in_as, make_member, site_page, language)
    check_accessibility(checker_page)


def test_html_is_valid(page, log_in_as, make_member, check_html, site_page, language):
    response = _open(page, log_in_as, make_member, site_page, language)
    check_html(response.text(), f"{site_page.name}-{language}")


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
