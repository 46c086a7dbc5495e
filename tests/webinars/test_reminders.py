"""Reminders of webinars (reminders/, webinars/reminders.py): only to members with a
place, the day before and an hour before, once each, whatever runs at once or stops."""

import re
from datetime import timedelta
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone
from wagtail.models import Locale, PageViewRestriction

from notices.models import EmailState, Notification
from reminders import sending
from reminders.models import Occasion, Reminder
from tests import races
from tests.notices.backends import FailingBackend
from webinars import registrations
from webinars.models import Registration, WebinarPage

BRUSSELS = ZoneInfo("Europe/Brussels")


@pytest.fixture(autouse=True)
def demo_reminded(request, db):
    """The demo's participant has a place in a webinar starting within a day: reminded
    already, so that each test counts only its own members."""
    if "demo" not in request.fixturenames:
        sending.send_due()


@pytest.fixture
def run(sent):
    """run(now=None) -> the outcome of one send_reminders run, emails sent."""
    def send(now=None):
        with sent():
            return sending.send_due(now)
    return send


def _reminded(member):
    return Notification.objects.filter(recipient=member, kind=sending.KIND)


def test_only_members_with_a_place_are_reminded(run, make_member, make_webinar):
    nl, _ = make_webinar(starts_in=timedelta(hours=5), capacity=2)
    placed, gone, waiting, stranger = (make_member() for _ in range(4))
    for member in (placed, gone, waiting):
        registrations.register(member, nl)
    assert Registration.objects.get(user=waiting).is_waiting
    gone.is_active = False
    gone.save()

    outcome = run()

    assert outcome.sent == 1
    assert [m.to for m in mail.outbox] == [[placed.email]]
    for member in (gone, waiting, stranger):
        assert not _reminded(member).exists()


def test_a_cancelled_place_gets_no_reminder(run, make_member, make_webinar):
    nl, _ = make_webinar(starts_in=timedelta(hours=5))
    member = make_member()
    registrations.register(member, nl)
    registrations.unregister(member, nl)
    assert run().sent == 0
    assert mail.outbox == []


def test_a_member_who_may_no_longer_see_the_webinar_gets_nothing(run, board, board_members,
                                                                  make_webinar):
    nl, en = make_webinar(starts_in=timedelta(hours=5))
    outsider, insider = board_members
    registrations.register(outsider, nl)
    registrations.register(insider, en)
    restriction = PageViewRestriction.objects.create(
        page=nl, restriction_type=PageViewRestriction.GROUPS)
    restriction.groups.set([board])

    run()

    assert [m.to for m in mail.outbox] == [[insider.email]]


def test_the_email_has_the_time_the_join_link_the_page_and_the_calendar_file(
        run, participant, make_webinar, settings):
    nl, _ = make_webinar(starts_in=timedelta(hours=5))
    registrations.register(participant, nl)

    run()

    message = mail.outbox[0]
    nl.refresh_from_db()
    start = nl.starts_at.astimezone(BRUSSELS).strftime("%H:%M")
    assert message.subject.startswith("Herinnering: " + nl.title)
    assert start in message.subject and start in message.body
    assert "https://meet.example.org/room-42" in message.body
    assert settings.BASE_URL + nl.url in message.body
    assert message.extra_headers["List-Unsubscribe"]
    filename, content, mimetype = message.attachments[0]
    assert filename.endswith(".ics") and mimetype == "text/calendar"
    assert "BEGIN:VEVENT" in content and "SUMMARY:" + nl.title in content


def test_reminded_once_in_the_members_language(run, make_member, make_webinar):
    nl, en = make_webinar(starts_in=timedelta(hours=5))
    english = make_member(language="en")
    registrations.register(english, nl)  # registered on the Dutch page

    run()

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.subject.startswith("Reminder: " + en.title)
    assert "you have a place in the webinar" in message.body
    assert en.url in message.body and "/nl/" not in message.body
    assert _reminded(english).get().url == en.url


def test_the_day_before_then_the_hour_before_each_once(run, participant, make_webinar):
    nl, _ = make_webinar(starts_in=timedelta(hours=5))
    registrations.register(participant, nl)
    nl.refresh_from_db()

    assert run().sent == 1
    assert run().sent == 0
    assert run(nl.starts_at - timedelta(minutes=50)).sent == 1
    assert run(nl.starts_at - timedelta(minutes=10)).sent == 0
    assert run(nl.starts_at + timedelta(minutes=1)).sent == 0

    assert list(Reminder.objects.filter(user=participant).order_by("pk")
                .values_list("occasion", flat=True)) == [Occasion.DAY, Occasion.HOUR]
    assert mail.outbox[1].subject.startswith("Begint zo meteen: ")
    assert "begint binnen het uur" in mail.outbox[1].body


def test_a_late_run_sends_only_the_hour_before(run, participant, make_webinar):
    nl, _ = make_webinar(starts_in=timedelta(minutes=30))
    registrations.register(participant, nl)

    assert run().sent == 1

    assert Reminder.objects.get(user=participant).occasion == Occasion.HOUR
    assert len(mail.outbox) == 1


