"""A question asked, approved and answered by a moderator, accepted by the asker."""

import re

from django.core import mail
from django.utils import translation

from accounts.roles import MODERATORS, PARTICIPANTS
from forum.models import ForumIndexPage, Question
from tests.e2e.test_journeys import _log_in_with_form

PASSWORD = "a-long-test-password"


def _(language, message):
    with translation.override(language):
        return translation.gettext(message)


def test_ask_moderate_answer_and_accept(browser, site, make_member):
    asker = make_member(email="asker@example.org", language="nl")
    moderator = make_member(PARTICIPANTS, MODERATORS, email="mod@example.org", language="nl",
                            first_name="Mona")
    forum = ForumIndexPage.objects.get(locale__language_code="nl")

    # The participant asks; the preview follows the typing.
    asking = browser.new_context(base_url=site.url).new_page()
    asking.goto("/nl/inloggen/")
    _log_in_with_form(asking, asker.email, PASSWORD, "nl")
    asking.goto(forum.url)
    asking.get_by_role("link", name=_("nl", "Ask a question"), exact=True).first.click()
    asking.get_by_label(_("nl", "Topic"), exact=True).select_option(label="ICT")
    asking.get_by_label(_("nl", "Your question in one sentence")).fill(
        "Hoe lang moet een laptop meegaan in ons bestek?")
    asking.get_by_label(_("nl", "Explain your question")).fill(
        "We twijfelen tussen **vijf** en zeven jaar.")
    asking.locator("[data-preview-target] strong").wait_for()
    assert asking.locator("[data-preview-target] strong").inner_text() == "vijf"
    asking.get_by_role("button", name=_("nl", "Post my question")).click()
    asking.get_by_text(_("nl", "Waiting for review"), exact=True).first.wait_for()
    question = Question.objects.get(author=asker)
    assert question.status == "pending"
    assert any(m.to == [moderator.email] for m in mail.outbox)

    # The moderator approves with the keyboard, then answers.
    moderating = browser.new_context(base_url=site.url).new_page()
    moderating.goto("/nl/inloggen/")
    _log_in_with_form(moderating, moderator.email, PASSWORD, "nl")
    moderating.goto(forum.url + "moderation/")
    item = moderating.locator(f"#question-{question.pk}")
    while "moderation-item--current" not in (item.get_attribute("class") or ""):
        moderating.keyboard.press("j")
    with moderating.expect_navigation():
        moderating.keyboard.press("a")
    question.refresh_from_db()
    assert question.status == "published"
    moderating.goto(forum.url + f"question/{question.pk}/")
    moderating.get_by_label(_("nl", "Your answer"), exact=True).fill(
        "Vraag **zeven jaar** onderdelen en vijf jaar garantie.")
    moderating.get_by_role("button", name=_("nl", "Post my answer")).click()
    answer = question.answers.get()
    moderating.locator(f"#answer-{answer.pk}").get_by_text(_("nl", "Expert")).wait_for()

    # The asker got an email, accepts the answer, and the moderator gets one too.
    assert any(m.to == [asker.email] and question.title in m.subject for m in mail.outbox)
    asking.goto(forum.url + f"question/{question.pk}/")
    asking.get_by_role("button", name=_("nl", "Accept this answer")).click()
    accepted = asking.locator(f"#answer-{answer.pk}")
    assert re.search(_("nl", "Accepted answer"), accepted.inner_text())
    assert any(m.to == [moderator.email] and "aanvaard" in m.subject for m in mail.outbox)
