"""send_digests: who gets one when, once, with what; failures and a killed run."""

from datetime import timedelta
from io import StringIO
from unittest import mock

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from digests import sending
from digests.models import Digest, DigestState
from forum.models import Follow, ModerationMode
from learning.models import LearningPackagePage
from members.models import TeamMembership
from notices import preferences
from notices.kinds import DIGEST
from notices.models import DigestChoice
from notices.unsubscribe import read as read_link
from tests import races
from tests.digests.conftest import brussels
from tests.members.team_fixtures import make_team
from tests.notices.backends import FailingBackend
from tests.whats_new.helpers import private_to
from whatsnew.news import Item, Section

pytestmark = pytest.mark.django_db


def send(now=None, **options):
    out = StringIO()
    call_command("send_digests", *([f"--now={now.isoformat()}"] if now else []), stdout=out,
                 **options)
    return out.getvalue().strip()


def next_monday(hour, minute=0, weeks=1):
    """A Monday in Brussels at least ``weeks`` weeks from now."""
    today = timezone.localtime().date() + timedelta(weeks=weeks)
    monday = today - timedelta(days=today.weekday())
    return brussels(monday.year, monday.month, monday.day, hour, minute)


def test_after_the_demo_a_run_sends_digests_and_a_second_one_none(demo):
    mail.outbox = []
    first = send()
    sent = int(first.split()[0])
    assert sent >= 1 and len(mail.outbox) == sent
    assert first.endswith("0 failed")
    assert send() == "0 digests sent, 0 members with nothing new, 0 failed"
    assert len(mail.outbox) == sent


def test_the_digest_holds_what_is_new_in_the_members_language(reader, ask, make_member,
                                                               had_digest, inbox, settings):
    english = make_member(language="en", first_name="Eve")
    preferences.set_digest_frequency(english, "daily")
    for person in (reader, english):
        had_digest(person)
    Follow.objects.create(user=english, topic_key=Follow.objects.get(user=reader).topic_key)
    question = ask(make_member(), title="Wie koopt circulaire servers?")
    now = timezone.now() + timedelta(days=8)
    send(now)
    [dutch] = inbox(reader)
    assert dutch.subject == "Je wekelijkse overzicht van Leerkring"
    assert "Wie koopt circulaire servers?" in dutch.body
    assert f"{settings.BASE_URL}/nl/forum/question/{question.pk}/" in dutch.body
    assert "Nieuwe vraag · In ICT" in dutch.body
    html = dutch.alternatives[0][0]
    assert f"/nl/forum/question/{question.pk}/\"" in html
    assert "/nl/meldingen/instellingen/" in html  # change how often
    [eng] = inbox(english)
    assert eng.subject == "Your daily digest from Leerkring"
    assert "This is what is new for you since" in eng.body
    assert "/en/new-for-you/?period=week" in eng.body
    assert read_link(eng.extra_headers["List-Unsubscribe"].strip("<>").rstrip("/")
                     .rsplit("/", 1)[1]) == (english, DIGEST)
    assert eng.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"


def test_more_than_fits_links_to_the_new_for_you_page(reader, ask, make_member, had_digest,
                                                      inbox):
    had_digest(reader)
    for n in range(7):
        ask(make_member(), title=f"Vraag nummer {n}?")
    send(timezone.now() + timedelta(days=8))
    [message] = inbox(reader)
    assert "En nog 2: http://" in message.body and "/nl/nieuw-voor-jou/?period=week" in message.body


def test_weekly_on_monday_from_seven_daily_every_day_from_seven(make_member, had_digest):
    weekly, daily = make_member(), make_member()
    preferences.set_digest_frequency(daily, "daily")
    monday = next_monday(7)
    had_digest(weekly, until=monday - timedelta(days=7, minutes=-3))
    saturday = had_digest(daily, until=monday - timedelta(days=2, minutes=-3), frequency="daily")

    def made():
        return (Digest.objects.filter(user=weekly).count(),
                Digest.objects.filter(user=daily).count())
    send(monday - timedelta(days=2, hours=-13))  # Saturday evening: both had theirs
    assert made() == (1, 1)
    send(monday - timedelta(minutes=1))  # Monday 06:59: not yet
    assert made() == (1, 1)
    send(monday)
    assert made() == (2, 2)
    # The daily digest covers the Sunday no run made one for.
    assert Digest.objects.filter(user=daily).latest("until").since == saturday.until
    send(monday + timedelta(hours=5))
    assert made() == (2, 2)
    send(monday + timedelta(days=1))
    assert made() == (2, 3)
    send(monday + timedelta(days=7))
    assert made() == (3, 4)


