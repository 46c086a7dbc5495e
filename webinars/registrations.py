"""Registering for webinars, with a waiting list when a session is full.

Registrations are keyed by the webinar's translation key, so registering on
the Dutch page shows on the English one. Each change for one webinar runs
inside a transaction that first locks that webinar's page row, so two
participants taking the last place at once cannot both get it.

Each registration is confirmed by a notification (notices.sending.notify;
emailed, with the calendar file, unless switched off); a member who moves
from the waiting list to a place is told at once, as a kind of its own, so
one may stop the confirmations of one's own clicks and still hear of a place.
"""

from django.conf import settings
from django.db import transaction
from django.utils import translation
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale, Page

from notices.kinds import Kind
from notices.sending import notify

from . import calendar
from .models.records import Registration

REGISTRATION = "webinars.registration"
PLACE = "webinars.place"

NOTICE_KINDS = [
    Kind(REGISTRATION, _("My webinar registrations"),
         _("A confirmation when you register for a webinar or join its waiting list, with "
           "a calendar file."), order=80),
    Kind(PLACE, _("A place on a webinar"),
         _("When a place frees up and you move from the waiting list to the webinar."),
         order=90),
]


def statuses(user, webinars):
    """{webinar translation key: status} for the member, in one query."""
    if not user.is_authenticated or not webinars:
        return {}
    rows = Registration.objects.filter(user=user,
                                       webinar_key__in=[w.translation_key for w in webinars])
    return {row.webinar_key: row.status for row in rows}


def current(user, webinar):
    if not user.is_authenticated:
        return None
    return Registration.objects.filter(user=user, webinar_key=webinar.translation_key).first()


def registered_count(webinar):
    return Registration.objects.filter(webinar_key=webinar.translation_key,
                                       status=Registration.Status.REGISTERED).count()


def places_left(webinar):
    if webinar.capacity is None:
        return None
    return max(webinar.capacity - registered_count(webinar), 0)


def waiting_position(registration):
    return Registration.objects.filter(
        webinar_key=registration.webinar_key, status=Registration.Status.WAITING,
        created_at__lte=registration.created_at, pk__lte=registration.pk,
    ).count()


def _lock(webinar):
    # Serialises changes to one webinar's registrations (SQLite already
    # serialises writers; PostgreSQL needs the row lock). Every language
    # version shares the places, so all of them are locked, in one order.
    list(Page.objects.select_for_update().filter(translation_key=webinar.translation_key)
         .order_by("pk").values_list("pk"))


def register(user, webinar):
    """Give ``user`` a place, or a place on the waiting list; returns the registration."""
    with transaction.atomic():
        _lock(webinar)
        existing = Registration.objects.filter(user=user,
                                               webinar_key=webinar.translation_key).first()
        if existing:
            return existing
        full = webinar.capacity is not None and registered_count(webinar) >= webinar.capacity
        registration = Registration.objects.create(
            user=user, webinar_key=webinar.translation_key,
            status=Registration.Status.WAITING if full else Registration.Status.REGISTERED,
        )
        transaction.on_commit(lambda: confirm(registration, webinar))
    return registration


def unregister(user, webinar):
    """Give the place up; the first person waiting gets it. Returns who moved up, if anyone."""
    with transaction.atomic():
        _lock(webinar)
        registration = Registration.objects.filter(
            user=user, webinar_key=webinar.translation_key).first()
        if registration is None:
            return None
        registration.delete()
        if registration.status != Registration.Status.REGISTERED or webinar.is_over:
            return None
        promoted = (Registration.objects.filter(webinar_key=webinar.translation_key,
                                                status=Registration.Status.WAITING)
                    .order_by("created_at", "pk").first())
        if promoted is None:
            return None
        promoted.status = Registration.Status.REGISTERED
        promoted.save(update_fields=["status"])
        transaction.on_commit(lambda: confirm(promoted, webinar, moved_up=True))
    return promoted


def in_language(webinar, language):
    """The live version of ``webinar`` in ``language``, else ``webinar`` itself."""
    try:
        translated = webinar.get_translation_or_none(Locale.objects.get_for_language(language))
    except Locale.DoesNotExist:
        translated = None
    return translated if translated is not None and translated.live else webinar


def confirm(registration, webinar, moved_up=False):
    """Tell the member in their language; a place comes with the calendar file."""
    user = registration.user
    language = user.preferred_language
    with translation.override(language):
        shown = in_language(webinar, language).specific
        path = shown.get_url()
    attachments = []
    if not registration.is_waiting:
        attachments.append((f"{slugify(shown.title)}.ics",
                            calendar.ics_for(shown, settings.BASE_URL + path), "text/calendar"))
    notify(user, PLACE if moved_up else REGISTRATION, template="webinars/email/registration",
           context={"webinar": shown, "moved_up": moved_up, "registration": registration},
           url=path, attachments=attachments)
