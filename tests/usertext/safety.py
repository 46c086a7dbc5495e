"""What makes rendered member HTML safe, checked by parsing it as a browser would
start to: only allowed tags, only allowed attributes, only safe link addresses."""

import html
import re
from html.parser import HTMLParser
from urllib.parse import urlsplit

from usertext.render import ALLOWED_ATTRIBUTES, ALLOWED_PROTOCOLS, ALLOWED_TAGS, LINK_REL


class _Collector(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.elements = []
        self.comments = []

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, attrs))

    def handle_startendtag(self, tag, attrs):
        self.elements.append((tag, attrs))

    def handle_comment(self, data):
        self.comments.append(data)


def unsafe_parts(rendered):
    """Everything in `rendered` that could run a script or load something; [] when safe."""
    parser = _Collector()
    parser.feed(rendered)
    parser.close()
    problems = [f"comment {c!r}" for c in parser.comments]
    for tag, attrs in parser.elements:
        if tag not in ALLOWED_TAGS:
            problems.append(f"tag <{tag}>")
        allowed = set(ALLOWED_ATTRIBUTES.get(tag, [])) | ({"rel"} if tag == "a" else set())
        for name, value in attrs:
            if name not in allowed:
                problems.append(f"attribute {name}= on <{tag}>")
            if name == "href" and not _safe_address(value or ""):
                problems.append(f"href {value!r}")
            if name == "rel" and value != LINK_REL:
                problems.append(f"rel {value!r}")
    return problems


def _safe_address(href):
    # Browsers ignore whitespace and control characters inside a scheme.
    squeezed = re.sub(r"[\x00-\x20\x7f]+", "", html.unescape(href)).lower()
    scheme = urlsplit(squeezed).scheme
    return scheme == "" or scheme in ALLOWED_PROTOCOLS
