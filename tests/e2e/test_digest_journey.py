"""A member changes how often they get the digest under My account, in both languages,
and a digest's one-click link stops it without logging in."""

import re

import pytest
from django.conf import settings
from django.utils import timezone, translation

from digests import sending
from notices.preferences import digest_frequency
from tests.e2e.conftest import LANGUAGES, log_in_session, url_in


def _(language, message, **values):
    with translation.override(language):
        return translation.gettext(message) % values


@pytest.mark.parametrize("language", LANGUAGES)
def test_change_the_digest_frequency_then_stop_it_from_the_email(browser, site, make_member,
                                                                 language, mailoutbox):
    member = make_member(email=f"digest-{language}@example.org", language=language)
    assert digest_frequency(member) == "weekly"  # the default

    context = browser.new_context(base_url=site.url)
    log_in_session(context, site, member)
    page = context.new_page()
    page.set_default_timeout(10_000)
    page.goto(url_in(language, "profile"))
    daily = page.get_by_label(_(language, "Daily"), exact=True)
    assert page.get_by_label(_(language, "Weekly"), exact=True).is_checked()
    daily.check()
    page.get_by_role("button", name=_(language, "Save my email settings")).click()
    page.get_by_text(_(language, "Your email settings are saved.")).wait_for()
    assert digest_frequency(member) == "daily"
    page.goto(url_in(language, "profile"))
    assert page.get_by_label(_(language, "Daily"), exact=True).is_checked()

    # The demo has news for everyone: the member's first digest goes at once.
    sending.run(timezone.now())
    [digest] = [m for m in mailoutbox if m.to == [member.email]]
    link = re.fullmatch(r"<(.+)>", digest.message()["List-Unsubscribe"]).group(1)
    outside = browser.new_context(base_url=site.url)
    stranger = outside.new_page()
    stranger.goto(link.removeprefix(settings.BASE_URL))
    assert digest_frequency(member) == "daily"  # looking changed nothing
    stranger.get_by_role("button", name=_(language, "Stop these emails")).click()
    stranger.get_by_text(_(language, "Done: you no longer get emails about “%(stream)s”.",
                           stream=_(language, "The digest of what happened"))).wait_for()
    assert digest_frequency(member) == "never"
    outside.close()
    context.close()
