"""A recording's play is counted by a beacon from leerkring.js, under the site's real CSP."""

import time

from django.utils import translation

from analytics.models import DailyCount
from tests.e2e.conftest import log_in_session
from webinars.models import WebinarPage

# A browser as members use it: Playwright's own says "HeadlessChrome", which counts as a bot.
DESKTOP_AGENT = ("Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
                 "Chrome/130.0 Safari/537.36")


def _plays(webinar):
    return sum(DailyCount.objects.filter(kind="play", item_key=str(webinar.translation_key))
               .values_list("count", flat=True))


def test_pressing_play_on_a_recording_counts_one_play_per_topic(browser, site, make_member):
    context = browser.new_context(base_url=site.url, user_agent=DESKTOP_AGENT)
    try:
        log_in_session(context, site, make_member(language="nl"))
        page = context.new_page()
        page.set_default_timeout(10_000)
        webinar = WebinarPage.objects.get(locale__language_code="nl",
                                          slug="laptops-met-een-langer-leven")
        topics = webinar.topics.count()
        assert topics  # else nothing could be counted
        before = _plays(webinar)
        page.goto(webinar.url)
        assert _plays(webinar) == before  # viewing the page is not a play
        with translation.override("nl"):
            label = translation.gettext("Play video")
        page.get_by_role("button", name=label).click()
        deadline = time.monotonic() + 10
        while _plays(webinar) < before + topics and time.monotonic() < deadline:
            time.sleep(0.1)
        assert _plays(webinar) == before + topics
        page.get_by_role("link", name="Garanties en onderdelen").click()  # a chapter: no more
        time.sleep(0.5)
        assert _plays(webinar) == before + topics
    finally:
        context.close()
