"""Sending an issue of the newsletter: once, to every subscriber, each in their language.

A coordinator sends an issue from the admin (newsletter/views.py). ``start``:

1. makes the issue's ``Dispatch`` (unique per issue: a second click, or two
   coordinators at once, find it made and send nothing) and, in the same
   transaction, a ``Delivery`` for every member who opted in
   (``notices.preferences.newsletter_subscribers()``: active, with an
   address);
2. once that is committed, queues ``send_batch`` tasks of ``BATCH_SIZE``
   deliveries each, so the web request sends nothing.

A batch sends its deliveries one by one. Each is claimed first with one
conditional UPDATE (PENDING and due → SENDING), so a batch run twice, or
beside the sweep, sends each email once; then the member is asked again
(still active, still opted in: an unsubscribe after the click counts) and
gets the copy in their preferred language, or the Dutch one when the issue
has no translation in theirs (``message_for``), without the items they may
not open (pages/visibility.py). A failing mail server puts the delivery
back, and the rest of the batch with it, on the notifications' schedule
(notices.tasks.retry_at); when that gives up it is FAILED. Nothing is lost when a worker
stops: ``manage.py send_pending_newsletters`` (beside
``send_pending_emails``) queues again deliveries due for a while and puts
back those left SENDING longer than ``LEASE`` — the one case in which a
member may get an issue twice (the server may have taken it just before the
worker died).

A test goes only to the coordinator who asks (``send_test``), from the
issue as it stands in the editor.
"""

import logging
import re
from datetime import timedelta
from html import unescape

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import F
from django.utils import timezone, translation
from django.utils.html import strip_tags
from django_tasks import task
from wagtail.models import Locale, Page
from wagtail.rich_text import expand_db_html

from accounts.roles import is_coordinator
from notices import emails, preferences
from notices.kinds import NEWSLETTER
from notices.tasks import retry_at
from pages.visibility import visible_pages

from .models.records import Delivery, DeliveryState, Dispatch

logger = logging.getLogger(__name__)

BATCH_SIZE = 200
LEASE = timedelta(minutes=30)  # a batch takes longer than one email
GRACE = timedelta(minutes=10)
TEMPLATE = "newsletter/email/issue"


def may_send(user):
    """Sending (and testing) the newsletter is the coordinators' job."""
    return is_coordinator(user)


def dispatch_of(issue):
    return Dispatch.objects.filter(issue_key=issue.translation_key).first()


# The email ------------------------------------------------------------------

_RELATIVE_LINK = re.compile(r'(href|src)="/')


def _absolute_links(html):
    return _RELATIVE_LINK.sub(lambda m: f'{m.group(1)}="{settings.BASE_URL}/', html)


_PARAGRAPH_END = re.compile(r"</(p|h[1-6]|ul|ol)>")
_LINE_END = re.compile(r"</li>|<br\s*/?>")


def _as_text(html):
    """Rich text as plain text: a line per paragraph, heading or list item."""
    html = _LINE_END.sub("\n", _PARAGRAPH_END.sub("\n\n", html.replace("<li>", "<li>- ")))
    text = strip_tags(html)
    return re.sub(r"\n{3,}", "\n\n", unescape(text)).strip()


def items_for(issue, user):
    """The issue's items ``user`` may open: [{"title", "url", "note"}] in order."""
    chosen = [(block.value["page"], block.value.get("note", "")) for block in issue.items
              if block.block_type == "item"]
    pages = [page for page, _note in chosen if page is not None and page.live]
    allowed = {page.pk for page in visible_pages(user, pages)}
    return [{"title": page.title, "url": emails.absolute(page.url), "note": note}
            for page, note in chosen
            if page is not None and page.pk in allowed and page.url]


def compose_issue(issue, user):
    """The email of ``issue`` (one language's copy) to ``user``, in the copy's language."""
    language = issue.locale.language_code
    with translation.override(language):
        introduction = _absolute_links(expand_db_html(issue.introduction))
    return emails.compose(user, NEWSLETTER, subject=issue.title, template=TEMPLATE,
                          language=language, context={
                              "issue": issue, "introduction": introduction,
                              "introduction_text": _as_text(introduction),
                              "items": items_for(issue, user),
                              "issue_url": emails.absolute(issue.url or ""),
                          })


def copy_for(issue_key, language):
    """The live copy of the issue in ``language``, else the Dutch one, else None.
    An alias (an untranslated English page) is the Dutch text: not a copy."""
    copies = {page.locale.language_code: page for page in Page.objects.live().filter(
        translation_key=issue_key, alias_of__isnull=True).select_related("locale").specific()}
    return copies.get(language) or copies.get(settings.LANGUAGE_CODE)


def message_for(issue_key, user):
    """(the copy's language, the email) for ``user``, or (None, None) when no copy is live."""
    issue = copy_for(issue_key, user.preferred_language or settings.LANGUAGE_CODE)
    if issue is None:
        return None, None
    return issue.locale.language_code, compose_issue(issue, user)


