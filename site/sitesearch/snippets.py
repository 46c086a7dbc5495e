"""Highlighted snippets, with the stemming of the result's language.

haystack's Whoosh highlighting always uses the English stemmer (so a Dutch
"aankopers" is not marked for "aankoper") and works only with Whoosh; this
uses Whoosh's highlighter (a dependency in any case) with the analyzer of the
index the result came from, on the stored text, whatever the backend.
"""

from django.utils.html import escape
from django.utils.safestring import mark_safe
from whoosh.highlight import ContextFragmenter, Formatter, get_text, highlight

from .backends import analyzer_for

MAX_CHARACTERS = 50_000  # the text searched for a snippet (extracted slides can be long)
SNIPPET_CHARACTERS = 220


class MarkFormatter(Formatter):
    """<mark> around matched words; every other character escaped."""

    between = " … "

    def format_token(self, text, token, replace=False):
        return f"<mark>{escape(get_text(text, token, replace))}</mark>"

    def format_fragment(self, fragment, replace=False):
        output = []
        index = fragment.startchar
        text = fragment.text
        for token in fragment.matches:
            if token.startchar < index:
                continue
            output.append(escape(text[index:token.startchar]))
            output.append(self.format_token(text, token, replace))
            index = token.endchar
        output.append(escape(text[index:fragment.endchar]))
        return "".join(output)


def query_terms(query, language):
    return {token.text for token in analyzer_for(language)(query)}


def snippet(text, query, language, fallback=""):
    """Safe HTML: the best passages of ``text`` with the query's words marked."""
    text = (text or "")[:MAX_CHARACTERS]
    analyzer = analyzer_for(language)
    terms = query_terms(query, language)
    marked = ""
    if text and terms:
        marked = highlight(
            text, terms, analyzer,
            ContextFragmenter(maxchars=SNIPPET_CHARACTERS, surround=60),
            MarkFormatter(), top=2,
        )
    if marked:
        return mark_safe(marked)  # noqa: S308 - built from escaped pieces above
    shown = fallback or text
    if len(shown) > SNIPPET_CHARACTERS:
        shown = shown[:SNIPPET_CHARACTERS].rsplit(" ", 1)[0] + " …"
    return escape(shown)
