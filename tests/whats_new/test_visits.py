"""A member's visits (whatsnew/visits.py): where "new since your last visit" starts,
stable during a visit, and recorded without a write (or a read) on every request."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from accounts.personal_data import collect
from accounts.roles import EDITORS, PARTICIPANTS
from whatsnew import visits
from whatsnew.models import MemberVisit

pytestmark = pytest.mark.django_db


def visit_queries(captured):
    return [q["sql"] for q in captured.captured_queries if "whatsnew_membervisit" in q["sql"]]


def test_a_first_visit_looks_back_two_weeks(make_member):
    member = make_member()
    now = timezone.now()
    assert visits.record(member, now) == now - visits.FIRST_VISIT
    visit = MemberVisit.objects.get(user=member)
    assert (visit.last_seen_at, visit.new_since) == (now, now - visits.FIRST_VISIT)


def test_news_since_stays_put_during_a_visit_and_moves_after_a_pause(make_member):
    member = make_member()
    t0 = timezone.now()
    first = visits.record(member, t0)
    # Using the site: the end of the visit moves, the start of its news does not.
    for minutes in (1, 6, 12, 40, 65):
        assert visits.record(member, t0 + timedelta(minutes=minutes)) == first
    assert MemberVisit.objects.get(user=member).last_seen_at == t0 + timedelta(minutes=65)
    # After a pause longer than VISIT_GAP, the news starts where the last visit ended.
    back = t0 + timedelta(minutes=65) + visits.VISIT_GAP + timedelta(minutes=1)
    assert visits.record(member, back) == t0 + timedelta(minutes=65)
    assert visits.record(member, back + timedelta(minutes=10)) == t0 + timedelta(minutes=65)


def test_at_most_one_write_per_record_every(make_member):
    member = make_member()
    t0 = timezone.now()
    visits.record(member, t0)
    with CaptureQueriesContext(connection) as captured:
        visits.record(member, t0 + visits.RECORD_EVERY - timedelta(seconds=1))
    assert [sql for sql in visit_queries(captured) if sql.startswith("UPDATE")] == []
    assert MemberVisit.objects.get(user=member).last_seen_at == t0


def test_requests_read_the_sessions_copy_in_between(client, make_member):
    member = make_member()
    client.force_login(member)
    with CaptureQueriesContext(connection) as captured:
        assert client.get("/nl/").status_code == 200
    assert len(visit_queries(captured)) == 2  # read, then made
    for path in ("/nl/", "/en/", "/nl/forum/"):
        with CaptureQueriesContext(connection) as captured:
            client.get(path)
        assert visit_queries(captured) == [], path
    # Once the copy is older than RECORD_EVERY, the row is read again, and moved
    # when it is that old too (not when another device moved it meanwhile).
    earlier = timezone.now() - visits.RECORD_EVERY
    session = client.session
    session[visits.SESSION_KEY] = {**session[visits.SESSION_KEY],
                                   "checked": earlier.isoformat()}
    session.save()
    with CaptureQueriesContext(connection) as captured:
        client.get("/nl/")
    assert len(visit_queries(captured)) == 1  # read only
    MemberVisit.objects.filter(user=member).update(last_seen_at=earlier)
    session = client.session
    session[visits.SESSION_KEY] = {**session[visits.SESSION_KEY],
                                   "checked": earlier.isoformat()}
    session.save()
    with CaptureQueriesContext(connection) as captured:
        client.get("/nl/")
    assert len(visit_queries(captured)) == 2  # read, then moved
    assert MemberVisit.objects.get(user=member).last_seen_at > earlier


def test_two_devices_share_one_visit(client, make_member):
    member = make_member()
    client.force_login(member)
    client.get("/nl/")
    since = MemberVisit.objects.get(user=member).new_since
    phone = Client()
    phone.force_login(member)
    phone.get("/en/")
    assert MemberVisit.objects.filter(user=member).count() == 1
    assert phone.session[visits.SESSION_KEY]["since"] == since.isoformat()


def test_only_members_visits_to_the_site_count(client, make_member):
    client.get("/nl/")  # the login page's redirect
    assert not MemberVisit.objects.exists()
    editor = make_member(PARTICIPANTS, EDITORS)
    client.force_login(editor)
    assert client.get("/admin/").status_code == 200
    client.get("/health/")
    assert not MemberVisit.objects.filter(user=editor).exists()
    client.get("/en/")
    assert MemberVisit.objects.filter(user=editor).exists()


def test_the_visit_is_in_the_members_data(make_member):
    member = make_member()
    now = timezone.now()
    visits.record(member, now)
    assert collect(member)["visits"] == {
        "last_seen_at": now.isoformat(), "new_since": (now - visits.FIRST_VISIT).isoformat()}