@pytest.mark.parametrize("starts_in", [timedelta(hours=25), timedelta(minutes=-5)])
def test_nothing_before_the_day_nor_after_the_start(run, participant, make_webinar, starts_in):
    nl, _ = make_webinar(starts_in=starts_in)
    Registration.objects.create(user=participant, webinar_key=nl.translation_key,
                                status=Registration.Status.REGISTERED)
    assert run().sent == 0


def test_the_command_reports_and_a_second_run_sends_nothing(participant, make_webinar, sent):
    nl, _ = make_webinar(starts_in=timedelta(hours=5))
    registrations.register(participant, nl)

    reports = []
    for _ in range(2):
        out = StringIO()
        with sent():
            call_command("send_reminders", stdout=out)
        reports.append(out.getvalue().strip())

    assert reports == ["1 reminders sent.", "0 reminders sent."]
    assert len(mail.outbox) == 1


def test_a_failing_email_does_not_stop_the_others(run, settings, make_member, make_webinar):
    nl, _ = make_webinar(starts_in=timedelta(hours=5))
    first, second = make_member(), make_member()
    for member in (first, second):
        registrations.register(member, nl)
    settings.EMAIL_BACKEND = "tests.notices.backends.FailingBackend"
    FailingBackend.failures, FailingBackend.tried = 1, 0

    assert run().sent == 2

    assert [m.to for m in mail.outbox] == [[second.email]]
    # The first one's email waits for its retry (notices/tasks.py), not sent again by us.
    assert _reminded(first).get().email_state == EmailState.PENDING
    assert run().sent == 0


def test_a_failing_member_is_logged_and_tried_again_next_run(run, monkeypatch, make_member,
                                                             make_webinar, caplog):
    nl, _ = make_webinar(starts_in=timedelta(hours=5))
    members = [make_member() for _ in range(3)]
    for member in members:
        registrations.register(member, nl)
    real_notify = sending.notify

    def notify(recipient, *args, **kwargs):
        if recipient == members[1]:
            raise RuntimeError("a broken template")
        return real_notify(recipient, *args, **kwargs)

    monkeypatch.setattr(sending, "notify", notify)
    outcome = run()
    assert (outcome.sent, outcome.failed) == (2, 1)
    assert "failed" in caplog.text
    assert not Reminder.objects.filter(user=members[1]).exists()

    monkeypatch.setattr(sending, "notify", real_notify)
    assert run().sent == 1
    assert sorted(m.to[0] for m in mail.outbox) == sorted(m.email for m in members)


def test_a_run_killed_mid_batch_resends_nothing_and_loses_nothing(run, monkeypatch, make_member,
                                                                   make_webinar):
    nl, _ = make_webinar(starts_in=timedelta(hours=5))
    members = [make_member() for _ in range(4)]
    for member in members:
        registrations.register(member, nl)
    real_notify, calls = sending.notify, []

    def notify(recipient, *args, **kwargs):
        calls.append(recipient)
        notification = real_notify(recipient, *args, **kwargs)
        if len(calls) == 3:
            raise KeyboardInterrupt  # the worker is stopped inside the third member's turn
        return notification

    monkeypatch.setattr(sending, "notify", notify)
    with pytest.raises(KeyboardInterrupt):
        run()
    assert Reminder.objects.filter(user__in=members).count() == 2
    assert Notification.objects.filter(kind=sending.KIND, recipient__in=members).count() == 2

    monkeypatch.setattr(sending, "notify", real_notify)
    assert run().sent == 2
    for member in members:
        assert _reminded(member).count() == 1
    assert sorted(m.to[0] for m in mail.outbox) == sorted(m.email for m in members)


def test_after_the_demo_load_there_is_a_reminder_to_send_once(demo, sent):
    reports = []
    for _ in range(2):
        out = StringIO()
        with sent():
            call_command("send_reminders", stdout=out)
        reports.append(int(re.match(r"(\d+) reminders sent", out.getvalue()).group(1)))
    assert reports[0] >= 1 and reports[1] == 0
    assert "participant@example.org" in [m.to[0] for m in mail.outbox]


@pytest.mark.concurrency
@pytest.mark.django_db(transaction=True)
def test_runs_at_once_remind_each_member_once(make_member):
    root = races.page_root()
    starts_at = timezone.now() + timedelta(hours=5)
    webinar = root.add_child(instance=WebinarPage(
        title="Race", slug="race-reminders", locale=Locale.objects.get(language_code="nl"),
        starts_at=starts_at, ends_at=starts_at + timedelta(hours=1), summary="Race"))
    members = [make_member() for _ in range(8)]
    for member in members:
        Registration.objects.create(user=member, webinar_key=webinar.translation_key,
                                    status=Registration.Status.REGISTERED)
    mail.outbox = []

    results = races.race(lambda n: sending.send_due().sent, 5)

    assert [value for outcome, value in results if outcome == "error"] == []
    assert sum(value for _, value in results) == len(members)
    assert Reminder.objects.filter(user__in=members).count() == len(members)
    for member in members:
        assert Notification.objects.filter(recipient=member, kind=sending.KIND).count() == 1
    assert sorted(m.to[0] for m in mail.outbox) == sorted(m.email for m in members)
