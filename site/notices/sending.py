"""Telling a member something: ``notify``, the one entry point.

::

    from notices.sending import notify

    notify(member, "forum.answered", template="forum/email/answered",
           context={"question": question}, url=question_url)

makes a notification on the site (the bell, the notifications page) and,
when the member wants emails of that kind (notices.preferences), queues its
email (notices/tasks.py): sent in the background once the transaction
commits, in the member's language, with the unsubscribe link and headers
(notices/emails.py). Nothing is made for an inactive member, and nothing is
emailed to one (nor to a member without an address).

The app decides who may be told (a forum question only to who may see it);
``notify`` decides nothing about that. Names of other members belong in a
notification only where the recipient may see them (members/consent.py).
"""

from django.conf import settings
from django.db import transaction
from django.template import TemplateDoesNotExist, engines
from django.template.loader import get_template
from django.utils import timezone, translation
from django.utils.text import Truncator

from . import kinds, preferences, tasks
from .models import EmailState, Notification

TEXT_LENGTH = Notification._meta.get_field("text").max_length


# Notifications and emails are text: nothing is HTML-escaped in them (the pages
# and the HTML email escape them when they show them).
_AS_TEXT = "{% autoescape off %}{% include notices_template %}{% endautoescape %}"


def _render_text(name, context, optional=False):
    if optional:
        try:
            get_template(name)
        except TemplateDoesNotExist:
            return ""
    return engines["django"].from_string(_AS_TEXT).render(
        {**context, "notices_template": name})


def _site_path(url):
    """Links are kept as paths on this site (emails add BASE_URL again)."""
    if url.startswith(settings.BASE_URL + "/"):
        return url[len(settings.BASE_URL):]
    return url


def _stored(attachments):
    stored = []
    for filename, content, mimetype in attachments:
        if isinstance(content, bytes):
            content = content.decode("utf-8")
        stored.append({"filename": filename, "content": content, "mimetype": mimetype})
    return stored


def notify(recipient, kind, *, template, context=None, url="", email=True, attachments=()):
    """Tell ``recipient`` about something of ``kind`` (a registered key); the Notification,
    or None for a member who is inactive or gone.

    ``template`` names two templates, rendered now in the recipient's language
    with ``context`` (plus ``user`` and ``site_name``), as text (nothing is
    HTML-escaped):

    * ``{template}_subject.txt``: one line, the notification's text on the
      site and the email's subject (at most 300 characters are kept);
    * ``{template}_body.txt`` (optional): the email's message, plain text;
      the greeting, the link and the footer are added around it.

    ``url``: where to look, in the recipient's language (a path or an
    absolute address on this site). ``email=False`` makes a notification
    without email. ``attachments``: (filename, text content, mimetype)
    triples for the email, e.g. a calendar file.
    """
    kinds.get(kind)  # an unknown kind is a mistake in the calling app: fail now
    if recipient is None or not recipient.is_active:
        return None
    language = recipient.preferred_language or settings.LANGUAGE_CODE
    with translation.override(language):
        context = {**(context or {}), "user": recipient,
                   "site_name": settings.WAGTAIL_SITE_NAME}
        text = " ".join(_render_text(f"{template}_subject.txt", context).split())
        body = _render_text(f"{template}_body.txt", context, optional=True).strip()
    emailed = email and preferences.wants_email(recipient, kind)
    notification = Notification.objects.create(
        recipient=recipient, kind=kind, language=language,
        text=Truncator(text).chars(TEXT_LENGTH), body=body, url=_site_path(url),
        attachments=_stored(attachments) if emailed else [],
        email_state=EmailState.PENDING if emailed else EmailState.NONE,
        email_due_at=timezone.now() if emailed else None,
    )
    if emailed:
        # robust: a queue that fails to take it leaves the email PENDING for
        # send_pending_emails, and never fails what the member was doing.
        transaction.on_commit(lambda: tasks.queue(notification.pk), robust=True)
    return notification
