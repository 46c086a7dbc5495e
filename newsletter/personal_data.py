"""The newsletter's part of a member's data (accounts.personal_data).

Download: the issues they were sent (or not: skipped, failed), when and in
which language, and the issues they sent as a coordinator. Whether they
want it is in the notifications' part.
Erasure: the records are only about the member and go with the account (the
foreign key cascades); who sent an issue is forgotten (SET_NULL).
"""

from accounts.personal_data import Section, iso

from .models.records import Delivery, Dispatch


def collect(user):
    received = [{
        "issue": d.dispatch.title, "issue_key": str(d.dispatch.issue_key), "state": d.state,
        "language": d.language or None, "attempts": d.attempts, "sent_at": iso(d.sent_at),
        "due_at": iso(d.due_at),
    } for d in Delivery.objects.filter(user=user).select_related("dispatch").order_by("pk")]
    sent = [{"issue": d.title, "issue_key": str(d.issue_key), "sent_at": iso(d.sent_at)}
            for d in Dispatch.objects.filter(sent_by=user).order_by("pk")]
    return {"newsletter": {"received": received, "sent_as_coordinator": sent}}


SECTION = Section(order=65, collect=collect, covers=(
    "newsletter.Delivery.user", "newsletter.Dispatch.sent_by",
    # Named like an address, holding none: how far the issue's email got.
    "newsletter.Delivery.sent_at", "newsletter.Delivery.due_at",
    "newsletter.Delivery.attempts", "newsletter.Delivery.state"))
