"""Notifications and email choices in a member's data (accounts.personal_data).

Download: every notification (text, link, when, read, whether and when it
was emailed), the choice per kind of email and the digest's frequency.
Erasure: all of it is only about the member, and goes with the account
(the foreign keys cascade).
"""

from accounts.personal_data import Section, iso

from . import preferences
from .models import DigestChoice, EmailChoice, Notification


def collect(user):
    return {"notifications": {
        "received": [{
            "kind": n.kind, "text": n.text, "message": n.body, "url": n.url,
            "language": n.language, "created_at": iso(n.created_at), "read_at": iso(n.read_at),
            "email": n.email_state or None, "email_attempts": n.email_attempts,
            "email_due_at": iso(n.email_due_at), "emailed_at": iso(n.emailed_at),
        } for n in Notification.objects.filter(recipient=user).order_by("created_at", "pk")],
        "email_choices": {choice.kind: choice.wanted
                          for choice in EmailChoice.objects.filter(user=user).order_by("kind")},
        "digest": preferences.digest_frequency(user)
        if DigestChoice.objects.filter(user=user).exists() else None,
    }}


SECTION = Section(order=60, collect=collect, covers=(
    "notices.Notification.recipient", "notices.EmailChoice.user", "notices.DigestChoice.user",
    # Named like an address, holding none: how far the notification's email got.
    "notices.Notification.email_state", "notices.Notification.email_attempts",
    "notices.Notification.email_due_at", "notices.Notification.emailed_at"))
