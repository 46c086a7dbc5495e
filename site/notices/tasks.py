"""Sending a notification's email in the background, once, with retries.

``notify`` (notices/sending.py) marks a notification's email PENDING, due
now, and queues ``send_notification_email`` once the transaction commits.
The task, in the worker (``manage.py db_worker``):

1. claims the email with one conditional UPDATE (PENDING and due → SENDING,
   one more attempt). Only one run can win it: the same task run twice, two
   workers, or the task and ``send_pending_emails`` at once send one email;
   an email already SENT (or given up) is never claimed again;
2. checks the member still wants it (active, an address, the kind still on:
   an unsubscribe between the event and the send counts) — else SKIPPED;
3. builds it (notices/emails.py) and sends it; then SENT, with ``emailed_at``.

A failed send (the mail server down or refusing) goes back to PENDING, due
after 1, 5, 15, 60 and 240 minutes; with a backend that can wait
(``supports_defer``: the database backend) the task queues itself again for
that moment. After ``MAX_ATTEMPTS`` it is FAILED and logged. Nothing is
lost when a worker stops: ``manage.py send_pending_emails`` (a timer, every
ten minutes) queues again every email due for a while (its task lost, or a
backend that cannot wait), and puts back emails left SENDING longer than
``LEASE`` (a worker that died mid-send). That last case is the one where a
member may get an email twice: the server may have taken it just before
the worker died; nothing else sends twice. ``EMAIL_TIMEOUT`` keeps a send
well inside the lease.
"""

import logging
from datetime import timedelta

from django.db.models import F
from django.utils import timezone
from django_tasks import task

from . import emails, preferences
from .models import EmailState, Notification

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 6
# The wait after the first, second, ... failed attempt.
RETRY_AFTER = [timedelta(minutes=minutes) for minutes in (1, 5, 15, 60, 240)]
LEASE = timedelta(minutes=15)
# Due this long without being sent: its task is taken to be lost.
GRACE = timedelta(minutes=10)


def retry_at(attempts, now=None):
    """When to try a failed email again after its ``attempts``-th failed attempt, or
    None to give up: the one schedule of every sender of emails (notifications,
    the newsletter)."""
    if attempts >= MAX_ATTEMPTS:
        return None
    return (now or timezone.now()) + RETRY_AFTER[min(attempts, len(RETRY_AFTER)) - 1]


@task()
def send_notification_email(notification_id):
    return deliver(notification_id)


def queue(notification_id, run_after=None):
    """Queue the email's task, now or at ``run_after`` (left to ``send_pending_emails``
    when the backend cannot wait)."""
    job = send_notification_email
    if run_after is not None:
        if not job.get_backend().supports_defer:
            return None
        job = job.using(run_after=run_after)
    return job.enqueue(notification_id)


def _claim(notification_id, now):
    return Notification.objects.filter(
        pk=notification_id, email_state=EmailState.PENDING, email_due_at__lte=now,
    ).update(email_state=EmailState.SENDING, email_due_at=now,
             email_attempts=F("email_attempts") + 1) == 1


def _still_wanted(notification):
    try:
        return preferences.wants_email(notification.recipient, notification.kind)
    except LookupError:  # the kind's app is gone
        return False


def message_for(notification):
    """The email of ``notification`` (notices/emails.py), in the language it was written in."""
    return emails.compose(
        notification.recipient, notification.kind, subject=notification.text,
        template="notices/email/notification", language=notification.language,
        context={"notification": notification, "body": notification.body,
                 "url": emails.absolute(notification.url) if notification.url else ""},
        attachments=[(a["filename"], a["content"], a["mimetype"])
                     for a in notification.attachments])


def deliver(notification_id):
    """Send the email of one notification if it is due and unsent; returns what happened."""
    now = timezone.now()
    if not _claim(notification_id, now):
        return "not due"
    notification = Notification.objects.select_related("recipient").get(pk=notification_id)
    mine = Notification.objects.filter(pk=notification_id, email_state=EmailState.SENDING)
    if not _still_wanted(notification):
        mine.update(email_state=EmailState.SKIPPED, email_due_at=None, attachments=[])
        return "skipped"
    try:
        message_for(notification).send()
    except Exception:
        logger.exception("Email of notification %s failed (attempt %s)", notification_id,
                         notification.email_attempts)
        return _retry_or_give_up(notification, mine)
    mine.update(email_state=EmailState.SENT, emailed_at=timezone.now(), email_due_at=None,
                attachments=[])
    return "sent"


def _retry_or_give_up(notification, mine):
    attempts = notification.email_attempts
    due = retry_at(attempts)
    if due is None:
        mine.update(email_state=EmailState.FAILED, email_due_at=None)
        logger.error("Gave up the email of notification %s after %s attempts",
                     notification.pk, attempts)
        return "failed"
    mine.update(email_state=EmailState.PENDING, email_due_at=due)
    queue(notification.pk, run_after=due)
    return "retry"


def requeue(now=None, grace=GRACE):
    """Queue again what a lost task or a dead worker left behind (``send_pending_emails``).

    Returns (emails put back from SENDING, emails queued).
    """
    now = now or timezone.now()
    stuck = Notification.objects.filter(
        email_state=EmailState.SENDING, email_due_at__lt=now - LEASE,
    ).update(email_state=EmailState.PENDING, email_due_at=now - grace)
    due = list(Notification.objects.filter(
        email_state=EmailState.PENDING, email_due_at__lte=now - grace,
    ).order_by("email_due_at").values_list("pk", flat=True)[:1000])
    for notification_id in due:
        queue(notification_id)
    return stuck, len(due)
