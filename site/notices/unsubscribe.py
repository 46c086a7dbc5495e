"""One-click unsubscribe: a signed link per member and stream, working without a login.

Every email of a kind, and every digest, carries a link naming its
recipient and what to stop (``stream``: a kind's key or ``kinds.DIGEST``),
signed with the site's secret under a salt of its own, so it proves nothing
else and nothing else proves it. The link does not expire: an old email's
link still stops that email. It stops one stream for one member; anyone
holding it (the member, or whoever they forward the email to) can switch
that stream off and on again, and nothing more.

RFC 8058: the same address is the email's ``List-Unsubscribe`` header, with
``List-Unsubscribe-Post: List-Unsubscribe=One-Click``; a mail client then
POSTs to it without cookies and without a CSRF token. A GET (also a mail
scanner following links) only shows the page with the button.
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import signing
from django.urls import reverse
from django.utils import translation

from . import kinds, preferences

SALT = "notices.unsubscribe"


class InvalidLink(Exception):
    """The link was altered, cut short, or names a member or stream that is gone."""


def token(user, stream):
    return signing.Signer(salt=SALT).sign_object([user.pk, stream])


def read(token_text):
    """(member, stream) named by a token; InvalidLink otherwise."""
    try:
        user_pk, stream = signing.Signer(salt=SALT).unsign_object(token_text)
    except (signing.BadSignature, ValueError, TypeError) as error:
        raise InvalidLink from error
    if not isinstance(user_pk, int) or not isinstance(stream, str) or \
            not kinds.is_stream(stream):
        raise InvalidLink
    user = get_user_model().objects.filter(pk=user_pk).first()
    if user is None:
        raise InvalidLink
    return user, stream


def url(user, stream, language=None):
    """The absolute unsubscribe address, in ``language`` (the member's by default)."""
    with translation.override(language or user.preferred_language):
        path = reverse("notices:unsubscribe", kwargs={"token": token(user, stream)})
    return settings.BASE_URL + path


def is_subscribed(user, stream):
    if stream == kinds.DIGEST:
        return preferences.digest_frequency(user) != preferences.NEVER
    return preferences.wants_email(user, stream)


def subscribe(user, stream, on):
    """Stop (``on`` False) or resume one stream; the digest resumes weekly."""
    if stream == kinds.DIGEST:
        preferences.set_digest_frequency(user, preferences.WEEKLY if on else preferences.NEVER)
    else:
        preferences.set_email(user, stream, on)


def label(stream):
    if stream == kinds.DIGEST:
        return translation.gettext("The digest of what happened")
    return kinds.get(stream).label
