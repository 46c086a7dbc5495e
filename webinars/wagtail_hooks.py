import copy

from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.widgets import Button
from wagtail.models import Locale

import caching
from pages.sections import section_page
from pages.visibility import visible_pages

from . import admin_views, personal_data, registrations, reminders, whats_new
from .models import WebinarIndexPage, WebinarPage


@hooks.register("leerkring_notice_kinds")
def notice_kinds():
    return registrations.NOTICE_KINDS


@hooks.register("leerkring_reminder_sources")
def reminder_source():
    return reminders.SOURCE


@hooks.register("register_admin_urls")
def register_registration_urls():
    return [path("webinars/<int:page_id>/registrations/", admin_views.registrations,
                 name="webinar_registrations")]


def _registrations_button(page, user):
    if isinstance(page.specific_deferred, WebinarPage) and user.has_perm(admin_views.PERMISSION):
        yield Button(_("Registrations"), reverse("webinar_registrations", args=[page.pk]),
                     icon_name="group", priority=35)


@hooks.register("register_page_header_buttons")
def registrations_header_button(page, user, view_name=None, next_url=None):
    yield from _registrations_button(page, user)


@hooks.register("register_page_listing_buttons")
def registrations_listing_button(page, user, next_url=None, **kwargs):
    yield from _registrations_button(page, user)


@hooks.register("leerkring_home_panels")
def upcoming_webinars_panel(request, home):
    # Copies: the ones kept are shared by every request of this process.
    upcoming = [copy.copy(webinar) for webinar in _upcoming_webinars(request, 3)]
    mine = registrations.statuses(request.user, upcoming)
    for webinar in upcoming:
        webinar.my_status = mine.get(webinar.translation_key)
    return {"template": "webinars/home_panel.html", "order": 20, "upcoming": upcoming,
            "index": section_page(request, WebinarIndexPage)}


def _upcoming_webinars(request, count):
    """The next ``count`` webinars that have not ended, in the active language,
    that the member may open (pages/visibility.py).

    What is kept is the same for everyone: kept by the process for the page
    tree's generation, a few more than shown, so that one ending drops out
    without a query; which of them the member may see is decided per request.
    """
    locale = Locale.get_active()
    now = timezone.now()
    ahead = caching.memo("upcoming-webinars", locale.pk, lambda: list(
        WebinarPage.objects.live().filter(locale=locale, ends_at__gte=now)
        .order_by("starts_at")[:_UPCOMING_KEPT]))
    upcoming = visible_pages(request.user, [w for w in ahead if w.ends_at >= now])
    if len(upcoming) < count and len(ahead) == _UPCOMING_KEPT:
        # More have ended or are closed to the member than were kept: ask the database.
        upcoming = visible_pages(request.user, WebinarPage.objects.live().filter(
            locale=locale, ends_at__gte=now).order_by("starts_at"))
    return upcoming[:count]


_UPCOMING_KEPT = 10


@hooks.register("leerkring_personal_data")
def member_data():
    """Webinar registrations (accounts.personal_data)."""
    return personal_data.SECTION


@hooks.register("leerkring_whats_new")
def webinar_news(window):
    """Webinars announced, or coming within two weeks (whatsnew.news)."""
    return whats_new.news(window)
