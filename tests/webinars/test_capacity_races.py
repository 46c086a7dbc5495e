"""Capacity and the waiting list hold when 50 members register at once.

Half of them register through the Dutch page and half through the English
one: both count against the same places (one translation key).
"""

from datetime import timedelta

import pytest
from django.utils import timezone
from wagtail.models import Locale

from tests import races
from webinars import registrations
from webinars.models import Registration, WebinarPage

pytestmark = [pytest.mark.concurrency, pytest.mark.django_db(transaction=True)]
MEMBERS, PLACES = 50, 10


def _webinar_in_two_languages(capacity):
    """A Dutch webinar and its English version (one translation key), made from nothing."""
    root = races.page_root()
    nl, en = Locale.objects.get(language_code="nl"), Locale.objects.get(language_code="en")
    starts_at = timezone.now() + timedelta(days=7)
    shared = {"starts_at": starts_at, "ends_at": starts_at + timedelta(hours=1),
              "capacity": capacity, "summary": "Race"}
    dutch = root.add_child(instance=WebinarPage(title="Race", slug="race-nl", locale=nl,
                                                **shared))
    english = root.add_child(instance=WebinarPage(
        title="Race", slug="race-en", locale=en, translation_key=dutch.translation_key,
        **shared))
    return dutch, english


def test_places_taken_and_given_up_at_once_are_counted_exactly(make_member):
    """50 register at once: exactly 10 places, 40 waiting. Then 10 cancel at once:
    the first 10 waiting move up, nobody twice."""
    nl, en = _webinar_in_two_languages(PLACES)
    members = [make_member() for _ in range(MEMBERS)]

    results = races.race(
        lambda n: registrations.register(members[n], nl if n % 2 else en), MEMBERS)

    assert [value for outcome, value in results if outcome == "error"] == []
    rows = Registration.objects.filter(webinar_key=nl.translation_key)
    assert rows.filter(status=Registration.Status.REGISTERED).count() == PLACES
    assert rows.filter(status=Registration.Status.WAITING).count() == MEMBERS - PLACES
    assert rows.values("user").distinct().count() == MEMBERS

    holders = [r.user for r in rows.filter(status=Registration.Status.REGISTERED)]
    first_waiting = [r.user_id for r in rows.filter(status=Registration.Status.WAITING)
                     .order_by("created_at", "pk")[:PLACES]]
    results = races.race(
        lambda n: registrations.unregister(holders[n], en if n % 2 else nl), PLACES)

    assert [value for outcome, value in results if outcome == "error"] == []
    promoted = [value.user_id for outcome, value in results if value is not None]
    assert sorted(promoted) == sorted(first_waiting)
    assert rows.filter(status=Registration.Status.REGISTERED).count() == PLACES
    assert rows.filter(status=Registration.Status.WAITING).count() == MEMBERS - 2 * PLACES
