"""What the newsletter adds to the admin and the site's registries: the page
to test and send an issue (coordinators), and the member's data."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.widgets import Button

from . import personal_data, sending, views
from .models.pages import NewsletterIssuePage


@hooks.register("register_admin_urls")
def register_send_urls():
    return [path("newsletter/<int:page_id>/send/", views.send, name="newsletter_send")]


def _send_button(page, user):
    if isinstance(page.specific_deferred, NewsletterIssuePage) and sending.may_send(user):
        yield Button(_("Test and send"), reverse("newsletter_send", args=[page.pk]),
                     icon_name="mail", priority=35)


@hooks.register("register_page_header_buttons")
def send_header_button(page, user, view_name=None, next_url=None):
    yield from _send_button(page, user)


@hooks.register("register_page_listing_buttons")
def send_listing_button(page, user, next_url=None, **kwargs):
    yield from _send_button(page, user)


@hooks.register("leerkring_personal_data")
def newsletter_data():
    return personal_data.SECTION
