"""Every email to a member about something on the platform, built one way.

``compose(user, stream, subject=..., template=..., context=...)`` returns a
Django ``EmailMultiAlternatives`` (send it with ``.send()``, or hand it to a
task) with:

* a plain-text part (``{template}.txt``) and an HTML part (``{template}.html``),
  both rendered in ``language`` (the member's preferred language by
  default); the templates extend ``notices/email/base.txt`` and
  ``base.html``, which greet the member by first name and end with why
  they get this email, a link that stops this stream and a link to all
  email settings;
* From: ``DEFAULT_FROM_EMAIL`` (the platform's name and a no-reply
  address); no Reply-To, since nobody reads replies: every email says to
  answer on the site, and names no other member's address;
* ``List-Unsubscribe`` (the signed link of notices/unsubscribe.py) and
  ``List-Unsubscribe-Post: List-Unsubscribe=One-Click`` (RFC 8058), and
  ``Auto-Submitted: auto-generated`` (RFC 3834: no out-of-office replies).

Links in emails are absolute: ``absolute(url)`` puts ``BASE_URL`` before a
path. Notifications are emailed through this by notices/tasks.py; a digest
or newsletter sender calls it with its own templates and stream
(``kinds.DIGEST``, ``kinds.NEWSLETTER``).
"""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from . import unsubscribe


def absolute(url):
    """``url`` with the site's address when it is a path."""
    return settings.BASE_URL + url if url.startswith("/") else url


def settings_url(language):
    with translation.override(language):
        return settings.BASE_URL + reverse("notices:settings")


def compose(user, stream, *, subject, template, context=None, language=None,
            attachments=()):
    """The email of ``stream`` to ``user``; ``attachments`` are (filename, content,
    mimetype) triples."""
    language = language or user.preferred_language or settings.LANGUAGE_CODE
    unsubscribe_url = unsubscribe.url(user, stream, language)
    with translation.override(language):
        context = {
            **(context or {}),
            "user": user,
            "subject": subject,
            "site_name": settings.WAGTAIL_SITE_NAME,
            "site_url": settings.BASE_URL + "/" + language + "/",
            "stream_label": unsubscribe.label(stream),
            "unsubscribe_url": unsubscribe_url,
            "settings_url": settings_url(language),
            "language": language,
        }
        text = render_to_string(f"{template}.txt", context)
        html = render_to_string(f"{template}.html", context)
    message = EmailMultiAlternatives(
        subject=" ".join(subject.split()), body=text, from_email=settings.DEFAULT_FROM_EMAIL,
        to=[user.email], headers={
            "List-Unsubscribe": f"<{unsubscribe_url}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            "Auto-Submitted": "auto-generated",
        })
    message.attach_alternative(html, "text/html")
    for filename, content, mimetype in attachments:
        message.attach(filename, content, mimetype)
    return message
