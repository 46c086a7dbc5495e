"""One way to read an email address that names a member.

People type their address in any case, with stray spaces, sometimes with a
compatibility character (ſ for s). The login, its lockout (django-axes),
password resets, invitations and the admin's user forms must all agree on
who is meant: when the lockout keyed on the raw text while the login matched
case-insensitively, every spelling of an address got a fresh set of attempts.
Every place that turns typed text into a member's address calls
``normalise_email``, and addresses are stored in that form (accounts.models),
so lookups compare exactly.

Unicode NFKC (as Django does for usernames), spaces stripped, lowercase.
Lowercase rather than ``casefold()``: casefold turns ß into ss, which names
another mailbox.
"""

import unicodedata

from django.conf import settings


def normalise_email(value):
    """The form of an address that identifies a member (stored and looked up)."""
    if value is None:
        return ""
    return unicodedata.normalize("NFKC", str(value)).strip().lower()


def axes_username(request, credentials=None):
    """AXES_USERNAME_CALLABLE: lock the normalised address, whichever form was used."""
    field = settings.AXES_USERNAME_FORM_FIELD
    if credentials:
        value = credentials.get(field)
    else:
        value = getattr(request, "data", request.POST).get(field)
    return normalise_email(value) if value else value
