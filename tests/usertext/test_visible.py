"""usertext.visible and usertext.fields: every check of member text runs on what is shown."""

import pytest
from django import forms
from django.utils import translation

from usertext.fields import LineField, MarkdownTextField, TextField
from usertext.render import render_markdown, render_plain
from usertext.visible import has_direction_override, shown, visible_length

INVISIBLE_ONLY = {
    "control characters": "\x01\x02\x03\x07\x1b\x7f\x85\x9f",
    "zero-width spaces": "\u200b" * 20,
    "joiners and word joiner": "\u200c\u200d\u2060" * 5,
    "byte-order marks": "\ufeff" * 10,
    "direction marks": "\u200e\u200f\u202e\u2066",
    "combining marks only": "\u0301\u0308\u20dd" * 5,
    "white space": " \t\n\u00a0\u3000\u2003",
    "blank look-alikes": "\u2800\u3164\u115f",
    "a mix": " \u200b\x00\u0301\ufeff\t",
}


@pytest.mark.parametrize("kind", INVISIBLE_ONLY)
def test_text_with_nothing_visible_has_visible_length_zero(kind):
    assert visible_length(INVISIBLE_ONLY[kind]) == 0


@pytest.mark.parametrize("kind", INVISIBLE_ONLY)
def test_text_with_nothing_visible_renders_to_nothing(kind):
    """The renderer follows the same rule: such a post would be empty on the page."""
    assert render_markdown(INVISIBLE_ONLY[kind]) == ""
    assert render_plain(INVISIBLE_ONLY[kind]) == ""


def test_visible_length_counts_what_a_reader_sees():
    assert visible_length("Hallo") == 5
    assert visible_length("  a \u200b\u200b  b  ") == 3  # "a b"
    assert visible_length("e\u0301te\u0301") == 3  # combining accents ride on their letter
    assert visible_length("\U0001f469\u200d\U0001f4bb") == 2  # a joined emoji, two pictures


def test_shown_drops_control_characters_and_keeps_lines():
    assert shown("a\x00b\x07c\r\nd\re\tf\x85") == "abc\nd\ne\tf"


def test_direction_overrides_are_found():
    assert has_direction_override("\u202egpj.exe")
    assert has_direction_override("name\u2067")
    assert not has_direction_override("\u05e9\u05dc\u05d5\u05dd")  # Hebrew itself is fine


class _Form(forms.Form):
    line = LineField(max_length=50, min_length=3)
    text = TextField(max_length=500, min_length=10)
    post = MarkdownTextField(max_length=500, min_length=2)
    note = TextField(max_length=500, required=False)


VALID = {"line": "A title", "text": "A message of some length.", "post": "Ok!", "note": ""}


def _errors(**changes):
    form = _Form({**VALID, **changes})
    form.is_valid()
    return form


def _codes(form, field):
    return [error.code for error in form.errors.as_data()[field]]


@pytest.mark.parametrize("field", ["line", "text", "post"])
@pytest.mark.parametrize("kind", INVISIBLE_ONLY)
def test_a_required_field_refuses_text_with_nothing_visible(field, kind):
    form = _errors(**{field: INVISIBLE_ONLY[kind]})
    assert field in form.errors


@pytest.mark.parametrize("kind", ["zero-width spaces", "control characters"])
def test_invisible_only_text_gets_its_own_message(kind):
    form = _errors(text=INVISIBLE_ONLY[kind])
    assert _codes(form, "text") == ["invisible"]
    with translation.override("en"):
        assert form.errors["text"] == ["This has only invisible characters: write some text."]


def test_an_optional_field_of_invisible_text_is_stored_empty():
    form = _errors(note="\u200b\u200b\x07")
    assert form.is_valid() and form.cleaned_data["note"] == ""


def test_minimum_length_counts_visible_characters():
    assert "line" in _errors(line="a\u200b\u200b\u200b").errors
    assert "text" in _errors(text="abc" + "\u200b" * 20).errors
    assert _errors(text="abcdefghij\u200b").is_valid()


def test_markdown_that_renders_to_nothing_is_refused():
    """A horizontal rule alone is dropped by the renderer: the post would be empty."""
    for source in ("---", "***\n\n___", "\u200b\n---\n\u200b"):
        assert "post" in _errors(post=source).errors, source


def test_control_characters_are_removed_from_what_is_stored():
    form = _errors(line="A\x07 ti\x00tle", text="A message\x1b of some length.")
    assert form.is_valid(), form.errors
    assert form.cleaned_data["line"] == "A title"
    assert form.cleaned_data["text"] == "A message of some length."


def test_a_line_refuses_line_breaks_and_direction_overrides():
    assert _codes(_errors(line="Een vraag\r\nBcc: x@example.org"), "line") == ["line_break"]
    assert _codes(_errors(line="\u202egpj.exe"), "line") == ["direction_override"]
    assert _codes(_errors(line="Ada \u2066Lovelace\u2069"), "line") == ["direction_override"]
    assert _errors(text="Line one\nline two, long enough").is_valid()
