"""When a member's current visit began, and where "new since your last visit" starts.

A visit is a run of requests to the site (pages under /nl/ or /en/, not the
admin, files or health checks) without a pause longer than ``VISIT_GAP``.
When a visit begins, the end of the one before (its last recorded request)
becomes ``new_since``, and stays so for the whole visit: the home page shows
the same news on every return to it, not only what arrived in the last few
minutes. A member's first visit looks back ``FIRST_VISIT`` days.

Cheap on purpose: the session keeps a copy (when it was last checked and
``new_since``); only when that copy is older than ``RECORD_EVERY`` does a
request read the member's row and, if the visit moved on, write it (one
conditional UPDATE). Other requests read and write nothing: at most two
queries per member per ``RECORD_EVERY``. So the end of a visit is known to
within ``RECORD_EVERY``: what arrived in those last minutes is shown once more
rather than missed. Several devices share the row: a visit on one counts for
all.
"""

from datetime import datetime, timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import get_language_from_path

from accounts.personal_data import Section, iso

from .models import MemberVisit

VISIT_GAP = timedelta(minutes=30)
RECORD_EVERY = timedelta(minutes=5)
FIRST_VISIT = timedelta(days=14)
SESSION_KEY = "leerkring_visit"


def record(user, now=None):
    """Note that ``user`` is on the site ``now``; returns their ``new_since``.

    Writes only when the last recorded request is older than RECORD_EVERY. Of
    requests arriving together after a pause, one moves the visit on (the
    UPDATE is conditional on the row it read); the others read what it wrote,
    so a visit never starts twice and ``new_since`` never becomes "now".
    """
    now = now or timezone.now()
    row = MemberVisit.objects.filter(user=user).values_list("last_seen_at", "new_since").first()
    if row is None:
        since = now - FIRST_VISIT
        try:
            with transaction.atomic():
                MemberVisit.objects.create(user=user, last_seen_at=now, new_since=since)
            return since
        except IntegrityError:  # made by a request at the same moment
            row = MemberVisit.objects.filter(user=user).values_list(
                "last_seen_at", "new_since").get()
    last_seen, since = row
    if now - last_seen < RECORD_EVERY:
        return since
    if now - last_seen > VISIT_GAP:
        since = last_seen  # a new visit: news since the end of the last one
    if MemberVisit.objects.filter(user=user, last_seen_at=last_seen).update(
            last_seen_at=now, new_since=since):
        return since
    return MemberVisit.objects.filter(user=user).values_list("new_since", flat=True).get()


def on_site(request):
    """Whether a request is a visit to the site: a page in one of its languages."""
    return get_language_from_path(request.path_info) is not None


def new_since(request):
    """Where the news of the member's current visit starts (the session's copy,
    refreshed from the database at most every RECORD_EVERY)."""
    user = request.user
    now = timezone.now()
    copy = request.session.get(SESSION_KEY)
    if copy and copy.get("user") == user.pk:
        checked = datetime.fromisoformat(copy["checked"])
        if timedelta(0) <= now - checked < RECORD_EVERY:
            return datetime.fromisoformat(copy["since"])
    since = record(user, now)
    request.session[SESSION_KEY] = {"user": user.pk, "checked": now.isoformat(),
                                    "since": since.isoformat()}
    return since


class VisitMiddleware:
    """Notes members' visits to the site before the view runs, so that the first
    page of a new visit already shows the news since the last one."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and user.is_active and on_site(request):
            new_since(request)
        return self.get_response(request)


def _collect(user):
    visit = MemberVisit.objects.filter(user=user).first()
    return {"visits": {
        "last_seen_at": iso(visit.last_seen_at) if visit else None,
        "new_since": iso(visit.new_since) if visit else None,
    }}


# The row goes with the account (its foreign key cascades).
SECTION = Section(covers=("whatsnew.MemberVisit.user",), collect=_collect, order=90)
