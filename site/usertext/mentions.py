"""Mentions in member-written text: where "@" and a name stand in the stored HTML.

Why this module exists
    A member writes ``@Anna de Vries`` in a post to mention a colleague. Which
    names may be mentioned, and where a mention links, is the members app's
    decision (members/mentions.py: consent, teams); how a mention is found in
    text is decided here, once, for every kind of member-written text. It
    knows no members: callers give the names (``Names``) and the addresses.

    Mentions are found in the stored HTML that usertext.render made, when the
    page is shown, never stored in it: the names that may be mentioned change
    (a consent withdrawn, a name changed) and must count at once everywhere,
    and nothing in the stored HTML tells who is or was a member.

The syntax
    ``@`` followed by a name, case and accents ignored (``@anna de vries``
    and ``@Zoe`` find "Anna de Vries" and "Zoë"); white space in a name is one
    space. The longest name that fits wins ("@Anna de Vries" is Anna de
    Vries, not a member called "Anna"). A name must end where a word ends
    ("@Annabel" does not mention "Anna"), and the ``@`` must not follow a
    letter or digit: ``x@y.nl`` is an email address, not a mention. Text in
    links, code spans and code blocks mentions nobody.

What comes out
    ``link`` wraps each mention that has an address in
    ``<a href="..." class="mention">`` around what the member typed (escaped);
    every other piece of the HTML is left exactly as it was, so an "@Name"
    that mentions nobody reads the same whoever carries that name.
"""

import html
import re
import unicodedata
from functools import lru_cache

__all__ = ["Names", "find", "fold", "key", "link"]

# A tag of the stored HTML (attribute values may hold ">"; text never holds "<").
_TAG = re.compile(r"""(<(?:"[^"]*"|'[^']*'|[^'">])*>)""")
_TAG_NAME = re.compile(r"<(/?)\s*([a-zA-Z0-9]+)")
# Inside these, "@" is text of a link or of code: no mention.
_SKIPPED = frozenset({"a", "code", "pre"})


@lru_cache(maxsize=8192)
def _fold_char(char):
    if char.isspace():
        return " "
    decomposed = unicodedata.normalize("NFKD", char)
    return "".join(part for part in decomposed if not unicodedata.combining(part)).casefold()


def fold(text):
    """``text`` as names are compared: lower case, without accents."""
    return "".join(_fold_char(char) for char in text)


def key(name):
    """A name as ``Names`` keeps it: folded, white space as single spaces."""
    return " ".join(fold(name).split())


def _continues_word(char):
    return char.isalnum() or char == "_" or bool(unicodedata.combining(char))


class Names:
    """The names that may be mentioned in one place: ``{key(name): value}``, where
    the value is whatever the caller wants back for a mention of that name."""

    def __init__(self, by_key):
        self.by_key = by_key
        self.longest = max(map(len, by_key), default=0)

    def __bool__(self):
        return bool(self.by_key)

    def match(self, text, start):
        """(end, value) of the longest name at ``text[start:]``, or None."""
        if start >= len(text) or text[start].isspace():
            return None
        folded, ends = [], []  # ends: (length of the folded text, end in ``text``)
        for index in range(start, len(text)):
            char = text[index]
            if char in "\r\n":
                break
            for part in _fold_char(char):
                if part != " ":
                    folded.append(part)
                elif folded[-1:] != [" "]:
                    folded.append(" ")
            # A name may end here when the next character does not continue the word.
            following = text[index + 1] if index + 1 < len(text) else " "
            if not char.isspace() and not _continues_word(following):
                ends.append((len(folded), index + 1))
            if len(folded) > self.longest:
                break
        folded = "".join(folded)
        for length, end in reversed(ends):
            value = self.by_key.get(folded[:length])
            if value is not None:
                return end, value
        return None


def _runs(markup):
    """The pieces of ``markup``: tags at odd places, text at even ones; and for each
    text piece whether it stands inside a link or code."""
    pieces = _TAG.split(markup)
    skipped, depth = [], 0
    for index, piece in enumerate(pieces):
        if index % 2:
            found = _TAG_NAME.match(piece)
            if found and found.group(2).lower() in _SKIPPED and not piece.endswith("/>"):
                depth = max(0, depth - 1) if found.group(1) else depth + 1
            skipped.append(True)
        else:
            skipped.append(depth > 0)
    return pieces, skipped


def _mentions_in(text, names):
    """(start, end, value) of each mention in plain ``text``."""
    found, position = [], 0
    while True:
        at = text.find("@", position)
        if at < 0:
            return found
        position = at + 1
        if at > 0 and _continues_word(text[at - 1]):
            continue  # an email address, or a word with "@" inside
        match = names.match(text, at + 1)
        if match is not None:
            end, value = match
            found.append((at, end, value))
            position = end


def _each(markup, names):
    """(pieces, {text piece index: [(start, end, value), ...]}) of the mentions in ``markup``."""
    if not names or "@" not in markup:
        return None, {}
    pieces, skipped = _runs(markup)
    mentions = {}
    for index, piece in enumerate(pieces):
        if skipped[index] or "@" not in piece:
            continue
        found = _mentions_in(html.unescape(piece), names)
        if found:
            mentions[index] = found
    return pieces, mentions


def find(markup, names):
    """The values of the names mentioned in ``markup`` (stored HTML), in order of
    appearance, each once."""
    _pieces, mentions = _each(markup, names)
    seen = []
    for found in mentions.values():
        for _start, _end, value in found:
            if value not in seen:
                seen.append(value)
    return seen


def link(markup, names, address):
    """``markup`` with each mention linked to ``address(value)``; a mention whose
    address is None or "" stays as it was."""
    pieces, mentions = _each(markup, names)
    if not mentions:
        return markup
    for index, found in mentions.items():
        text = html.unescape(pieces[index])
        out, last, linked = [], 0, False
        for start, end, value in found:
            href = address(value)
            if not href:
                continue
            out.append(html.escape(text[last:start], quote=False))
            out.append(f'<a href="{html.escape(href)}" class="mention">'
                       f"{html.escape(text[start:end], quote=False)}</a>")
            last, linked = end, True
        if linked:
            out.append(html.escape(text[last:], quote=False))
            pieces[index] = "".join(out)
    return "".join(pieces)
