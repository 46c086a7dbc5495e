"""Form fields for text members type, checked on what will be shown (usertext.visible).

Every form where a member types a name, a title, a subject, a note or a post
uses one of these, so one rule decides what counts as text:

* ``LineField``: one line (names, titles, subjects, organisations). Refuses
  line breaks (they would end an email header, or break a title) and
  direction overrides; control characters are removed.
* ``TextField``: several lines of plain text (messages, notes, reasons).
* ``MarkdownTextField``: Markdown, rendered by usertext.render; its length
  counts the text of the rendered post, so ``---`` or ``<!-- -->``-like
  input that renders to nothing is refused like an empty post.

All of them refuse text with nothing visible (zero-width spaces, combining
marks alone, control characters) with their own message, count
``min_length`` on the visible characters, and keep what the member typed in
the form when refusing it (Django shows the bound data).
"""

import html
from functools import lru_cache

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MinLengthValidator
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _

from .render import SourceTooLong, render_markdown
from .visible import has_direction_override, shown, visible_length

__all__ = ["LineField", "MarkdownTextField", "TextField"]

INVISIBLE = _("This has only invisible characters: write some text.")
LINE_BREAK = _("Write this on one line.")
DIRECTION_OVERRIDE = _("Remove the invisible characters that change the writing direction "
                       "(such as U+202E): they can disguise what the text says.")


@lru_cache(maxsize=16)
def markdown_visible_length(source):
    """How many characters a reader sees of ``source`` rendered as a post (cached: a
    form measures its text twice, and rendering a long post takes milliseconds)."""
    try:
        rendered = render_markdown(source)
    except SourceTooLong:
        return visible_length(source)  # refused by max_length anyway
    return visible_length(html.unescape(strip_tags(rendered)))


class VisibleMinLengthValidator(MinLengthValidator):
    """Django's minimum length (and its message), counted on what a reader sees."""

    def __init__(self, limit_value, measure=visible_length):
        super().__init__(limit_value)
        self.clean = measure


class TextField(forms.CharField):
    """Plain text of one or more lines, checked on what will be shown."""

    widget = forms.Textarea
    measure = staticmethod(visible_length)

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        if self.min_length is not None:
            self.validators = [
                VisibleMinLengthValidator(self.min_length, self.measure)
                if type(v) is MinLengthValidator else v for v in self.validators]

    def to_python(self, value):
        typed = super().to_python(value)
        value = shown(typed)
        if self.strip:
            value = value.strip()
        if typed and self.measure(value) == 0:
            if self.required:
                raise ValidationError(INVISIBLE, code="invisible")
            return self.empty_value
        return value


class LineField(TextField):
    """One line: a name, a title, a subject."""

    widget = forms.TextInput

    def validate(self, value):
        super().validate(value)
        if "\n" in value:
            raise ValidationError(LINE_BREAK, code="line_break")
        if has_direction_override(value):
            raise ValidationError(DIRECTION_OVERRIDE, code="direction_override")


class MarkdownTextField(TextField):
    """Markdown: what counts is the text of the rendered post."""

    measure = staticmethod(markdown_visible_length)
