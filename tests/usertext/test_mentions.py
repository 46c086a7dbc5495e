"""usertext.mentions: where "@" and a name stand in stored HTML, and their links."""

import pytest

from tests.usertext.payloads import XSS_PAYLOADS
from tests.usertext.safety import unsafe_parts
from usertext.mentions import Names, find, key, link
from usertext.render import render_markdown

NAMES = Names({key("Anna de Vries"): "anna-de-vries", key("Anna"): "anna",
               key("Zoë Ñandú"): "zoe", key("Jan & Co"): "jan", key("Ann O'Neil"): "ann"})


def unsafe(html):
    """unsafe_parts, knowing the one attribute mentions add to their own links."""
    return unsafe_parts(html.replace(' class="mention"', ""))


def found(source, names=NAMES):
    return find(render_markdown(source), names)


def linked(source, names=NAMES):
    return link(render_markdown(source), names, lambda value: f"/leden/{value}/")


@pytest.mark.parametrize(("source", "expected"), [
    ("Hallo @Anna de Vries, wat denk jij?", ["anna-de-vries"]),
    ("Hallo @Anna, wat denk jij?", ["anna"]),
    ("@Anna de Vries en @Anna", ["anna-de-vries", "anna"]),
    ("@Anna de Vriesland", ["anna"]),  # the longer name must end where a word ends
    ("@anna DE vries!", ["anna-de-vries"]),
    ("@Zoë Ñandú.", ["zoe"]),
    ("@zoe nandu", ["zoe"]),  # accents may be left out
    ("@Zoe\u0308 N\u0303andu\u0301", ["zoe"]),  # or typed as combining marks
    ("@Anna  de   Vries", ["anna-de-vries"]),  # white space counts once
    ("@Jan & Co", ["jan"]),
    ("@Ann O'Neil", ["ann"]),
    ("**@Anna de Vries**", ["anna-de-vries"]),
    ("(@Anna)", ["anna"]),
    ("@Anna @Anna", ["anna"]),  # each once
])
def test_mentions_found(source, expected):
    assert found(source) == expected


@pytest.mark.parametrize("source", [
    "Mail anna@example.org of x@Anna.nl",  # an email address is not a mention
    "zie jan@Anna de Vries",
    "@Annabel",  # a name ends where a word ends
    "@Anna_de",
    "@ Anna",
    "@\nAnna",
    "`@Anna de Vries`",  # code spans
    "```\n@Anna de Vries\n```",  # code blocks
    "    @Anna de Vries",  # indented code
    "[@Anna de Vries](https://example.org/)",  # link text
    "https://example.org/@Anna",  # a linked address
    "@Bert",
    "",
])
def test_no_mention(source):
    assert found(source) == []
    assert linked(source) == render_markdown(source)


def test_a_mention_links_what_was_typed():
    html = linked("Vraag het @anna de vries of @Jan & Co.")
    assert html == ('<p>Vraag het <a href="/leden/anna-de-vries/" class="mention">'
                    '@anna de vries</a> of <a href="/leden/jan/" class="mention">@Jan &amp; Co'
                    '</a>.</p>')


def test_without_an_address_a_mention_reads_as_any_other_text():
    """What may not be linked is left exactly as stored: nobody can tell it from a
    name that belongs to nobody."""
    source = "Tom &amp; Jerry's <b>@Anna de Vries</b> &nbsp; \"x\""
    html = render_markdown(source)
    assert link(html, NAMES, lambda value: None) == html
    assert link(html, Names({}), lambda value: "/x/") == html


def test_addresses_are_escaped():
    html = link(render_markdown("@Anna"), NAMES, lambda value: '/x/"><script>/')
    assert unsafe(html) == []
    assert '<a href="/x/&quot;&gt;&lt;script&gt;/" class="mention">@Anna</a>' in html


@pytest.mark.parametrize("payload", XSS_PAYLOADS)
def test_payloads_around_mentions_stay_harmless(payload):
    names = Names({key(payload): "evil", key("Anna"): "anna"})
    for source in (f"@Anna {payload} @Anna", f"@{payload}", f"{payload}@Anna"):
        assert unsafe(linked(source, names)) == []


def test_a_long_text_of_at_signs_is_quick():
    import time

    source = ("@Anna de Vrie " * 1500) + ("@" * 5000)
    html = render_markdown(source)
    started = time.perf_counter()
    link(html, NAMES, lambda value: "/x/")
    assert time.perf_counter() - started < 2
