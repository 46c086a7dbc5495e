"""Sending an issue: once, to the members who opted in, each in their language, in
batches, with a record per member (newsletter/sending.py)."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.db.models import F
from django.utils import timezone
from wagtail.models import PageViewRestriction

from leerkring.settings.base import task_backends
from newsletter import sending
from newsletter.models import Delivery, DeliveryState, Dispatch
from notices import preferences
from notices.kinds import NEWSLETTER
from tests import races
from tests.notices.backends import FailingBackend
from tests.worker import run_waiting_tasks

pytestmark = pytest.mark.django_db


@pytest.fixture
def database_tasks(settings):
    settings.TASKS = task_backends("database")


def _by_address():
    return {message.to[0]: message for message in mail.outbox}


def test_only_active_members_who_opted_in_get_it_each_in_their_language(
        make_issue, subscriber, make_member, coordinator, sent):
    nl_issue, _en_issue = make_issue()
    dutch, english = subscriber("nl"), subscriber("en")
    subscriber("nl", is_active=False)
    make_member()  # never opted in
    left = subscriber("en")
    preferences.set_email(left, NEWSLETTER, False)
    with sent():
        assert sending.start(nl_issue, coordinator) is not None
    by_address = _by_address()
    assert set(by_address) == {dutch.email, english.email}
    assert by_address[dutch.email].subject == nl_issue.title
    assert by_address[english.email].subject.startswith("Issue ")
    assert "Dag allemaal.\n\nTweede alinea." in by_address[dutch.email].body
    assert "Hello all." in by_address[english.email].body
    html = by_address[english.email].alternatives[0][0]
    assert '<html lang="en">' in html and "<p>Hello all.</p>" in html
    records = dict(Delivery.objects.values_list("user__email", "language"))
    assert records == {dutch.email: "nl", english.email: "en"}
    assert set(Delivery.objects.values_list("state", flat=True)) == {DeliveryState.SENT}


def test_without_a_translation_english_members_get_the_dutch_copy(
        make_issue, subscriber, coordinator, sent):
    nl_issue, _none = make_issue(english=False)
    english = subscriber("en")
    with sent():
        sending.start(nl_issue, coordinator)
    [message] = mail.outbox
    assert message.to == [english.email] and message.subject == nl_issue.title
    assert Delivery.objects.get(user=english).language == "nl"


def test_the_unsubscribe_headers_and_both_parts(make_issue, subscriber, coordinator, sent):
    nl_issue, _en = make_issue()
    member = subscriber("nl")
    with sent():
        sending.start(nl_issue, coordinator)
    [message] = mail.outbox
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert "/nl/" in message.extra_headers["List-Unsubscribe"]
    assert [mimetype for _body, mimetype in message.alternatives] == ["text/html"]
    assert message.to == [member.email]


def test_sent_twice_is_sent_once(make_issue, subscriber, coordinator, editor, sent):
    nl_issue, en_issue = make_issue()
    subscriber("nl")
    with sent():
        first = sending.start(nl_issue, coordinator)
        assert sending.start(nl_issue, coordinator) is None
        assert sending.start(en_issue, editor) is None  # the translation is the same issue
    assert first.sent_by == coordinator and Dispatch.objects.count() == 2  # + the demo's
    assert len(mail.outbox) == 1


def test_batches_of_the_set_size(make_issue, subscriber, coordinator, database_tasks,
                                 monkeypatch, sent):
    monkeypatch.setattr(sending, "BATCH_SIZE", 2)
    nl_issue, _en = make_issue()
    members = [subscriber("nl") for _ in range(5)]
    with sent():
        dispatch = sending.start(nl_issue, coordinator)
    from django_tasks_db.models import DBTaskResult
    queued = DBTaskResult.objects.filter(task_path="newsletter.sending.send_batch")
    assert sorted(len(task.args_kwargs["args"][0]) for task in queued) == [1, 2, 2]
    assert mail.outbox == []  # nothing in the request
    run_waiting_tasks()
    assert sorted(m.to[0] for m in mail.outbox) == sorted(m.email for m in members)
    assert dispatch.deliveries.filter(state=DeliveryState.SENT).count() == 5


def test_a_crashed_batch_resumes_without_duplicates(make_issue, subscriber, coordinator,
                                                    database_tasks, sent):
    nl_issue, _en = make_issue()
    members = [subscriber("nl") for _ in range(4)]
    with sent():
        dispatch = sending.start(nl_issue, coordinator)
    ids = list(dispatch.deliveries.order_by("pk").values_list("pk", flat=True))
    # A worker sent the first, claimed the second and died; its task is lost.
    assert sending.deliver(ids[0])[0] == "sent"
    assert sending._claim(ids[1], timezone.now())
    from django_tasks_db.models import DBTaskResult
    DBTaskResult.objects.all().delete()
    call_command("send_pending_newsletters", verbosity=0)  # within the grace: nothing yet
    run_waiting_tasks()
    assert len(mail.outbox) == 1
    # The clock runs on past the lease.
    Delivery.objects.update(due_at=F("due_at") - sending.LEASE - sending.GRACE)
    assert sending.sweep() == (1, 3)
    run_waiting_tasks()
    sending.run_batch(ids)  # the lost batch, re-run after all
    assert sorted(m.to[0] for m in mail.outbox) == sorted(m.email for m in members)
    assert dispatch.deliveries.filter(state=DeliveryState.SENT).count() == 4


def test_a_failing_mail_server_puts_the_batch_off_then_it_goes(
        make_issue, subscriber, coordinator, settings, sent):
    settings.EMAIL_BACKEND = "tests.notices.backends.FailingBackend"
    FailingBackend.failures, FailingBackend.tried = 1, 0
    nl_issue, _en = make_issue()
    members = [subscriber("nl") for _ in range(3)]
    with sent():
        dispatch = sending.start(nl_issue, coordinator)
    assert mail.outbox == []
    waiting = dispatch.deliveries.filter(state=DeliveryState.PENDING)
    assert waiting.count() == 3 and all(d.due_at > timezone.now() for d in waiting)
    assert FailingBackend.tried == 1  # the rest of the batch was not tried against a dead server
    Delivery.objects.update(due_at=timezone.now() - timedelta(minutes=20))
    call_command("send_pending_newsletters", verbosity=0)
    assert sorted(m.to[0] for m in mail.outbox) == sorted(m.email for m in members)
    assert dispatch.deliveries.get(user=members[0]).attempts == 2


def test_items_the_member_may_not_open_are_left_out(make_issue, subscriber, coordinator,
                                                     board, board_members, sent):
    from learning.models import LessonPage
    lessons = list(LessonPage.objects.live().filter(locale__language_code="nl")[:2])
    open_one, closed_one = lessons
    restriction = PageViewRestriction.objects.create(
        page=closed_one, restriction_type=PageViewRestriction.GROUPS)
    outsider, insider = board_members
    restriction.groups.set([board])
    items = [(open_one, open_one, ("Open", "Open")), (closed_one, closed_one, ("Dicht", "Shut"))]
    nl_issue, _en = make_issue(items=items, english=False)
    for member in (outsider, insider):
        preferences.set_email(member, NEWSLETTER, True)
    with sent():
        sending.start(nl_issue, coordinator)
    by_address = _by_address()
    for part in (by_address[outsider.email].body, by_address[outsider.email].alternatives[0][0]):
        assert open_one.title in part and closed_one.title not in part and "Dicht" not in part
    assert closed_one.title in by_address[insider.email].body


@pytest.mark.concurrency
@pytest.mark.django_db(transaction=True)
def test_twenty_runs_of_one_batch_at_once_send_each_once(make_member, settings, monkeypatch):
    settings.TASKS = task_backends("database")
    members = [make_member() for _ in range(3)]
    for member in members:
        preferences.set_email(member, NEWSLETTER, True)
    dispatch = Dispatch.objects.create(issue_key="6f0b7c52-0d1e-4e44-9a0a-5b3e8c2f7d11",
                                       title="Race")
    ids = [Delivery.objects.create(dispatch=dispatch, user=m).pk for m in members]

    def message(issue_key, user):
        return "nl", mail.EmailMessage("Race", "body", to=[user.email])
    monkeypatch.setattr(sending, "message_for", message)
    results = races.race(lambda n: sending.run_batch(ids), 20)
    assert [value for outcome, value in results if outcome == "error"] == []
    assert sorted(m.to[0] for m in mail.outbox) == sorted(m.email for m in members)
    assert Delivery.objects.filter(state=DeliveryState.SENT).count() == 3
