"""Notifications on the site and the emails that go with them.

What happened for a member (an answer, an accepted answer, a moderation
result, a team request, a webinar place, ...) becomes a ``Notification``:
counted by the bell in the header, listed on their notifications page
(``/nl/meldingen/``, ``/en/notifications/``) and, when they want that kind
of email, emailed in the background. The apps that send them import the
modules below; this package imports none of them (the site shell knows no
content app: kinds are registered with a hook).

* ``notices.kinds``: ``Kind(key, label, description, email_default=True,
  order=100, audience=None)``, registered with the ``leerkring_notice_kinds``
  hook; ``DIGEST`` and ``NEWSLETTER``.
* ``notices.sending.notify(recipient, kind, *, template, context=None,
  url="", email=True, attachments=())``: the one entry point.
* ``notices.preferences``: ``wants_email(user, kind)``,
  ``email_recipients(kind)``, ``newsletter_subscribers()``,
  ``digest_frequency(user)``, ``digest_subscribers(frequency)``,
  ``set_email``, ``set_digest_frequency``.
* ``notices.emails.compose(user, stream, *, subject, template, context=None,
  language=None, attachments=())``: any email of a stream (a kind, the
  digest), with the text and HTML parts, the footer and the RFC 8058
  unsubscribe headers; ``absolute(url)``.
* ``notices.unsubscribe``: the signed links (``url(user, stream)``).
* ``notices.tasks``: sending once, with retries; ``manage.py
  send_pending_emails`` queues again what a stopped worker left.
* ``notices.reading``: the unread count and the pages of one's own list.
"""
