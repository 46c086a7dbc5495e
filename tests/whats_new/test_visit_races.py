"""A member's visit noted by many requests at once (whatsnew/visits.py).

SQLite lets one writer in at a time, which hides the race; ``make test`` runs
it on PostgreSQL too. A transactional test starts from whatever the one before
left, so it makes what it needs.
"""

from datetime import timedelta

import pytest
from django.utils import timezone

from tests import races
from whatsnew import visits
from whatsnew.models import MemberVisit

pytestmark = [pytest.mark.concurrency, pytest.mark.django_db(transaction=True)]
ATTEMPTS = 20


def test_a_first_visit_from_many_requests_is_made_once(make_member):
    member = make_member()
    now = timezone.now()
    results = races.race(lambda n: visits.record(member, now), ATTEMPTS)
    assert {outcome for outcome, _value in results} == {"done"}
    assert {value for _outcome, value in results} == {now - visits.FIRST_VISIT}
    assert MemberVisit.objects.filter(user=member).count() == 1


def test_a_visit_after_a_pause_starts_once(make_member):
    """Twenty requests arrive together after a pause: each is told the news starts
    where the last visit ended, and none of them turns it into "now"."""
    member = make_member()
    ended = timezone.now() - timedelta(hours=5)
    MemberVisit.objects.create(user=member, last_seen_at=ended,
                               new_since=ended - timedelta(days=3))
    now = timezone.now()
    results = races.race(lambda n: visits.record(member, now + timedelta(microseconds=n)),
                         ATTEMPTS)
    assert {outcome for outcome, _value in results} == {"done"}
    assert {value for _outcome, value in results} == {ended}
    visit = MemberVisit.objects.get(user=member)
    assert visit.new_since == ended
    assert now <= visit.last_seen_at < now + timedelta(seconds=1)