def test_every_window_goes_on_from_the_last_digest(reader, had_digest, ask, make_member):
    last = had_digest(reader)
    ask(make_member())
    now = timezone.now() + timedelta(days=8)
    send(now)
    digest = Digest.objects.filter(user=reader).latest("until")
    assert (digest.since, digest.until) == (last.until, now)
    assert digest.state == DigestState.SENT and digest.sections == []


def test_never_inactive_and_addressless_members_get_nothing(reader, ask, make_member, inbox):
    preferences.set_digest_frequency(reader, "never")
    gone = make_member(is_active=False)
    ask(make_member())
    send()
    assert inbox(reader) == [] and inbox(gone) == []
    assert not Digest.objects.filter(user__in=[reader, gone]).exists()


def test_nothing_new_is_recorded_and_sends_nothing(make_member, had_digest, inbox):
    quiet = make_member()
    now = next_monday(7, weeks=100)  # far from any news of the demo's (webinars to come)
    had_digest(quiet, until=now - timedelta(days=3))
    assert "members with nothing new" in send(now)
    assert inbox(quiet) == []
    assert Digest.objects.filter(user=quiet).latest("until").state == DigestState.NOTHING
    assert send(now).startswith("0 digests sent, 0 members")


def test_an_unsubscribe_between_claim_and_send_is_honoured(reader, ask, make_member, inbox,
                                                            monkeypatch):
    ask(make_member())
    real = sending.deliver

    def unsubscribe_first(digest_id, now=None):
        if Digest.objects.get(pk=digest_id).user_id == reader.pk:
            preferences.set_digest_frequency(reader, "never")
        return real(digest_id, now)
    monkeypatch.setattr(sending, "deliver", unsubscribe_first)
    send()
    assert inbox(reader) == []
    assert Digest.objects.get(user=reader).state == DigestState.SKIPPED


def test_twice_in_a_row_sends_once(reader, ask, make_member, inbox):
    ask(make_member())
    send()
    send()
    assert len(inbox(reader)) == 1
    assert Digest.objects.filter(user=reader).count() == 1


def test_a_failing_member_does_not_stop_the_others(reader, ask, make_member, had_digest,
                                                   inbox, monkeypatch):
    other = make_member()
    Follow.objects.create(user=other, topic_key=Follow.objects.get(user=reader).topic_key)
    ask(make_member())
    real = sending.whats_new

    def broken_for_reader(user, *args, **kwargs):
        if user.pk == reader.pk:
            raise RuntimeError("a provider broke")
        return real(user, *args, **kwargs)
    monkeypatch.setattr(sending, "whats_new", broken_for_reader)
    out = send()
    assert out.endswith(" 1 failed")
    assert inbox(reader) == [] and len(inbox(other)) == 1
    assert not Digest.objects.filter(user=reader).exists()  # tried again next run
    monkeypatch.setattr(sending, "whats_new", real)
    send()
    assert len(inbox(reader)) == 1


def test_a_refused_address_is_tried_again_later_and_others_go_on(
        reader, ask, make_member, settings, inbox):
    other = make_member()
    Follow.objects.create(user=other, topic_key=Follow.objects.get(user=reader).topic_key)
    ask(make_member())
    settings.EMAIL_BACKEND = "tests.notices.backends.FailingBackend"
    FailingBackend.failures, FailingBackend.tried = 1, 0  # the first send of the run fails
    out = send()
    assert out.endswith(" 1 failed")
    failed = Digest.objects.get(state=DigestState.PENDING)
    assert failed.attempts == 1 and failed.due_at > timezone.now()
    assert inbox(failed.user) == [] and int(out.split()[0]) == len(mail.outbox) >= 2
    before = len(mail.outbox)
    send()  # not due again yet
    assert len(mail.outbox) == before
    send(failed.due_at + timedelta(seconds=1))
    assert len(mail.outbox) == before + 1 and len(inbox(failed.user)) == 1
    assert len(inbox(reader)) == 1 and len(inbox(other)) == 1


