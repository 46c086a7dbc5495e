"""Sending the reminders that are due, each once (``manage.py send_reminders``).

Two occasions: the day before (the session starts within 24 hours, more
than an hour from now) and an hour before (within the hour, not started).
A run decides by the time left, so a late run sends only the reminder that
still makes sense: nobody gets "tomorrow" half an hour before the start.

Each member is handled in a transaction of their own: the ``Reminder`` row
is written first (a concurrent run waits on it, then finds it taken), then
the notification, whose email is queued when the transaction commits. A
member whose reminder fails is logged and left for the next run; the others
go on.
"""

import logging
from dataclasses import dataclass
from datetime import timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from notices.kinds import Kind
from notices.sending import notify

from .models import Occasion, Reminder
from .sources import all_sources

logger = logging.getLogger(__name__)

KIND = "reminders.sessions"
NOTICE_KIND = Kind(
    KIND, _("Reminders of sessions I registered for"),
    _("The day before and an hour before a webinar or event you have a place for, with the "
      "link to join and a calendar file."), order=85)

DAY_BEFORE = timedelta(hours=24)
HOUR_BEFORE = timedelta(hours=1)


def occasion_at(starts_at, now):
    """The reminder due for a session starting at ``starts_at``, or None."""
    left = starts_at - now
    if timedelta(0) < left <= HOUR_BEFORE:
        return Occasion.HOUR
    if HOUR_BEFORE < left <= DAY_BEFORE:
        return Occasion.DAY
    return None


@dataclass
class Outcome:
    sent: int = 0
    failed: int = 0


def send_due(now=None):
    """Remind every attendee of every session now due; returns the counts."""
    now = now or timezone.now()
    outcome = Outcome()
    for source in all_sources():
        for session in source.sessions(now, now + DAY_BEFORE):
            occasion = occasion_at(session.starts_at, now)
            if occasion is None:
                continue
            done = set(Reminder.objects.filter(
                source=source.key, session=session.key, occasion=occasion,
            ).values_list("user_id", flat=True))
            for member in source.attendees(session):
                if member.pk in done:
                    continue
                try:
                    if remind(source, session, occasion, member):
                        outcome.sent += 1
                except Exception:
                    logger.exception("Reminder %s of %s:%s for member %s failed", occasion,
                                     source.key, session.key, member.pk)
                    outcome.failed += 1
    return outcome


def remind(source, session, occasion, member):
    """Claim and send one reminder; False when it was claimed already."""
    with transaction.atomic():
        try:
            with transaction.atomic():
                claim = Reminder.objects.create(user=member, source=source.key,
                                                session=session.key, occasion=occasion)
        except IntegrityError:
            return False
        message = source.message(session, member, occasion)
        claim.notification = notify(
            member, KIND, template=message.template,
            context={**message.context, "occasion": occasion}, url=message.url,
            attachments=message.attachments)
        claim.save(update_fields=["notification"])
    return True
