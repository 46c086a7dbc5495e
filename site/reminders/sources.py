"""The registry of what members can be reminded of.

An app registers a ``Source`` with the ``leerkring_reminder_sources`` hook in
its ``wagtail_hooks.py``::

    @hooks.register("leerkring_reminder_sources")
    def reminder_source():
        return Source("webinars", sessions=..., attendees=..., message=...)

* ``sessions(after, until)``: the ``Session``s starting after ``after`` and
  no later than ``until``, one per session whatever its languages;
* ``attendees(session)``: the members to remind, the app's own rule: those
  with a place (not waiting, not cancelled), active, who may still see it;
* ``message(session, member, occasion)``: a ``Message`` in the member's
  language: the templates and context for notices.sending.notify, the link,
  and attachments (the calendar file).

A source's key names its rows in ``Reminder``: keep it once given.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from wagtail import hooks

HOOK = "leerkring_reminder_sources"


@dataclass(frozen=True)
class Session:
    key: str
    starts_at: datetime
    item: object = None  # whatever the source needs again (the page)


@dataclass(frozen=True)
class Message:
    template: str
    context: dict = field(default_factory=dict)
    url: str = ""
    attachments: tuple = ()


@dataclass(frozen=True)
class Source:
    key: str
    sessions: Callable
    attendees: Callable
    message: Callable


def all_sources():
    """Every registered source; a key registered twice is a mistake."""
    found = {}
    for hook in hooks.get_hooks(HOOK):
        source = hook()
        if source.key in found:
            raise ValueError(f"The reminder source {source.key!r} is registered twice")
        found[source.key] = source
    return list(found.values())
