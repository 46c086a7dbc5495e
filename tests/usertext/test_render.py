"""usertext.render: the one sanitiser for member-written text."""

import pytest

from tests.usertext.payloads import XSS_PAYLOADS
from tests.usertext.safety import unsafe_parts
from usertext.render import (
    LINK_REL,
    MAX_SOURCE_LENGTH,
    SourceTooLong,
    render_markdown,
    render_plain,
)


def test_the_corpus_is_large_and_varied():
    assert len(set(XSS_PAYLOADS)) >= 60
    assert any("<svg" in p for p in XSS_PAYLOADS)
    assert any("<math" in p for p in XSS_PAYLOADS)
    assert any("javascript:" in p.lower() for p in XSS_PAYLOADS)
    assert any("&#" in p for p in XSS_PAYLOADS)


@pytest.mark.parametrize("payload", XSS_PAYLOADS)
def test_no_payload_renders_to_anything_executable(payload):
    for rendered in (render_markdown(payload), render_plain(payload)):
        assert unsafe_parts(rendered) == [], rendered
        # Nothing a member typed makes the post vanish: some text is always shown.
        assert rendered.strip()


@pytest.mark.parametrize("payload", XSS_PAYLOADS)
def test_payloads_stay_harmless_inside_surrounding_markdown(payload):
    source = f"**Vraag** over {payload} in een _bestek_\n\n- {payload}\n\n> {payload}"
    assert unsafe_parts(render_markdown(source)) == []


def test_the_safety_check_itself_spots_unsafe_html():
    assert unsafe_parts('<img src="x" onerror="alert(1)">')
    assert unsafe_parts('<a href="java&#9;script:alert(1)">x</a>')
    assert unsafe_parts('<p style="color:red">x</p>')
    assert unsafe_parts("<!-- x -->")
    assert unsafe_parts(f'<a href="https://example.org" rel="{LINK_REL}">x</a>') == []


def test_markdown_formatting_is_kept():
    rendered = render_markdown(
        "**vet** en _schuin_ en `code`\n\n- een\n- twee\n\n1. eerst\n2. dan\n\n> citaat\n\n"
        "```\nregel <b>\n```"
    )
    for fragment in ("<strong>vet</strong>", "<em>schuin</em>", "<code>code</code>",
                     "<ul>", "<li>een</li>", "<ol>", "<blockquote>",
                     "<pre><code>regel &lt;b&gt;"):
        assert fragment in rendered


def test_links_get_the_rel_and_keep_their_title():
    rendered = render_markdown('[gids](https://example.org/gids "De gids")')
    assert rendered == (
        f'<p><a href="https://example.org/gids" title="De gids" rel="{LINK_REL}">gids</a></p>'
    )


def test_bare_addresses_are_linked_except_in_code():
    rendered = render_markdown("Zie https://pianoo.example.nl/inkoop en `https://in.code.nl`")
    assert f'<a href="https://pianoo.example.nl/inkoop" rel="{LINK_REL}">' in rendered
    assert "<code>https://in.code.nl</code>" in rendered


def test_mailto_links_are_allowed_and_refused_schemes_lose_only_the_link():
    rendered = render_markdown("[mail](mailto:inkoop@example.org)")
    assert 'href="mailto:inkoop@example.org"' in rendered
    rendered = render_markdown("Klik [hier](javascript:alert(1)) maar")
    assert "<a" not in rendered and "hier" in rendered


def test_typed_html_is_shown_as_text():
    assert render_markdown("Gebruik <b>niet</b>") == "<p>Gebruik &lt;b&gt;niet&lt;/b&gt;</p>"


def test_headings_do_not_enter_the_page_outline():
    rendered = render_markdown("# Titel\n\nTekst")
    assert "<h1" not in rendered and "<p><strong>Titel</strong></p>" in rendered


def test_images_become_links():
    rendered = render_markdown("![schema](https://example.org/s.png)")
    assert "<img" not in rendered
    assert '<a href="https://example.org/s.png"' in rendered and ">schema</a>" in rendered


def test_line_breaks_are_kept():
    assert render_markdown("een\ntwee") == "<p>een<br>\ntwee</p>"
    assert render_plain("een\ntwee\n\ndrie") == "<p>een<br>\ntwee</p>\n<p>drie</p>"


def test_empty_input_renders_to_nothing():
    assert render_markdown("") == render_markdown("  \n\t ") == render_plain("") == ""


def test_overlong_input_is_refused_not_truncated():
    with pytest.raises(SourceTooLong):
        render_markdown("a" * (MAX_SOURCE_LENGTH + 1))


@pytest.mark.parametrize("source", [
    "[" * 20_000,
    "(" * 20_000,
    "- " * 5_000,
    "> " * 5_000,
    "a\n" * 10_000,
    "*" * 20_000,
])
def test_pathological_input_renders_without_crashing(source):
    rendered = render_markdown(source)
    assert unsafe_parts(rendered) == []
