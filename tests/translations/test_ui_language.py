"""Every page of the demo speaks the reader's language: no string left untranslated.

A crawl of the demo site in each language, as a participant. Text in an
element marked with another language (a deck in English on a Dutch page,
the language switcher) is left out; in the rest, common words of the other
language must not appear. This catches strings never marked for
translation as well as translations that are missing.
"""

import re
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

import pytest

pytestmark = pytest.mark.django_db

# Words that are not names and mean nothing in the other language.
FOREIGN_WORDS = {
    "en": {"het", "een", "je", "jouw", "naar", "niet", "mijn", "deze", "wordt", "worden",
           "nog", "ook", "zijn", "voor", "bij", "alle", "geen", "ingeschreven", "lessen"},
    "nl": {"the", "your", "you", "with", "this", "and", "are", "for", "has", "not", "all",
           "lessons", "registered"},
}
SKIPPED_TAGS = {"script", "style", "template"}


class VisibleText(HTMLParser):
    """Text of the page outside elements in another language, and its links."""

    VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
            "track", "wbr"}

    def __init__(self, language):
        super().__init__()
        self.language = language
        self.stack = []  # (tag, excluded)
        self.words = []
        self.links = []
        self.title = ""
        self.marked_text = ""  # text in elements marked with another language

    def _excluded(self):
        return any(excluded for _tag, excluded in self.stack)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])
        if tag in self.VOID:
            return
        lang = attrs.get("lang")
        excluded = tag in SKIPPED_TAGS or (lang is not None and tag != "html"
                                           and not lang.startswith(self.language))
        self.stack.append((tag, excluded))

    def handle_endtag(self, tag):
        for index in range(len(self.stack) - 1, -1, -1):
            if self.stack[index][0] == tag:
                del self.stack[index:]
                break

    def handle_data(self, data):
        if self.stack and self.stack[-1][0] == "title":
            # The document title cannot carry a lang attribute; a question's
            # title there is fine when the page marks the same text as foreign.
            self.title += data
        elif not self._excluded():
            self.words += re.findall(r"[a-zà-ÿ]+", data.lower())
        elif not any(tag in SKIPPED_TAGS for tag, _excluded in self.stack):
            self.marked_text += " " + data

    def close(self):
        super().close()
        name = self.title.rsplit(" · ", 1)[0].strip()
        if name and name not in self.marked_text:
            self.words += re.findall(r"[a-zà-ÿ]+", self.title.lower())


def _crawl(client, language, limit=80):
    queue, seen, problems = [f"/{language}/"], set(), []
    while queue and len(seen) < limit:
        path = queue.pop(0)
        if path in seen:
            continue
        seen.add(path)
        response = client.get(path)
        if response.status_code != 200 or "text/html" not in response["Content-Type"]:
            continue
        parser = VisibleText(language)
        parser.feed(response.content.decode())
        parser.close()
        foreign = sorted(set(parser.words) & FOREIGN_WORDS[language])
        if foreign:
            problems.append(f"{path}: {', '.join(foreign)}")
        for href in parser.links:
            target = urlsplit(urljoin(path, href))
            if not target.netloc and target.path.startswith(f"/{language}/"):
                queue.append(target.path + (f"?{target.query}" if target.query else ""))
    return seen, problems


@pytest.mark.parametrize("language", ["nl", "en"])
def test_demo_pages_have_no_words_of_the_other_language(client, make_member, demo, language):
    client.force_login(make_member(language=language))
    seen, problems = _crawl(client, language)
    assert len(seen) > 20
    assert not problems, "\n".join(problems)


def test_the_check_finds_an_untranslated_string(client, make_member, demo, monkeypatch):
    """The guard itself: an English sentence on a Dutch page is found."""
    from django.utils import translation

    original = translation.gettext

    def untranslated(message):
        return message if message == "Your progress" else original(message)

    monkeypatch.setattr("django.templatetags.i18n.gettext", untranslated, raising=False)
    client.force_login(make_member(language="nl"))
    parser = VisibleText("nl")
    parser.feed("<html lang='nl'><p>Your progress</p><p lang='en'>the list</p></html>")
    parser.close()
    assert set(parser.words) & FOREIGN_WORDS["nl"] == {"your"}


def test_a_foreign_title_counts_unless_the_page_marks_it():
    unmarked = VisibleText("nl")
    unmarked.feed("<html lang='nl'><head><title>Read this · Leerkring</title></head></html>")
    unmarked.close()
    assert "this" in unmarked.words
    marked = VisibleText("nl")
    marked.feed("<html lang='nl'><head><title>Read this · Leerkring</title></head>"
                "<body><h1 lang='en'>Read this</h1></body></html>")
    marked.close()
    assert "this" not in marked.words