def test_a_run_killed_mid_batch_loses_nothing_and_sends_nothing_twice(
        make_member, ask, topics, inbox, monkeypatch):
    members = [make_member() for _ in range(5)]
    Follow.objects.bulk_create([Follow(user=m, topic_key=topics["ict"].translation_key)
                                for m in members])
    ask(make_member())
    mine = {m.pk for m in members}
    real = sending.deliver
    delivered = []

    def killed_on_the_third(digest_id, now=None):
        if Digest.objects.get(pk=digest_id).user_id in mine:
            delivered.append(digest_id)
            if len(delivered) == 3:
                raise SystemExit("killed")  # not an Exception: the run stops here
        return real(digest_id, now)
    monkeypatch.setattr(sending, "deliver", killed_on_the_third)
    with pytest.raises(SystemExit):
        sending.run(size=2)
    assert sum(len(inbox(m)) for m in members) == 2
    assert Digest.objects.filter(user__in=members, state=DigestState.PENDING).count() == 1
    # A worker that died mid-send long ago leaves its digest SENDING: put back after the lease.
    Digest.objects.filter(user__in=members, state=DigestState.SENT).update(
        state=DigestState.SENDING, due_at=timezone.now() - timedelta(hours=1))
    monkeypatch.setattr(sending, "deliver", real)
    sending.run(size=2)
    assert [len(inbox(m)) for m in members] == [2, 2, 1, 1, 1]  # the two resent: the lease case
    assert send() == "0 digests sent, 0 members with nothing new, 0 failed"


def test_a_dry_run_counts_and_records_nothing(reader, ask, make_member, inbox):
    ask(make_member())
    assert send(dry_run=True).split()[0] != "0"
    assert inbox(reader) == [] and not Digest.objects.filter(user=reader).exists()


def test_what_the_member_may_not_see_stays_out(reader, ask, answer, make_member, topics,
                                              moderation, make_project, make_package,
                                              inbox):
    outsider_team = make_team()
    teammate = make_member()
    TeamMembership.objects.create(team=outsider_team, user=teammate)
    ask(make_member(), title="Openbare vraag?")
    ask(teammate, title="Geheime teamvraag?", team=outsider_team)
    moderation("ict", ModerationMode.EVERY_POST)
    waiting = ask(make_member(), title="Wachtende vraag?")
    assert waiting.status != "published"
    make_project(make_member(), listed=False, title="Niet gedeeld project")
    make_project(make_member(), title="Gedeeld project")
    board = Group.objects.create(name="Bestuur")
    package_nl, _en, _lessons = make_package(901)
    private_to(package_nl, board)
    package_nl, _en, _lessons = make_package(902)
    send()
    [message] = inbox(reader)
    for shown in ("Openbare vraag?", "Gedeeld project", "Pakket 902"):
        assert shown in message.body
    for hidden in ("Geheime teamvraag?", "Wachtende vraag?", "Niet gedeeld project",
                   "Pakket 901"):
        assert hidden not in message.body
        assert hidden not in message.alternatives[0][0]
    assert LearningPackagePage.objects.filter(title="Pakket 901").exists()


def test_queries_per_member_do_not_grow_with_members_or_news(make_member, topics, ask,
                                                             had_digest):
    author = make_member(date_joined=timezone.now() - timedelta(days=30))
    User = type(author)
    DigestChoice.objects.bulk_create(  # the demo's members are out of this
        [DigestChoice(user=user, frequency="never") for user in User.objects.all()],
        update_conflicts=True, unique_fields=["user"], update_fields=["frequency"])

    def queries_for(count, questions):
        people = [make_member() for _ in range(count)]
        Follow.objects.bulk_create([Follow(user=p, topic_key=topics["ict"].translation_key)
                                    for p in people])
        for person in people:
            had_digest(person)
        for n in range(questions):
            ask(author, title=f"Vraag {count}-{n}?")
        with CaptureQueriesContext(connection) as queries:
            outcome = sending.run(timezone.now() + timedelta(days=8))
        assert outcome.sent == count
        for person in people:
            preferences.set_digest_frequency(person, "never")
        return len(queries)

    queries_for(1, 1)  # what is read once per process (the page tree, topics) is read now
    one, two, four = queries_for(1, 1), queries_for(2, 4), queries_for(4, 9)
    per_member = two - one
    assert 0 < per_member < 40
    assert four - two == 2 * per_member


@pytest.mark.concurrency
@pytest.mark.django_db(transaction=True)
def test_runs_at_once_send_each_digest_once(make_member):
    races.page_root()
    members = [make_member() for _ in range(4)]
    mail.outbox = []
    now = timezone.now()
    # Something new for everyone: a digest with nothing would be recorded, not sent.
    section = Section("tests", "Tests", (Item("Nieuw", "/nl/", now, "Nieuw"),))
    with mock.patch.object(sending, "whats_new", return_value=[section]):
        results = races.race(lambda n: sending.run(now), 4)
    assert all(outcome == "done" for outcome, _value in results), results
    assert sorted(len([m for m in mail.outbox if m.to == [p.email]]) for p in members) == [1] * 4
    assert sum(value.sent for _outcome, value in results) == len(mail.outbox)
    assert Digest.objects.filter(user__in=members).count() == 4
