"""Webinars as a source of reminders (reminders.sources): the members with a
place get a reminder the day before and an hour before, in their language,
with the join link and the calendar file.

Registrations are shared by every language version (one translation key),
so a webinar is one session, reminded once, in the version of the member's
language. Only members with a place are reminded (the join link is for
them), and only while they may see the webinar (pages/visibility.py).
"""

from django.conf import settings
from django.utils import translation
from django.utils.text import slugify

from pages.visibility import visible_pages
from reminders.sources import Message, Session, Source

from . import calendar, registrations
from .models.pages import WebinarPage
from .models.records import Registration


def sessions(after, until):
    found = {}
    for page in (WebinarPage.objects.live().filter(starts_at__gt=after, starts_at__lte=until)
                 .order_by("starts_at", "pk")):
        found.setdefault(page.translation_key, page)
    return [Session(str(key), page.starts_at, page) for key, page in found.items()]


def attendees(session):
    rows = (Registration.objects.filter(webinar_key=session.item.translation_key,
                                        status=Registration.Status.REGISTERED,
                                        user__is_active=True)
            .select_related("user").order_by("pk"))
    return [row.user for row in rows if visible_pages(row.user, [session.item])]


def message(session, member, occasion):
    language = member.preferred_language or settings.LANGUAGE_CODE
    with translation.override(language):
        shown = registrations.in_language(session.item, language).specific
        path = shown.get_url()
    url = settings.BASE_URL + path
    return Message(
        template="webinars/email/reminder", url=path,
        context={"webinar": shown, "page_url": url, "join_url": shown.join_url},
        attachments=((f"{slugify(shown.title)}.ics", calendar.ics_for(shown, url),
                      "text/calendar"),))


SOURCE = Source("webinars", sessions=sessions, attendees=attendees, message=message)
