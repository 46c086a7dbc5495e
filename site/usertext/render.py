"""The one place where text written by members becomes HTML.

Why this module exists
    Forum posts now, and the project catalogue later, let members write
    Markdown. Markdown passes raw HTML through and links to any scheme, so its
    output is never safe by itself. Every piece of member-written HTML goes
    through ``render_markdown`` (or ``render_plain``) here and nowhere else:
    one allow-list, one link policy, one test corpus (tests/usertext/).

    The cleaning is done by bleach, which is deprecated upstream (security fixes
    only) and slow: about 9.5 ms per 4 KB post. So callers render once, when a
    post is saved, store the result next to the source, and show the stored
    HTML. Never call these functions while rendering a page.

What comes out
    Markdown renders to p, br, strong, em, code, pre, blockquote, ul, ol, li
    and a. bleach then cleans that HTML once, with this allow-list: p, br,
    strong, em, b, i, ul, ol, li, code, pre, blockquote and a (href and title
    only); links may use http, https and mailto, or be relative. Every other
    attribute (on*, style, class, start, target...) is dropped.

    * Typed HTML is shown, not obeyed. Raw HTML is switched off in the Markdown
      step, so a member who types ``<b>`` or ``<script>`` sees exactly those
      characters in the post (escaped), rather than losing text to a tag they
      never meant. Formatting comes from Markdown syntax only. bleach runs
      with ``strip=False`` as well, so anything outside the allow-list that
      ever reached it would also be escaped, not silently removed.
    * Headings (``# Title``, underlined titles) become ``<p><strong>Title
      </strong></p>``: a post must not add h1-h6 to the page's outline.
    * Images (``![alt](url)``) become a link to the url, with the alt text (or
      the url) as the link text: no member content loads from elsewhere.
      Horizontal rules are dropped.
    * Bare web addresses (``https://...``, ``www.example.org``, and bleach's
      ``example.org``) become links, except inside code and pre.
    * Every link gets ``rel="nofollow ugc noopener"``, replacing any rel;
      ``target`` is never set (links open in the same tab). A link whose
      address was refused (``javascript:``, ``data:``...) is unwrapped: its
      text stays, the link goes.
    * Single line breaks are kept (``<br>``), as members expect; fenced code
      blocks (``` or ~~~) work besides indented ones.
    * Input with nothing visible (white space, zero-width or control
      characters only: ``visible.visible_length``) gives "".
    * Input longer than ``MAX_SOURCE_LENGTH`` (50,000 characters) is refused
      with ``SourceTooLong`` (a ValueError), never truncated: a silently cut
      post would differ from what was stored. The forms allow 20,000.

Hardening against slow or crashing input
    Python-Markdown scans forward from every ``[`` for its partner, which is
    quadratic: 20,000 ``[`` took about a minute. The link, image and
    reference parsers here see at most ``MAX_LINK_SPAN`` characters after an
    opening bracket; a longer "link" stays text (its address is then linked by
    the bare-address rule). Deep nesting (``- - - - ...`` a thousand times)
    makes Python-Markdown raise RecursionError; such input is rendered with
    ``render_plain`` instead. Control characters are removed first
    (``visible.shown``); among them are the STX/ETX markers Python-Markdown
    uses for its internal placeholders.

How to swap the cleaner (e.g. for nh3, about 30 times faster)
    Replace ``_cleaner()`` and ``_clean()`` with ``nh3.clean(html, tags=...,
    attributes={"a": {"href", "title"}}, url_schemes=..., link_rel=REL)``.
    nh3 strips disallowed tags instead of escaping them (our Markdown step
    already escapes typed HTML, so posts read the same) and it does not
    linkify: bare addresses would then need a Markdown inline pattern, and the
    unwrapping of refused links a tree processor. The tests in
    tests/usertext/ are written against the output HTML, not against bleach,
    and must keep passing unchanged. Stored posts keep their old HTML until
    re-rendered from their source.
"""

import html
import re
import threading
from functools import partial
from urllib.parse import urlsplit

import bleach
import markdown
from bleach.linkifier import TLDS, LinkifyFilter
from markdown.extensions import Extension
from markdown.preprocessors import Preprocessor
from markdown.treeprocessors import Treeprocessor

from .visible import shown, visible_length

__all__ = [
    "ALLOWED_ATTRIBUTES",
    "ALLOWED_PROTOCOLS",
    "ALLOWED_TAGS",
    "LINK_REL",
    "MAX_SOURCE_LENGTH",
    "SourceTooLong",
    "render_markdown",
    "render_plain",
]

