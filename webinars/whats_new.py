"""What is new in webinars for one member (whatsnew.news): what is coming.

A webinar the member may open (pages/visibility.py), in their language where
it has a version in it (pages.languages.versions_for_reader), that has not
ended, is news once: when it is announced (first published in the window),
or when it comes within ``HORIZON`` of the window's end (it starts within
``HORIZON`` of some moment in the window). So each digest names the
webinars of the coming two weeks without repeating last week's, and one
planned at short notice is named when announced. With ``in_topics`` (the
home page), only webinars in the member's topics. Events (issue #22) bring
their own provider from their own app, beside this one.
"""

from datetime import timedelta

from django.db.models import OuterRef, Q, Subquery, UUIDField, Value
from django.utils.translation import gettext as _

from pages.languages import as_read, versions_for_reader, written_in
from pages.visibility import pages_visible_to
from whatsnew.news import Item, merged, open_section, take

from .models.pages import WebinarIndexPage, WebinarPage

HORIZON = timedelta(days=14)
TOPICS = WebinarPage.topics.through


def news(window):
    index = open_section(window.user, window.language, WebinarIndexPage)
    if index is None:
        return None
    announced = Q(announced_at__gte=window.since, announced_at__lt=window.until)
    coming = Q(starts_at__gte=window.since + HORIZON, starts_at__lt=window.until + HORIZON)
    webinars = (
        versions_for_reader(pages_visible_to(window.user, WebinarPage.objects.all()),
                            window.language)
        .annotate(announced_at=as_read("first_published_at"))
        .filter(announced | coming, ends_at__gte=window.until)
        .annotate(language_code=written_in(),
                  topic_key=Subquery(TOPICS.objects.filter(
                      webinarpage_id=OuterRef("pk"), topic__translation_key__in=window.topics)
                      .order_by("pk").values("topic__translation_key")[:1])
                  if window.topics else Value(None, output_field=UUIDField())))
    if window.in_topics:
        webinars = webinars.filter(topic_key__isnull=False)
    rows, total = take(webinars.only("id", "title", "url_path", "path", "depth", "locale_id",
                                     "starts_at")
                       .order_by("starts_at", "pk"), window.limit)
    items = [Item(
        title=row.title, url=row.url, when=row.starts_at,
        label=(_("New webinar") if row.announced_at is not None
               and window.since <= row.announced_at < window.until else _("Webinar soon")),
        why=window.topic_reason(row.topic_key),
        language=row.language_code if row.language_code != window.language else "",
    ) for row in rows]
    return merged("webinars", _("Webinars"), [(items, total)], window.limit, url=index.url,
                  order=40, reverse=False)
