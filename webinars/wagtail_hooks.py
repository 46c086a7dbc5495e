from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.widgets import Button
from wagtail.models import Locale

from . import admin_views, registrations
from .models import WebinarIndexPage, WebinarPage


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
    locale = Locale.get_active()
    upcoming = list(WebinarPage.objects.live().filter(locale=locale,
                                                      ends_at__gte=timezone.now())
                    .order_by("starts_at")[:3])
    mine = registrations.statuses(request.user, upcoming)
    for webinar in upcoming:
        webinar.my_status = mine.get(webinar.translation_key)
    return {"template": "webinars/home_panel.html", "order": 20, "upcoming": upcoming,
            "index": WebinarIndexPage.objects.live().filter(locale=locale).first()}
