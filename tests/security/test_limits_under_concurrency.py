"""Every per-member limit holds when many requests arrive at once (accounts.limits).

Each test fires 20 attempts from 20 threads, released together by a barrier,
each on its own database connection (a file on SQLite, as in production;
PostgreSQL when DATABASE_URL names one), and checks that exactly the limit
got through. The tests make what they need themselves: a transactional test
starts from whatever the previous one left.
"""

import pytest
from django.contrib.auth.models import Permission
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import translation
from wagtail.models import Locale

from catalogue import projects
from catalogue.models import ContactMessage, Project
from forum import notifications, posting
from forum.models import Answer, ForumIndexPage, ModerationMode, ModerationRule, Question, Status
from tests import races
from topics.models import Topic

ATTEMPTS = 20
concurrent = pytest.mark.django_db(transaction=True)
pytestmark = pytest.mark.concurrency


def race(function, attempts=ATTEMPTS):
    return races.race(function, attempts)


def _errors(results, allowed=()):
    return [value for outcome, value in results
            if outcome == "error" and not isinstance(value, allowed)]


@pytest.fixture
def locale():
    return Locale.objects.get_or_create(language_code="nl")[0]


@pytest.fixture
def topic(locale):
    topic = Topic.objects.create(locale=locale, name="Race", slug="race-topic", kind="theme")
    ModerationRule.objects.update_or_create(topic=topic,
                                            defaults={"mode": ModerationMode.NONE})
    return topic


def _moderator(make_member):
    member = make_member()
    app_label, codename = "forum.moderate_forum".split(".")
    member.user_permissions.add(Permission.objects.get(content_type__app_label=app_label,
                                                       codename=codename))
    return member


@concurrent
def test_contact_messages_stop_at_the_limit_when_sent_at_once(make_member, settings):
    sender = make_member()
    project = Project.objects.create(title="Koffie", organisation="Stad Leuven", year=2020,
                                     contact_email="karel@leuven.example")
    results = race(lambda n: projects.relay(sender, project, "Vraag", "Hallo", "/p/"))
    limit = settings.CATALOGUE_CONTACT_MESSAGES_PER_DAY
    assert _errors(results, projects.Refused) == []
    assert ContactMessage.objects.filter(sender=sender).count() == limit
    assert len(mail.outbox) == limit


@concurrent
def test_newcomers_questions_stop_at_the_limit_when_asked_at_once(make_member, topic,
                                                                  settings):
    newcomer = make_member()
    results = race(lambda n: posting.ask(newcomer, topic, f"Vraag {n}", "Tekst", "nl"))
    assert _errors(results, posting.Refused) == []
    assert Question.objects.filter(author=newcomer).count() == \
        settings.FORUM_NEWCOMER_QUESTIONS_PER_DAY


@concurrent
def test_newcomers_answers_stop_at_the_limit_when_posted_at_once(make_member, topic, settings):
    question = posting.ask(make_member(), topic, "Een vraag", "Tekst", "nl")
    newcomer = make_member()
    results = race(lambda n: posting.answer(newcomer, question, f"Antwoord {n}", "nl"))
    assert _errors(results, posting.Refused) == []
    assert Answer.objects.filter(author=newcomer).count() == \
        settings.FORUM_NEWCOMER_ANSWERS_PER_DAY


@concurrent
def test_a_moderator_gets_one_queue_email_when_posts_arrive_at_once(make_member, locale):
    # Moderators are told only about a forum they may enter (forum/notifications.py).
    if not ForumIndexPage.objects.live().exists():
        races.page_root().add_child(instance=ForumIndexPage(title="Forum", slug="forum"))
    moderator = _moderator(make_member)
    results = race(lambda n: notifications.queue_grew())
    assert _errors(results) == []
    recipients = [address for message in mail.outbox for address in message.to]
    assert recipients.count(moderator.email) == 1
    assert len(recipients) == len(set(recipients))  # and one each for any other moderator


@concurrent
def test_enough_flags_at_once_hide_the_post(make_member, topic, settings):
    """Flags counted at the same time all count: the post is hidden at the threshold."""
    question = posting.ask(make_member(), topic, "Een vraag", "Tekst", "nl")
    settings.FORUM_FLAGS_TO_HIDE = ATTEMPTS
    flaggers = [make_member() for _ in range(ATTEMPTS)]
    results = race(lambda n: posting.flag(flaggers[n], question, "spam"))
    assert _errors(results) == []
    question.refresh_from_db()
    assert question.flag_count == ATTEMPTS
    assert question.status == Status.HIDDEN


@concurrent
def test_password_reset_links_stop_at_the_limit_when_asked_at_once(make_member, settings):
    member = make_member()
    with translation.override("nl"):
        url = reverse("password_reset")
    results = race(lambda n: Client().post(url, {"email": member.email},
                                           REMOTE_ADDR=f"10.0.{n}.1").status_code)
    assert _errors(results) == []
    assert len(mail.outbox) == settings.PASSWORD_RESET_LINKS_PER_HOUR
