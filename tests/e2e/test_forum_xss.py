"""The XSS corpus in a real browser: on the question page and in the live preview,
no dialog opens and the browser's own parser builds only allowed elements."""

from accounts.roles import MODERATORS, PARTICIPANTS
from forum import posting
from forum.models import ForumIndexPage, ModerationMode, ModerationRule
from tests.usertext.payloads import XSS_PAYLOADS
from topics.models import Topic
from usertext.render import ALLOWED_TAGS

# Evaluated in the page: every element the browser built inside post bodies and
# previews that is not on the allow-list, or carries an attribute besides href/title/rel.
FOREIGN_ELEMENTS = """(allowed) => {
    const found = [];
    const shown = ".post__body *, [data-preview-target] .rich-text *";
    for (const element of document.querySelectorAll(shown)) {
        const tag = element.localName;
        if (!allowed.includes(tag)) found.push(tag);
        for (const attribute of element.attributes) {
            if (!["href", "title", "rel"].includes(attribute.name)) {
                found.push(tag + "@" + attribute.name);
            }
        }
        // The address as the browser resolved it: relative ones take the page's scheme.
        if (tag === "a" && !["http:", "https:", "mailto:"].includes(element.protocol)) {
            found.push("a@href=" + element.getAttribute("href"));
        }
    }
    return found;
}"""


# The forms refuse a NUL character (Django's ProhibitNullCharactersValidator) and
# PostgreSQL cannot store one: posts are made as the forms would let them through.
PAYLOADS = [payload.replace("\x00", "") for payload in XSS_PAYLOADS]


def test_no_payload_runs_in_the_browser(browser, site, make_member, log_in_as, page):
    moderator = make_member(PARTICIPANTS, MODERATORS, language="nl")
    topic = Topic.objects.get(locale__language_code="nl", slug="ict")
    ModerationRule.objects.update_or_create(topic=topic, defaults={"mode": ModerationMode.NONE})
    question = posting.ask(moderator, topic, "Wat doet deze tekst in de browser?",
                           "\n\n".join(PAYLOADS[:30]), "nl", False)
    for payload in PAYLOADS:
        posting.answer(moderator, question, payload, "nl")
    forum = ForumIndexPage.objects.get(locale__language_code="nl")

    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    log_in_as(moderator)
    page.goto(forum.url + f"question/{question.pk}/")
    assert page.locator(".post__body").count() == len(PAYLOADS) + 1
    assert page.evaluate(FOREIGN_ELEMENTS, sorted(ALLOWED_TAGS)) == []

    # The live preview puts the server's rendering into the page as it is typed.
    box = page.get_by_label("Je antwoord", exact=True)
    for payload in PAYLOADS[::3]:
        box.fill(payload + "\n\n**klaar**")
        page.locator("[data-preview-target] strong", has_text="klaar").wait_for()
        assert page.evaluate(FOREIGN_ELEMENTS, sorted(ALLOWED_TAGS)) == []
    page.wait_for_timeout(200)
    assert dialogs == []
