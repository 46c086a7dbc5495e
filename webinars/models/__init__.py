"""The webinars' models, for Django and other apps: the registrations (records.py)
and the pages (pages.py). Modules of this app import those two directly."""

from .pages import (
    JOIN_OPENS_BEFORE,
    ChapterBlock,
    SpeakerBlock,
    WebinarIndexPage,
    WebinarPage,
    parse_timestamp,
)
from .records import Registration

__all__ = [
    "JOIN_OPENS_BEFORE", "ChapterBlock", "Registration", "SpeakerBlock", "WebinarIndexPage",
    "WebinarPage", "parse_timestamp",
]
