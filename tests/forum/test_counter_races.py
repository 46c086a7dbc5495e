"""What the forum keeps beside the posts stays right when requests arrive at once: a
question's count of published answers and its accepted answer, a post's count of open
reports, one follow per member.

SQLite lets one writer in at a time, which hid these races; ``make test`` runs
them on PostgreSQL too. A transactional test starts from whatever the one
before left, so each makes what it needs.
"""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Permission
from django.utils import timezone
from wagtail.models import Locale

from forum import moderation, posting
from forum.models import Answer, Flag, Follow, ModerationMode, ModerationRule, Question, Status
from tests import races
from topics.models import Topic

pytestmark = [pytest.mark.concurrency, pytest.mark.django_db(transaction=True)]
ATTEMPTS = 20


def _errors(results):
    return [value for outcome, value in results if outcome == "error"]


@pytest.fixture
def topic():
    dutch = Locale.objects.get_or_create(language_code="nl")[0]
    topic = Topic.objects.create(locale=dutch, name="Race", slug="race-forum", kind="theme")
    ModerationRule.objects.update_or_create(topic=topic,
                                            defaults={"mode": ModerationMode.NONE})
    return topic


@pytest.fixture
def member(make_member):
    """make(): a member past their first day (no newcomer limits)."""
    return lambda: make_member(date_joined=timezone.now() - timedelta(days=30))


@pytest.fixture
def moderator(member):
    user = member()
    user.user_permissions.add(Permission.objects.get(content_type__app_label="forum",
                                                     codename="moderate_forum"))
    return type(user).objects.get(pk=user.pk)  # without the cached permissions


def _answers(question, authors, status=Status.PUBLISHED):
    return [Answer.objects.create(question=question, author=author, body_markdown="Ja",
                                  body_html="<p>Ja</p>", status=status).pk
            for author in authors]


def test_answers_posted_hidden_and_approved_at_once_keep_the_count_exact(
        topic, member, moderator):
    """10 answers posted, 5 hidden and 5 approved at once: the question counts what is
    published, no more, no less (the forum lists "unanswered" questions by it). A few
    rounds, a new question each: how the requests interleave varies."""
    authors = [member() for _ in range(10)]
    for _round in range(3):
        question = posting.ask(authors[0], topic, "Een vraag", "Tekst", "nl")
        published = _answers(question, authors[:5])
        pending = _answers(question, authors[5:], Status.PENDING)
        posting.recount(question)

        def act(n, question=question, published=published, pending=pending):
            if n < 10:
                return posting.answer(authors[n], Question.objects.get(pk=question.pk),
                                      f"Antwoord {n}", "nl")
            if n < 15:
                return moderation.hide(moderator, Answer.objects.get(pk=published[n - 10]))
            return moderation.approve(moderator, Answer.objects.get(pk=pending[n - 15]))

        results = races.race(act, ATTEMPTS)

        assert _errors(results) == []
        question.refresh_from_db()
        assert question.answer_count == question.answers.filter(
            status=Status.PUBLISHED).count()
        assert question.answer_count == 10 + 5 - 5 + 5


def test_an_answer_accepted_while_others_arrive_stays_accepted(topic, member):
    """The asker accepts an answer while 19 others are posted: it stays the accepted one
    (the answers' recounts do not write back what they read before)."""
    asker = member()
    question = posting.ask(asker, topic, "Een vraag", "Tekst", "nl")
    first = _answers(question, [member()])[0]
    authors = [member() for _ in range(ATTEMPTS)]

    def act(n):
        if n == ATTEMPTS // 2:
            return posting.accept(asker, Answer.objects.get(pk=first))
        return posting.answer(authors[n], Question.objects.get(pk=question.pk), "Ja", "nl")

    results = races.race(act, ATTEMPTS)

    assert _errors(results) == []
    question.refresh_from_db()
    assert question.accepted_answer_id == first
    assert question.answer_count == ATTEMPTS


def test_a_question_edited_while_answers_arrive_keeps_its_count(topic, member):
    """The asker opened the question to correct it; 19 answers are posted meanwhile, then
    the correction is saved: it writes its text only, not the count it read before."""
    asker = member()
    question = posting.ask(asker, topic, "Een vraag", "Tekst", "nl")
    opened = Question.objects.get(pk=question.pk)
    authors = [member() for _ in range(ATTEMPTS - 1)]

    results = races.race(lambda n: posting.answer(
        authors[n], Question.objects.get(pk=question.pk), "Ja", "nl"), ATTEMPTS - 1)
    posting.edit(asker, opened, "Verbeterde tekst", title="Een betere vraag")

    assert _errors(results) == []
    question.refresh_from_db()
    assert (question.title, question.body_markdown) == ("Een betere vraag", "Verbeterde tekst")
    assert question.answer_count == ATTEMPTS - 1


def test_reports_dismissed_while_others_arrive_are_counted_right(topic, member, moderator,
                                                                 settings):
    """A moderator dismisses the reports of a post while new ones arrive: the post's count
    is its open reports, so one that came after the dismissal keeps it in the queue.
    Rounds of a few reports and one dismissal: the one that writes last matters."""
    settings.FORUM_FLAGS_TO_HIDE = 1000
    asker = member()
    for _round in range(8):
        question = posting.ask(asker, topic, "Een vraag", "Tekst", "nl")
        posting.flag(member(), question, "spam")
        flaggers = [member() for _ in range(3)]

        def act(n, question=question, flaggers=flaggers):
            if n == len(flaggers):
                return moderation.dismiss_flags(moderator,
                                                Question.objects.get(pk=question.pk))
            return posting.flag(flaggers[n], Question.objects.get(pk=question.pk), "spam")

        results = races.race(act, len(flaggers) + 1)

        assert _errors(results) == []
        question.refresh_from_db()
        open_reports = Flag.objects.filter(question=question, resolved=False).count()
        assert question.flag_count == open_reports
        assert (question in moderation.queue()) == (open_reports > 0)


def test_following_twice_at_once_is_one_follow(topic, member):
    """Double clicks on "follow": one row for the question, one for the topic."""
    question = posting.ask(member(), topic, "Een vraag", "Tekst", "nl")
    for _round in range(5):
        follower = member()

        def follow(n, follower=follower):
            if n % 2:
                return posting.follow_question(follower, question)
            return posting.follow_topic(follower, topic)

        results = races.race(follow, ATTEMPTS)

        assert _errors(results) == []
        assert Follow.objects.filter(user=follower, question=question).count() == 1
        assert Follow.objects.filter(user=follower,
                                     topic_key=topic.translation_key).count() == 1
