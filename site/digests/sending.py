"""Making and sending the digests that are due: one run of ``send_digests``.

For each frequency, the members who want that digest are read in batches of
``BATCH`` by primary key; per batch, one query finds who already has this
period's row and one their last digest's end. Per due member:

1. what is new in their window (whatsnew.news.whats_new, in their language,
   under every app's visibility rules), made into the email's sections;
2. the claim: one INSERT of the ``Digest`` row for (member, period), PENDING
   with those sections, or NOTHING when there is nothing new. The unique
   constraint lets one run win: another run at the same moment, or the
   next one, finds the row and moves on;
3. the send (``deliver``): PENDING → SENDING by a conditional UPDATE (one
   winner again), the member's choice read once more (an unsubscribe since
   the claim counts), the email built by notices.emails.compose, SENT.

The row is the email's durable queue entry, so a run killed anywhere loses
nothing and sends nothing twice: members not yet claimed are claimed by the
next run; a claimed digest not yet sent is PENDING and the next run's sweep
sends it; one killed mid-send stays SENDING and is put back after the
notification emails' ``LEASE`` (the one case where the mail server may have
taken it already, as for notifications). A failed send is tried again after
the notification emails' waits (notices/tasks.py), by the hourly runs; an
error with one member is logged and the run goes on. A digest does not wait
for the task worker: the command is run by its own timer.

Per member the run makes a fixed number of queries (whats_new's, the insert,
the claim, the choice and the send's updates), whatever the amount of news.
"""

import logging
from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F, Max
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from notices import emails, preferences
from notices.kinds import DIGEST
from notices.tasks import LEASE, retry_at
from whatsnew.news import whats_new

from . import schedule
from .models import Digest, DigestState

logger = logging.getLogger(__name__)

BATCH = 500
FREQUENCIES = (preferences.DAILY, preferences.WEEKLY)
TEMPLATE = "digests/email/digest"


@dataclass
class Outcome:
    sent: int = 0
    nothing: int = 0
    failed: int = 0

    def add(self, result):
        if result == "sent":
            self.sent += 1
        elif result in ("retry", "failed", "error"):
            self.failed += 1
        elif result == "nothing":
            self.nothing += 1


def stored_sections(sections):
    """whatsnew's sections as the row keeps them (JSON)."""
    return [{"key": section.key, "title": str(section.title), "more": section.more,
             "items": [{"title": item.title, "url": item.url, "when": item.when.isoformat(),
                        "label": str(item.label), "why": str(item.why),
                        "language": item.language} for item in section.items]}
            for section in sections]


def prepare(user, period, now, last_until):
    """The unsaved ``Digest`` of ``period`` for ``user``, or None when it is not due."""
    found = schedule.window(period, now, last_until)
    if found is None:
        return None
    since, until = found
    language = user.preferred_language or settings.LANGUAGE_CODE
    sections = whats_new(user, since, until, language)
    return Digest(user=user, period=period.key, frequency=period.frequency, since=since,
                  until=until, language=language, sections=stored_sections(sections),
                  state=DigestState.PENDING if sections else DigestState.NOTHING,
                  due_at=until if sections else None)


def claim(digest):
    """Insert the row; False when another run has this member's period already."""
    try:
        with transaction.atomic():
            digest.save(force_insert=True)
    except IntegrityError:
        return False
    return True


def _claim_send(digest_id, now):
    return Digest.objects.filter(
        pk=digest_id, state=DigestState.PENDING, due_at__lte=now,
    ).update(state=DigestState.SENDING, due_at=now, attempts=F("attempts") + 1) == 1


def _more_url(language):
    with translation.override(language):
        return emails.absolute(reverse("new_for_you") + "?period=week")


