"""Member-written text (Markdown or plain) to safe HTML: see usertext.render."""

from .render import SourceTooLong, render_markdown, render_plain

__all__ = ["SourceTooLong", "render_markdown", "render_plain"]
