"""A lesson visited, completed and answered from many requests at once (tabs, double
clicks): one progress row per lesson, and its completion counted once.

SQLite lets one writer in at a time, which hid these races; ``make test`` runs
them on PostgreSQL too. Each test makes its own pages: a transactional test
starts from whatever the one before left.
"""

import uuid

import pytest

from learning import progress
from learning.models import LearningPackagePage, LessonPage, LessonProgress, SelfCheckAnswer
from tests import races

pytestmark = [pytest.mark.concurrency, pytest.mark.django_db(transaction=True)]
ATTEMPTS = 20


def _errors(results):
    return [value for outcome, value in results if outcome == "error"]


def _lesson():
    package = races.page_root().add_child(instance=LearningPackagePage(
        title="Pakket", slug=f"pakket-{uuid.uuid4().hex[:8]}", summary="Samenvatting"))
    question = {"question": "Klopt dit?", "options": [
        {"type": "item", "id": str(uuid.uuid4()),
         "value": {"text": "Ja", "correct": True, "feedback": ""}},
        {"type": "item", "id": str(uuid.uuid4()),
         "value": {"text": "Nee", "correct": False, "feedback": ""}}]}
    body = [{"type": "text", "value": "<p>Tekst.</p>", "id": str(uuid.uuid4())},
            {"type": "self_check", "value": question, "id": str(uuid.uuid4())}]
    package.add_child(instance=LessonPage(title="Les", slug="les", body=body))
    return LessonPage.objects.get(path__startswith=package.path, depth=package.depth + 1)


def test_a_lesson_visited_and_completed_at_once_is_one_completed_row(make_member):
    """Half the requests open the lesson, half mark it done: one row, done, and only
    one "completed" (which the page counts in the analytics). A few rounds, each with
    a new member: the window is small."""
    lesson = _lesson()
    for _round in range(5):
        member = make_member()

        def act(n, member=member):
            if n % 2:
                return progress.mark_complete(member, LessonPage.objects.get(pk=lesson.pk))
            progress.record_visit(member, LessonPage.objects.get(pk=lesson.pk))
            return None

        results = races.race(act, ATTEMPTS)

        assert _errors(results) == []
        rows = LessonProgress.objects.filter(user=member)
        assert rows.count() == 1
        assert rows.get().completed_at is not None
        assert [value for _outcome, value in results].count(True) == 1


def test_right_answers_sent_at_once_complete_the_lesson_once(make_member):
    """The last self-check answered right from several requests at once: one answer row,
    the lesson done, and "the lesson is completed" told (and counted) once."""
    member, lesson = make_member(), _lesson()
    question_id = next(iter(progress.self_check_questions(lesson.body)))

    results = races.race(lambda n: progress.answer_question(
        member, LessonPage.objects.get(pk=lesson.pk), question_id, ["0"]), 10)

    assert _errors(results) == []
    assert SelfCheckAnswer.objects.filter(user=member).count() == 1
    assert progress.is_complete(member, lesson)
    assert [value.lesson_completed for _outcome, value in results].count(True) == 1
