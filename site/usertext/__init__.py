"""Member-written text: what is shown of it (usertext.visible), the form fields that check
it (usertext.fields), and Markdown or plain text to safe HTML (usertext.render)."""

from .render import SourceTooLong, render_markdown, render_plain
from .visible import has_direction_override, shown, visible_length

__all__ = ["SourceTooLong", "has_direction_override", "render_markdown", "render_plain", "shown",
           "visible_length"]
