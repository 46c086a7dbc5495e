"""Hostile Markdown posted through the forum's own forms never becomes a script
on the pages that show it."""

from html.parser import HTMLParser

import pytest

from forum.models import Answer, Question
from tests.usertext.payloads import XSS_PAYLOADS
from tests.usertext.safety import unsafe_parts

pytestmark = pytest.mark.django_db


class _PostBodies(HTMLParser):
    """Collects each post body's inner HTML, and every script and on* attribute on the page."""

    def __init__(self, source):
        super().__init__(convert_charrefs=False)
        self.source = source
        self.bodies, self.scripts, self.handlers = [], [], []
        self._depth = 0
        self._start = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.handlers += [name for name in attrs if name.startswith("on")]
        if tag == "script":
            self.scripts.append(attrs.get("src"))
        if self._depth:
            self._depth += tag not in _VOID
        elif tag == "div" and "post__body" in (attrs.get("class") or ""):
            self._depth, self._start = 1, self._offset() + len(self.get_starttag_text())

    def handle_endtag(self, tag):
        if self._depth and tag not in _VOID:
            self._depth -= 1
            if not self._depth:
                self.bodies.append(self.source[self._start : self._offset()])

    def _offset(self):
        line, column = self.getpos()
        return sum(len(row) for row in self.source.splitlines(True)[: line - 1]) + column


_VOID = {"br", "img", "input", "hr", "meta", "link"}


def parse(html):
    page = _PostBodies(html)
    page.feed(html)
    page.close()
    return page


def test_payloads_posted_as_questions_and_answers_render_harmlessly(
    client, moderator_member, open_topic, url
):
    client.force_login(moderator_member)
    response = client.post(url("ask"), {
        "topic": open_topic.pk, "title": "<script>alert(1)</script> in een titel?",
        "body": "\n\n".join(p for p in XSS_PAYLOADS[:20] if "\x00" not in p), "language": "nl",
    })
    assert response.status_code == 302
    question = Question.objects.get(author=moderator_member)
    refused = 0
    for payload in XSS_PAYLOADS:
        response = client.post(url("question", pk=question.pk), {"body": payload, "language": "nl"})
        # Django refuses NUL characters in form fields: a clear form error, nothing stored.
        refused += response.status_code == 200
        assert response.status_code in (200, 302)
    stored = Answer.objects.filter(question=question).count()
    assert stored + refused == len(XSS_PAYLOADS) and stored >= 60

    for page_url in (url("question", pk=question.pk), url("index"), url("moderation")):
        page = parse(client.get(page_url).content.decode())
        assert page.handlers == []
        assert all(src and src.startswith("/static/") for src in page.scripts), page.scripts
        for body in page.bodies:
            assert unsafe_parts(body) == [], body
    question_page = client.get(url("question", pk=question.pk)).content.decode()
    assert len(parse(question_page).bodies) == stored + 1


def test_the_page_parser_finds_an_unsafe_body():
    page = parse('<div class="rich-text post__body"><p><img src=x onerror=alert(1)></p></div>'
                 '<script>alert(1)</script>')
    assert page.handlers == ["onerror"] and page.scripts == [None]
    assert unsafe_parts(page.bodies[0])
