"""What a reader will see of text a member typed: the one rule for every form field.

Why this module exists
    A post of control characters was published empty: its length was checked
    before the Markdown step removed the characters. A title of zero-width
    spaces passed "at least 10 characters" and showed as nothing, and a name
    with a right-to-left override (U+202E) can show ``gpj.exe`` as
    ``exe.jpg``. So every check of member text runs on what will be shown,
    and the same function decides it for forms (``usertext.fields``) and for
    the renderer (``usertext.render``).

The rules
    * ``shown(text)``: control characters (C0 and C1, except tab and line
      breaks) are removed, and line endings become ``\\n``. This is what is
      stored and rendered; nobody types a control character on purpose.
    * ``visible_length(text)``: the characters a reader sees, counting a run
      of white space inside the text as one and leaving out invisible
      characters (format characters such as zero-width spaces, joiners, the
      byte-order mark and direction marks; combining marks; white space at
      the ends). Minimum lengths count this; "nothing visible" is 0.
    * ``DIRECTION_OVERRIDES``: embeddings, overrides and isolates (U+202A-
      U+202E, U+2066-U+2069). Names, titles and subjects refuse them: one
      line of text needs none, and they can disguise what the line says.
      Longer texts keep them (a member writing Arabic or Hebrew may use them;
      the post is shown in its own block, so they cannot reorder the page).
"""

import re
import unicodedata

__all__ = ["DIRECTION_OVERRIDES", "has_direction_override", "shown", "visible_length"]

# C0 controls except tab, line feed and carriage return; DEL; C1 controls.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
DIRECTION_OVERRIDES = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
# Format characters (zero-width space and joiners, word joiner, BOM, direction
# marks, soft hyphen...), controls, combining marks and unassigned code points.
_INVISIBLE_CATEGORIES = frozenset({"Cc", "Cf", "Cn", "Cs", "Mn", "Me"})
# Blank characters that str.isspace() does not know (braille blank, Hangul fillers).
_BLANK = frozenset("\u2800\u3164\u115f\u1160\uffa0")


def shown(text):
    """``text`` as it will be stored and shown: no control characters, ``\\n`` line ends."""
    if not text:
        return ""
    return _CONTROL.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))


def visible_length(text):
    """How many characters of ``text`` a reader sees (0: nothing at all)."""
    length, pending_space = 0, False
    for char in text or "":
        if char.isspace() or char in _BLANK:
            pending_space = length > 0
        elif unicodedata.category(char) not in _INVISIBLE_CATEGORIES:
            length += 1 + pending_space
            pending_space = False
    return length


def has_direction_override(text):
    return any(char in DIRECTION_OVERRIDES for char in text or "")
