"""A member's digests in their data (accounts.personal_data).

Download: which digest went out for which period and window, and how far
its email got (not the content: it is what the site showed them anyway, and
it is emptied once sent). Erasure: only about the member; it goes with the
account (the foreign key cascades).
"""

from accounts.personal_data import Section, iso

from .models import Digest


def collect(user):
    return {"digests": [{
        "period": digest.period, "frequency": digest.frequency, "since": iso(digest.since),
        "until": iso(digest.until), "state": digest.state, "language": digest.language,
        "attempts": digest.attempts, "sent_at": iso(digest.sent_at),
    } for digest in Digest.objects.filter(user=user).order_by("until", "pk")]}


SECTION = Section(covers=("digests.Digest.user",), collect=collect, order=65)
