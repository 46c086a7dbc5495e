"""What the platform holds about one member, and what deleting their account does.

The one place for the GDPR rules on a member's own data. Each app says what
it keeps about a member through the ``leerkring_personal_data`` hook, which
returns a ``Section``: the links to the member it accounts for, a
``collect`` for the download and, where needed, an ``erase`` run before the
account row goes. The site asks the apps; it imports none of them.

* ``collect(user)`` gathers everything kept about them (My account → My
  data), and nothing about anyone else: co-owners are counted, not named, and
  a project's contact details are included only when they are the member's
  own.
* ``delete_account(user)`` erases what ``collect`` gives, by one rule: what
  was only about the member is deleted (account, profile, sessions, failed
  logins, progress, answers, registrations, follows, notification settings,
  reports, relayed-message log, invitations to them, admin comments); what
  others rely on stays without the person, shown as "a former member"
  (forum posts and their earlier versions, consent records as proof, logs of
  moderation and editing, pages, files and translations they made).
  Projects they alone own are deleted; shared ones stay with the others,
  and the consents the leaver gave end (catalogue.consent).

A test walks every model that points at the user model (and every field
named like an address or a session) and fails when one is neither in a
section's ``covers`` nor in ``NOT_IN_DOWNLOAD`` below, with its reason.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from wagtail import hooks

HOOK = "leerkring_personal_data"

# Links to a member (or fields holding an identity) deliberately left out of the
# download, each with why. The one place for such exceptions.
NOT_IN_DOWNLOAD = {
    "accounts.User.password": "a one-way hash of the password: of no use to the member "
                              "and a risk to hand out",
    "pages.LandingPage.contact_email": "the public address an editor gives a landing page: "
                                       "about the organisation, not about a member",
}


@dataclass(frozen=True)
class Section:
    """One app's part of a member's data.

    ``covers``: the "app_label.Model.field" links to the member it accounts
    for. ``collect(user)``: a dict of top-level keys for the download.
    ``erase(user)``: what must happen before the account row is deleted
    (foreign keys already cascade or set to empty as their ``on_delete`` says).
    """

    covers: tuple
    collect: Callable
    erase: Callable | None = None
    order: int = 100


def iso(value):
    return value.isoformat() if value else None


def sections():
    return sorted((hook() for hook in hooks.get_hooks(HOOK)), key=lambda s: s.order)


def covered_links():
    return {link for section in sections() for link in section.covers}


def collect(user):
    """Everything about ``user``, as plain JSON-ready data."""
    data = {"exported_at": iso(timezone.now())}
    for section in sections():
        part = section.collect(user)
        clash = set(part) & set(data)
        if clash:
            raise ValueError(f"Two sections export {sorted(clash)}")
        data.update(part)
    return data


@transaction.atomic
def delete_account(user):
    """Delete ``user`` by the rules above."""
    for section in sections():
        if section.erase is not None:
            section.erase(user)
    user.delete()