ALLOWED_TAGS = frozenset(
    {"p", "br", "strong", "em", "b", "i", "ul", "ol", "li", "code", "pre", "blockquote", "a"}
)
ALLOWED_ATTRIBUTES = {"a": ["href", "title"]}
ALLOWED_PROTOCOLS = frozenset({"http", "https", "mailto"})
LINK_REL = "nofollow ugc noopener"

MAX_SOURCE_LENGTH = 50_000
# Limits on Python-Markdown's link parsers, which otherwise scan to the end of
# the text from every "[" (quadratic): how far a link's text or address may
# reach, and how deeply brackets or parentheses may nest inside them.
MAX_LINK_SPAN = 1_000
MAX_BRACKET_DEPTH = 4
# Python-Markdown peels lines off a block one at a time, searching the rest of
# the block each time (quadratic in the lines of one block, i.e. between
# blank lines). Longer blocks are rendered as plain text.
MAX_BLOCK_LINES = 500

# Bare addresses: bleach's pattern (see bleach.linkifier.build_url_re) with
# http(s) or no scheme only, no user:password@ part, and never right after
# "/" or ":", so "ftp://host" or "javascript://host" are not half-linked to
# http://host.
_BARE_URL_RE = re.compile(
    r"""(?<!\()\(*+  # opening parentheses, trimmed off by bleach; one start per run
    \b(?<![@./:])(?:https?:/{{0,3}})?
    ([\w-]+\.)+(?:{tlds})(?::[0-9]+)?(?!\.\w)\b
    (?:[/?][^\s{{}}|\\^`<>"]*)?
    """.format(tlds="|".join(sorted(TLDS))),
    re.IGNORECASE | re.VERBOSE | re.UNICODE,
)
_LINK_PARSERS = (
    "reference",
    "link",
    "image_link",
    "image_reference",
    "short_reference",
    "short_image_ref",
)
_BRACKETS = re.compile(r"[\[\]]")
_PARENS = re.compile(r"[()]")
_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})


class SourceTooLong(ValueError):
    """The text is longer than MAX_SOURCE_LENGTH characters."""


def render_markdown(source: str) -> str:
    """Member-written Markdown as safe HTML, ready to store (see the module docstring)."""
    source = _prepare(source)
    if not source:
        return ""
    try:
        rendered = _local.markdown.reset().convert(source)
    except (RecursionError, _TooComplex):
        return render_plain(source)
    return _clean(rendered)


def render_plain(text: str) -> str:
    """Plain text as safe HTML: escaped, paragraphs at blank lines, <br> at line
    breaks, addresses linked with the same rel as render_markdown."""
    text = _prepare(text)
    if not text:
        return ""
    paragraphs = (part.strip() for part in re.split(r"\n\s*\n", text))
    rendered = "\n".join(
        "<p>" + "<br>\n".join(html.escape(line, quote=False) for line in part.split("\n")) + "</p>"
        for part in paragraphs
        if part
    )
    return _clean(rendered)


def _prepare(text: str) -> str:
    """Refuse over-long text; drop control characters; '' when nothing is left to show
    (usertext.visible: the rule the forms check too)."""
    if not text:
        return ""
    if len(text) > MAX_SOURCE_LENGTH:
        raise SourceTooLong(
            f"Text of {len(text)} characters is longer than {MAX_SOURCE_LENGTH}."
        )
    text = shown(text)
    return text if visible_length(text) else ""


def _clean(rendered: str) -> str:
    return _local.cleaner.clean(rendered).strip()


def _set_link_attributes(attrs, new=False):
    """bleach linkify callback: one rel on every link; unwrap links without a safe href.

    Runs after the sanitiser, on links from Markdown and on linkified addresses.
    """
    href = attrs.get((None, "href"))
    if not href or not _is_safe_href(href):
        return None
    attrs.pop((None, "target"), None)
    attrs[(None, "rel")] = LINK_REL
    return attrs


def _is_safe_href(href: str) -> bool:
    """A second look at the scheme, after bleach's own check (which has let the href pass)."""
    normalised = re.sub(r"[\x00-\x20\x7f-\xa0`]+", "", html.unescape(href)).lower()
    normalised = re.sub(r"[^\x00-\x7f]", "", normalised)
    try:
        scheme = urlsplit(normalised).scheme
    except ValueError:
        return False
    return not scheme or scheme in ALLOWED_PROTOCOLS