def message_for(digest):
    """The email of ``digest`` (notices/emails.py), in the language it was made in."""
    sections = [{**section, "items": [
        {**item, "url": emails.absolute(item["url"]), "when": datetime.fromisoformat(item["when"])}
        for item in section["items"]]} for section in digest.sections]
    with translation.override(digest.language):
        subject = (_("Your daily digest from %(site)s") if digest.frequency == preferences.DAILY
                   else _("Your weekly digest from %(site)s"))
        subject = subject % {"site": settings.WAGTAIL_SITE_NAME}
    return emails.compose(digest.user, DIGEST, subject=subject, template=TEMPLATE,
                          language=digest.language, context={
                              "digest": digest, "sections": sections,
                              "more_url": _more_url(digest.language)})


def deliver(digest_id, now=None):
    """Send one claimed digest if it is due and unsent; returns what happened."""
    now = now or timezone.now()
    if not _claim_send(digest_id, now):
        return "not due"
    digest = Digest.objects.select_related("user").get(pk=digest_id)
    mine = Digest.objects.filter(pk=digest_id, state=DigestState.SENDING)
    if preferences.digest_frequency(digest.user) == preferences.NEVER:
        mine.update(state=DigestState.SKIPPED, due_at=None, sections=[])
        return "skipped"
    try:
        message_for(digest).send()
    except Exception:
        logger.exception("Digest %s failed (attempt %s)", digest_id, digest.attempts)
        due = retry_at(digest.attempts)
        if due is None:
            mine.update(state=DigestState.FAILED, due_at=None)
            logger.error("Gave up digest %s after %s attempts", digest_id, digest.attempts)
            return "failed"
        mine.update(state=DigestState.PENDING, due_at=due)
        return "retry"
    mine.update(state=DigestState.SENT, sent_at=timezone.now(), due_at=None, sections=[])
    return "sent"


def sweep(now, outcome):
    """Send what earlier runs claimed and did not send: a run killed after the claim,
    a worker killed mid-send (after ``LEASE``), a send to try again."""
    Digest.objects.filter(state=DigestState.SENDING, due_at__lt=now - LEASE).update(
        state=DigestState.PENDING, due_at=now)
    last = 0
    while True:
        ids = list(Digest.objects.filter(state=DigestState.PENDING, due_at__lte=now, pk__gt=last)
                   .order_by("pk").values_list("pk", flat=True)[:BATCH])
        if not ids:
            return
        for digest_id in ids:
            outcome.add(_safely(deliver, digest_id, now, label=f"digest {digest_id}"))
        last = ids[-1]


def _safely(function, *args, label):
    try:
        return function(*args)
    except Exception:
        logger.exception("Digests: %s failed", label)
        return "error"


def _one(user, period, now, last_until, dry_run):
    digest = prepare(user, period, now, last_until)
    if digest is None:
        return "not due"
    if dry_run:
        return "nothing" if digest.state == DigestState.NOTHING else "sent"
    if not claim(digest):
        return "taken"
    if digest.state == DigestState.NOTHING:
        return "nothing"
    return deliver(digest.pk, now)


def batches(frequency, size=BATCH):
    """The members who want ``frequency``'s digest, ``size`` at a time, by primary key."""
    members = preferences.digest_subscribers(frequency).order_by("pk")
    last = 0
    while True:
        batch = list(members.filter(pk__gt=last)[:size])
        if not batch:
            return
        yield batch
        last = batch[-1].pk


def run(now=None, *, dry_run=False, size=BATCH):
    """Send every digest due at ``now``; the Outcome (sent, nothing new, failed)."""
    now = now or timezone.now()
    outcome = Outcome()
    if not dry_run:
        sweep(now, outcome)
    for frequency in FREQUENCIES:
        period = schedule.period_of(frequency, now)
        for batch in batches(frequency, size):
            ids = [user.pk for user in batch]
            taken = set(Digest.objects.filter(user_id__in=ids, period=period.key)
                        .values_list("user_id", flat=True))
            last_until = dict(Digest.objects.filter(user_id__in=ids).values("user_id")
                              .annotate(last=Max("until")).values_list("user_id", "last"))
            for user in batch:
                if user.pk in taken:
                    continue
                outcome.add(_safely(_one, user, period, now, last_until.get(user.pk), dry_run,
                                    label=f"member {user.pk}"))
    return outcome
