"""A member gets an answer: the bell counts it, the notifications page shows it and the
count drops; the email's unsubscribe link stops those emails without logging in, and
My account shows the choice."""

import re

import pytest
from django.conf import settings
from django.core import mail
from django.utils import translation

from forum import posting
from forum.models import ModerationMode, ModerationRule
from notices.preferences import wants_email
from tests.e2e.conftest import LANGUAGES, log_in_session, url_in
from topics.models import Topic


def _(language, message, **values):
    with translation.override(language):
        return translation.gettext(message) % values


def _ngettext(language, singular, plural, count):
    with translation.override(language):
        return translation.ngettext(singular, plural, count) % {"counter": count}


@pytest.mark.parametrize("language", LANGUAGES)
def test_an_answer_rings_the_bell_and_its_email_unsubscribes(browser, site, make_member,
                                                              language):
    asker = make_member(email=f"asker-{language}@example.org", language=language)
    helper = make_member(email=f"helper-{language}@example.org")
    topic = Topic.objects.get(locale__language_code="nl", slug="ict")
    ModerationRule.objects.update_or_create(topic=topic, defaults={"mode": ModerationMode.NONE})
    question = posting.ask(asker, topic, "Hoe lang gaat een laptop mee?", "Vijf jaar?", "nl")
    mail.outbox.clear()
    posting.answer(helper, question, "Vraag zeven jaar.", "nl")  # committed: told at once
    [email] = [m for m in mail.outbox if m.to == [asker.email]]

    context = browser.new_context(base_url=site.url)
    log_in_session(context, site, asker)
    page = context.new_page()
    page.set_default_timeout(10_000)
    page.goto(f"/{language}/")
    bell = page.get_by_role("link", name=_ngettext(
        language, "Notifications, %(counter)s unread", "Notifications, %(counter)s unread", 1))
    assert bell.locator(".bell__count").inner_text() == "1"
    bell.click()
    page.wait_for_url(f"**{url_in(language, 'notices:index')}")
    item = page.locator(".notice").first
    assert question.title in item.inner_text()
    assert _(language, "New") in item.locator(".badge--new").inner_text()
    # The page marked it read: the bell on it says so already, and on the next page.
    assert page.get_by_role("link", name=_(language, "Notifications, none unread")).is_visible()
    item.get_by_role("link", name=re.compile(re.escape(question.title))).click()
    page.wait_for_url(f"**/forum/question/{question.pk}/")
    assert page.locator(".bell__count").count() == 0

    # The link in the email, opened logged out (a mail client's browser).
    link = re.fullmatch(r"<(.+)>", email.message()["List-Unsubscribe"]).group(1)
    assert link.startswith(settings.BASE_URL + f"/{language}/")
    outside = browser.new_context(base_url=site.url)
    stranger = outside.new_page()
    stranger.goto(link.removeprefix(settings.BASE_URL))
    assert wants_email(asker, "forum.answered")  # looking changed nothing
    stranger.get_by_role("button", name=_(language, "Stop these emails")).click()
    label = _(language, "Answers to my questions")
    stranger.get_by_text(_(language, "Done: you no longer get emails about “%(stream)s”.",
                           stream=label)).wait_for()
    assert not wants_email(asker, "forum.answered")
    outside.close()

    # My account shows it off, the other kinds on; saving keeps it so.
    page.goto(url_in(language, "profile"))
    assert not page.get_by_label(label, exact=True).is_checked()
    assert page.get_by_label(_(language, "My accepted answers"), exact=True).is_checked()
    page.get_by_role("button", name=_(language, "Save my email settings")).click()
    page.get_by_text(_(language, "Your email settings are saved.")).wait_for()
    assert not wants_email(asker, "forum.answered")
    context.close()