# Starting -------------------------------------------------------------------

def start(issue, user):
    """Send ``issue`` to the subscribers; the Dispatch, or None when it was sent before."""
    source = issue.get_translation_or_none(Locale.get_default()) or issue
    with transaction.atomic():
        dispatch, created = Dispatch.objects.get_or_create(
            issue_key=issue.translation_key, defaults={"title": source.title, "sent_by": user})
        if not created:
            return None
        now = timezone.now()
        Delivery.objects.bulk_create(
            [Delivery(dispatch=dispatch, user_id=pk, due_at=now)
             for pk in preferences.newsletter_subscribers().values_list("pk", flat=True)],
            batch_size=1000, ignore_conflicts=True)
        # robust: a queue that fails leaves the deliveries for send_pending_newsletters.
        transaction.on_commit(lambda: queue_batches(dispatch.pk), robust=True)
    return dispatch


def queue_batches(dispatch_id):
    ids = list(Delivery.objects.filter(dispatch_id=dispatch_id, state=DeliveryState.PENDING)
               .order_by("pk").values_list("pk", flat=True))
    for first in range(0, len(ids), BATCH_SIZE):
        queue(ids[first:first + BATCH_SIZE])
    return len(ids)


def queue(delivery_ids, run_after=None):
    job = send_batch
    if run_after is not None:
        if not job.get_backend().supports_defer:
            return None
        job = job.using(run_after=run_after)
    return job.enqueue(list(delivery_ids))


# Sending --------------------------------------------------------------------

@task()
def send_batch(delivery_ids):
    return run_batch(delivery_ids)


def run_batch(delivery_ids):
    """Send each delivery that is due; on a failing mail server, put the rest off too."""
    outcomes = {}
    for position, delivery_id in enumerate(delivery_ids):
        outcome, due = deliver(delivery_id)
        outcomes[outcome] = outcomes.get(outcome, 0) + 1
        if outcome == "retry":
            rest = delivery_ids[position + 1:]
            Delivery.objects.filter(pk__in=rest, state=DeliveryState.PENDING).update(due_at=due)
            queue([delivery_id, *rest], run_after=due)
            break
    return outcomes


def _claim(delivery_id, now):
    return Delivery.objects.filter(
        pk=delivery_id, state=DeliveryState.PENDING, due_at__lte=now,
    ).update(state=DeliveryState.SENDING, due_at=now, attempts=F("attempts") + 1) == 1


def deliver(delivery_id):
    """Send one delivery if it is due and unsent: (what happened, when to retry or None)."""
    if not _claim(delivery_id, timezone.now()):
        return "not due", None
    delivery = Delivery.objects.select_related("user", "dispatch").get(pk=delivery_id)
    mine = Delivery.objects.filter(pk=delivery_id, state=DeliveryState.SENDING)
    language = message = None
    if preferences.wants_email(delivery.user, NEWSLETTER):
        language, message = message_for(delivery.dispatch.issue_key, delivery.user)
    if message is None:
        mine.update(state=DeliveryState.SKIPPED, due_at=None)
        return "skipped", None
    try:
        message.send()
    except Exception:
        logger.exception("Newsletter delivery %s failed (attempt %s)", delivery_id,
                         delivery.attempts)
        due = retry_at(delivery.attempts)
        if due is None:
            mine.update(state=DeliveryState.FAILED, due_at=None)
            logger.error("Gave up newsletter delivery %s after %s attempts", delivery_id,
                         delivery.attempts)
            return "failed", None
        mine.update(state=DeliveryState.PENDING, due_at=due)
        return "retry", due
    mine.update(state=DeliveryState.SENT, sent_at=timezone.now(), due_at=None,
                language=language)
    return "sent", None


def sweep(now=None, grace=GRACE):
    """Queue again what a lost task or a dead worker left (``send_pending_newsletters``).

    Returns (deliveries put back from SENDING, deliveries queued).
    """
    now = now or timezone.now()
    stuck = Delivery.objects.filter(
        state=DeliveryState.SENDING, due_at__lt=now - LEASE,
    ).update(state=DeliveryState.PENDING, due_at=now - grace)
    due = list(Delivery.objects.filter(
        state=DeliveryState.PENDING, due_at__lte=now - grace,
    ).order_by("pk").values_list("pk", flat=True)[:10 * BATCH_SIZE])
    for first in range(0, len(due), BATCH_SIZE):
        queue(due[first:first + BATCH_SIZE])
    return stuck, len(due)


# The test -------------------------------------------------------------------

@task()
def send_test(page_id, user_id):
    """The issue as it stands in the editor (its latest revision), to one coordinator."""
    user = get_user_model().objects.filter(pk=user_id, is_active=True).first()
    page = Page.objects.filter(pk=page_id).first()
    if user is None or not user.email or page is None or not may_send(user):
        return "skipped"
    compose_issue(page.specific.get_latest_revision_as_object(), user).send()
    return "sent"