class _PostShape(Treeprocessor):
    """Headings become bold paragraphs, images become links, rules go."""

    def run(self, root):
        for element in list(root.iter()):
            if element.tag in _HEADINGS:
                _heading_to_paragraph(element)
            elif element.tag == "img":
                _image_to_link(element)
            elif any(child.tag == "hr" for child in element):
                _drop_rules(element)


def _drop_rules(parent):
    kept = []
    for child in list(parent):
        if child.tag != "hr":
            kept.append(child)
        elif child.tail and child.tail.strip():
            if kept:
                kept[-1].tail = (kept[-1].tail or "") + child.tail
            else:
                parent.text = (parent.text or "") + child.tail
    parent[:] = kept


def _heading_to_paragraph(element):
    strong = element.makeelement("strong", {})
    strong.text, element.text = element.text, None
    strong.extend(list(element))
    element[:] = [strong]
    element.attrib.clear()
    element.tag = "p"


def _image_to_link(element):
    src = element.get("src", "")
    text = element.get("alt") or src
    title = element.get("title")
    element.attrib.clear()
    element.tag = "a"
    element.set("href", src)
    if title:
        element.set("title", title)
    element.text = text


class _TooComplex(Exception):
    """Raised inside the Markdown step for input it would parse too slowly."""


class _BlockLengthGuard(Preprocessor):
    """Refuse blocks of more than MAX_BLOCK_LINES lines (fenced code is already out)."""

    def run(self, lines):
        run = 0
        for line in lines:
            run = run + 1 if line.strip() else 0
            if run > MAX_BLOCK_LINES:
                raise _TooComplex
        return lines


def _bounded_get_text(data, index):
    """LinkInlineProcessor.getText within MAX_LINK_SPAN and MAX_BRACKET_DEPTH.

    Returns (text, index after the closing "]", found), as the original does.
    """
    depth = 1
    for bracket in _BRACKETS.finditer(data, index, index + MAX_LINK_SPAN):
        depth += 1 if bracket.group() == "[" else -1
        if depth > MAX_BRACKET_DEPTH:
            break
        if depth == 0:
            return data[index : bracket.start()], bracket.end(), True
    return "", index, False


def _bounded_get_link(get_link):
    """LinkInlineProcessor.getLink on at most MAX_LINK_SPAN characters, skipped at
    once when no ")" closes the address within MAX_BRACKET_DEPTH."""

    def get(data, index):
        depth = 0
        for paren in _PARENS.finditer(data, index, index + MAX_LINK_SPAN):
            depth += 1 if paren.group() == "(" else -1
            if depth > MAX_BRACKET_DEPTH:
                break
            if depth == 0:
                href, title, end, handled = get_link(data[index : index + MAX_LINK_SPAN], 0)
                return href, title, index + end, handled
        return "", None, index, False

    return get


class _MemberText(Extension):
    """Python-Markdown set up for member text: no raw HTML, bounded link parsing,
    a post's shape (no headings, images or rules)."""

    def extendMarkdown(self, md):  # noqa: N802 (Python-Markdown's name)
        md.preprocessors.deregister("html_block")
        md.inlinePatterns.deregister("html")
        # After normalize_whitespace (30) and fenced_code_block (25).
        md.preprocessors.register(_BlockLengthGuard(md), "usertext_block_length", 15)
        for name in _LINK_PARSERS:
            parser = md.inlinePatterns[name]
            parser.getText = _bounded_get_text
            parser.getLink = _bounded_get_link(parser.getLink)
        # After the inline processor (20), so images exist; before unescape (0).
        md.treeprocessors.register(_PostShape(md), "usertext_shape", 5)


def _new_markdown():
    return markdown.Markdown(extensions=[_MemberText(), "fenced_code", "nl2br", "sane_lists"])


def _new_cleaner():
    return bleach.Cleaner(
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        protocols=ALLOWED_PROTOCOLS,
        strip=False,
        strip_comments=True,
        filters=[
            partial(
                LinkifyFilter,
                callbacks=[_set_link_attributes],
                skip_tags={"pre", "code"},
                parse_email=False,
                url_re=_BARE_URL_RE,
            )
        ],
    )


class _State(threading.local):
    """Neither a Markdown instance nor a bleach Cleaner is thread-safe: one per thread."""

    def __init__(self):
        self.markdown = _new_markdown()
        self.cleaner = _new_cleaner()


_local = _State()
