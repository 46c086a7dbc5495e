"""The kinds of notification, registered by the apps that send them.

An app declares its kinds with the ``leerkring_notice_kinds`` hook in its
``wagtail_hooks.py``; the hook returns ``Kind``s::

    @hooks.register("leerkring_notice_kinds")
    def notice_kinds():
        return [Kind("forum.answered", _("Answers to my questions"),
                     _("When someone answers a question you asked."), order=10)]

A kind's key names it everywhere: in ``notify(user, "forum.answered", ...)``,
in a member's email choices and in unsubscribe links; keep it once given
(members' choices are stored under it). Its label and description are shown
in the email settings under My account and in every email of that kind
("you get this because ..."). ``email_default`` is what a member gets until
they choose. ``audience(user)``, when given, says to whom the kind is
offered in the settings (moderators' kinds to moderators only); it does not
decide who is notified: the app does.

Besides the kinds there is one more thing a member can stop: the digest
(``DIGEST``), a summary sent daily, weekly or never (notices.preferences).
Kinds and the digest together are the *streams* an unsubscribe link names.
The newsletter is a kind like the others, registered here (``NEWSLETTER``),
the only one off until a member opts in.
"""

from collections.abc import Callable
from dataclasses import dataclass

from wagtail import hooks

HOOK = "leerkring_notice_kinds"
DIGEST = "digest"
NEWSLETTER = "newsletter"


@dataclass(frozen=True)
class Kind:
    key: str
    label: str
    description: str = ""
    email_default: bool = True
    order: int = 100
    audience: Callable | None = None

    def offered_to(self, user):
        return self.audience is None or bool(self.audience(user))


def all_kinds():
    """Every registered kind, in their order; a key registered twice is a mistake."""
    found = {}
    for hook in hooks.get_hooks(HOOK):
        for kind in hook():
            if kind.key in found or kind.key == DIGEST:
                raise ValueError(f"The notification kind {kind.key!r} is registered twice")
            found[kind.key] = kind
    return sorted(found.values(), key=lambda kind: (kind.order, kind.key))


def get(key):
    """The kind registered under ``key``; LookupError for an unknown key."""
    for kind in all_kinds():
        if kind.key == key:
            return kind
    raise LookupError(f"No notification kind {key!r} is registered")


def offered_to(user):
    """The kinds ``user`` chooses about in their settings."""
    return [kind for kind in all_kinds() if kind.offered_to(user)]


def is_stream(key):
    """Whether ``key`` names something a member can unsubscribe from."""
    return key == DIGEST or any(kind.key == key for kind in all_kinds())
