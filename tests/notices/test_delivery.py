"""Sending in the background: once, retried while the mail server is down, nothing lost
when a worker stops (notices/tasks.py), with the database backend and its worker."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from leerkring.settings.base import task_backends
from notices import preferences, tasks
from notices.models import EmailState, Notification
from notices.sending import notify
from tests import races
from tests.notices.conftest import PING
from tests.worker import run_waiting_tasks

pytestmark = pytest.mark.django_db

EMAIL_TASK = "notices.tasks.send_notification_email"


@pytest.fixture
def database_tasks(settings):
    settings.TASKS = task_backends("database")


def _ping(member):
    return notify(member, PING, template="tests_notices/ping", context={"thing": "het bestek"})


def _email_tasks():
    return DBTaskResult.objects.filter(task_path=EMAIL_TASK)


def _make_due(notification):
    """Let the clock run on: the wait before the next attempt is over."""
    past = timezone.now() - timedelta(seconds=1)
    Notification.objects.filter(pk=notification.pk, email_state=EmailState.PENDING).update(
        email_due_at=past)
    _email_tasks().filter(status="READY").update(run_after=past)


def test_the_email_waits_for_the_worker_and_goes_once(make_member, database_tasks, sent):
    member = make_member()
    with sent():
        told = _ping(member)
    assert mail.outbox == [] and _email_tasks().count() == 1  # queued, not sent
    run_waiting_tasks()
    assert [m.to for m in mail.outbox] == [[member.email]]
    # The same task once more (a re-run after a restart), the task anew, and the sweep.
    tasks.send_notification_email.enqueue(told.pk)
    tasks.send_notification_email.enqueue(told.pk)
    run_waiting_tasks()
    assert tasks.deliver(told.pk) == "not due"
    call_command("send_pending_emails", grace_minutes=0, verbosity=0)
    run_waiting_tasks()
    assert len(mail.outbox) == 1
    told.refresh_from_db()
    assert told.email_state == EmailState.SENT and told.email_attempts == 1


def test_a_failing_mail_server_is_tried_again_later_until_it_works(
        make_member, database_tasks, mail_server_down, sent):
    member = make_member()
    mail_server_down(2)
    with sent():
        told = _ping(member)
    run_waiting_tasks()  # the first attempt fails
    told.refresh_from_db()
    assert told.email_state == EmailState.PENDING and told.email_attempts == 1
    assert told.email_due_at > timezone.now() + timedelta(seconds=50)  # a minute later
    waiting = _email_tasks().filter(status="READY").get()
    assert waiting.run_after == told.email_due_at  # the task queued itself for then
    run_waiting_tasks()  # not yet due: nothing happens
    assert mail.outbox == [] and _email_tasks().filter(status="READY").count() == 1

    _make_due(told)
    run_waiting_tasks()  # the second fails too; then five minutes
    told.refresh_from_db()
    assert told.email_attempts == 2
    assert told.email_due_at > timezone.now() + timedelta(minutes=4)

    _make_due(told)
    run_waiting_tasks()
    told.refresh_from_db()
    assert told.email_state == EmailState.SENT and told.email_attempts == 3
    assert [m.to for m in mail.outbox] == [[member.email]]
    # Nothing left to send twice.
    call_command("send_pending_emails", grace_minutes=0, verbosity=0)
    run_waiting_tasks()
    assert len(mail.outbox) == 1


def test_after_the_last_attempt_the_email_is_given_up(make_member, database_tasks,
                                                       mail_server_down, sent):
    mail_server_down(tasks.MAX_ATTEMPTS)
    with sent():
        told = _ping(make_member())
    for _attempt in range(tasks.MAX_ATTEMPTS):
        _make_due(told)
        run_waiting_tasks()
    told.refresh_from_db()
    assert told.email_state == EmailState.FAILED
    assert told.email_attempts == tasks.MAX_ATTEMPTS and told.email_due_at is None
    assert mail.outbox == [] and not _email_tasks().filter(status="READY").exists()
    # Still on the member's notifications page.
    assert Notification.objects.filter(pk=told.pk, read_at=None).exists()


def test_a_lost_task_or_a_worker_that_died_mid_send_is_picked_up(make_member, database_tasks,
                                                                  sent):
    lost, interrupted, fresh = make_member(), make_member(), make_member()
    long_ago = timezone.now() - timedelta(hours=1)
    with sent():
        lost_notice, interrupted_notice, _fresh_notice = _ping(lost), _ping(interrupted), \
            _ping(fresh)
    _email_tasks().delete()  # the queue lost them all (a restored database, say)
    Notification.objects.filter(pk=lost_notice.pk).update(email_due_at=long_ago)
    Notification.objects.filter(pk=interrupted_notice.pk).update(
        email_state=EmailState.SENDING, email_due_at=long_ago, email_attempts=1)

    call_command("send_pending_emails", verbosity=0)
    run_waiting_tasks()
    # The fresh one may still be in a busy queue: left to its own task for now.
    assert sorted(m.to[0] for m in mail.outbox) == sorted([lost.email, interrupted.email])
    call_command("send_pending_emails", grace_minutes=0, verbosity=0)
    run_waiting_tasks()
    assert len(mail.outbox) == 3
    assert set(Notification.objects.values_list("email_state", flat=True)) == {EmailState.SENT}


def test_without_a_waiting_backend_the_sweep_retries(make_member, mail_server_down, sent):
    """Tests and `make run` run tasks at once: a retry waits for send_pending_emails."""
    member = make_member()
    mail_server_down(1)
    with sent():
        told = _ping(member)
    told.refresh_from_db()
    assert told.email_state == EmailState.PENDING and mail.outbox == []
    call_command("send_pending_emails", verbosity=0)
    assert mail.outbox == []  # not yet due
    Notification.objects.filter(pk=told.pk).update(
        email_due_at=timezone.now() - timedelta(hours=1))
    call_command("send_pending_emails", verbosity=0)
    assert [m.to for m in mail.outbox] == [[member.email]]


def test_a_member_who_leaves_or_unsubscribes_before_the_send_gets_nothing(
        make_member, database_tasks, sent):
    leaving, unsubscribing, deleted = make_member(), make_member(), make_member()
    with sent():
        told = [_ping(leaving), _ping(unsubscribing), _ping(deleted)]
    leaving.is_active = False
    leaving.save()
    preferences.set_email(unsubscribing, PING, False)
    deleted.delete()
    run_waiting_tasks()
    assert mail.outbox == []
    states = dict(Notification.objects.values_list("pk", "email_state"))
    assert states == {told[0].pk: EmailState.SKIPPED, told[1].pk: EmailState.SKIPPED}


@pytest.mark.concurrency
@pytest.mark.django_db(transaction=True)
def test_twenty_runs_of_one_email_at_once_send_it_once(make_member, settings):
    settings.TASKS = task_backends("database")  # queued, so the race below is the only send
    member = make_member()
    told = _ping(member)
    results = races.race(lambda n: tasks.deliver(told.pk), 20)
    assert [value for outcome, value in results if outcome == "error"] == []
    assert sorted(value for _outcome, value in results) == ["not due"] * 19 + ["sent"]
    assert [m.to for m in mail.outbox] == [[member.email]]


@pytest.mark.concurrency
@pytest.mark.django_db(transaction=True)
def test_choices_saved_at_once_keep_one_row(make_member):
    member = make_member()
    results = races.race(lambda n: preferences.set_email(member, PING, n % 2 == 0), 20)
    assert [value for outcome, value in results if outcome == "error"] == []
    assert member.email_choices.filter(kind=PING).count() == 1
    results = races.race(lambda n: preferences.set_digest_frequency(
        member, ("daily", "never")[n % 2]), 20)
    assert [value for outcome, value in results if outcome == "error"] == []
    assert preferences.digest_frequency(member) in ("daily", "never")
