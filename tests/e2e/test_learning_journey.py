"""A participant studies at their own pace, leaves, comes back and picks up where they were."""

import re

from django.utils import translation

from learning.models import LearningPackagePage
from tests.e2e.test_journeys import _log_in_with_form

PASSWORD = "a-long-test-password"


def _(language, message, **values):
    with translation.override(language):
        text = translation.gettext(message)
    return text % values if values else text


def test_study_leave_and_resume(page, site, make_member):
    make_member(email="lotte@example.org", first_name="Lotte", language="nl")
    package = LearningPackagePage.objects.get(locale__language_code="nl",
                                              slug="circulair-aankopen-de-basis")
    lessons = list(package.lessons())

    page.goto("/nl/inloggen/")
    _log_in_with_form(page, "lotte@example.org", PASSWORD, "nl")
    page.get_by_role("navigation", name=_("nl", "Main")).get_by_role("link", name="Leren").click()
    page.get_by_role("link", name=package.title).click()
    page.get_by_role("link", name=_("nl", "Start the first lesson")).click()
    assert page.url.endswith(lessons[0].url)

    # The self-check answers in place: no page load, the lesson is then done.
    page.evaluate("window.stillTheSamePage = true")
    question = page.locator("[data-self-check]")
    question.get_by_label(re.compile("volledige levensduur")).check()
    question.get_by_role("button", name=_("nl", "Check my answer")).click()
    page.get_by_text(_("nl", "Correct!"), exact=True).wait_for()
    assert page.evaluate("window.stillTheSamePage") is True
    assert page.get_by_text(_("nl", "You have completed this lesson.")).is_visible()

    page.locator("[data-lesson-status]").get_by_role(
        "link", name=_("nl", "Next lesson")).click()
    assert page.url.endswith(lessons[1].url)
    page.get_by_role("button", name=_("nl", "Mark as done and continue")).click()
    assert page.url.endswith(lessons[2].url)

    # Leave, come back: the home page offers the third lesson.
    page.locator("details.account-menu summary").click()
    page.get_by_role("button", name=_("nl", "Log out")).click()
    page.goto("/nl/inloggen/")
    _log_in_with_form(page, "lotte@example.org", PASSWORD, "nl")
    page.get_by_role("link", name=re.compile(_("nl", "Continue where you left off"))).click()
    assert page.url.endswith(lessons[2].url)
    assert page.get_by_text(_("nl", "Lesson %(n)s of %(total)s", n=3, total=3)).is_visible()

    # The progress shows in both languages.
    page.goto(package.url)
    assert page.locator("progress").first.get_attribute("value") == "67"
    with translation.override("nl"):
        from django.urls import reverse

        mine_nl = reverse("learning:my_learning")
    page.goto(mine_nl)
    assert "67%" in page.locator(".learning-row").first.inner_text()
    page.locator('nav.language-switcher a[hreflang="en"]').click()
    english = package.get_translation(package.locale.__class__.objects.get(language_code="en"))
    assert page.get_by_role("link", name=english.title).is_visible()
    assert page.get_by_text("2 of 3 lessons done").is_visible()
