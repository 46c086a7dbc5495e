"""Members study at their own pace; their progress is kept, whatever the language."""

import re

import pytest
from django.urls import reverse
from django.utils import translation

from learning.models import LessonProgress, SelfCheckAnswer

pytestmark = pytest.mark.django_db


def _question_id(lesson):
    return next(child.id for child in lesson.body if child.block_type == "self_check")


def _english(lesson):
    from wagtail.models import Locale

    return lesson.get_translation(Locale.objects.get(language_code="en"))


def test_marking_a_lesson_done_continues_to_the_next(member_client, participant, make_package):
    package, _, lessons = make_package(lessons=3)
    response = member_client.post(lessons[0].url + "complete/")
    assert response.status_code == 302
    assert response["Location"] == lessons[1].url
    row = LessonProgress.objects.get(user=participant)
    assert row.lesson_key == lessons[0].translation_key
    assert row.package_key == package.translation_key
    assert row.completed_at is not None


def test_the_lessons_actions_take_a_post_only(member_client, participant, make_package):
    """Marking done, undoing and answering are routes of the lesson that a link
    (a GET) cannot trigger; the lesson itself still opens at its own address."""
    _, _, lessons = make_package(lessons=2)
    for action in ("complete", "undo", "answer"):
        assert member_client.get(lessons[0].url + f"{action}/").status_code == 404
    assert not LessonProgress.objects.filter(user=participant).exists()
    assert member_client.get(lessons[0].url).status_code == 200
    assert LessonProgress.objects.get(user=participant).completed_at is None


def test_last_lesson_done_returns_to_the_package(member_client, make_package):
    package, _, lessons = make_package(lessons=2)
    response = member_client.post(lessons[1].url + "complete/")
    assert response["Location"] == package.url


def test_undo_marks_the_lesson_not_done(member_client, participant, make_package):
    _, _, lessons = make_package(lessons=2)
    member_client.post(lessons[0].url + "complete/")
    member_client.post(lessons[0].url + "undo/")
    assert LessonProgress.objects.get(user=participant).completed_at is None
    html = member_client.get(lessons[0].url).content.decode()
    assert f'action="{lessons[0].url}complete/"' in html


def test_package_page_shows_progress_and_check_marks(member_client, make_package):
    package, _, lessons = make_package(lessons=4)
    member_client.post(lessons[0].url + "complete/")
    html = member_client.get(package.url).content.decode()
    assert 'value="25"' in html  # the progress bar
    assert "1 van 4 lessen klaar" in html
    assert html.count("lesson-list__item--done") == 1


def test_progress_is_shared_between_languages(member_client, make_package):
    _, package_en, lessons = make_package(lessons=2)
    member_client.post(lessons[0].url + "complete/")
    html = member_client.get(_english(lessons[0]).url).content.decode()
    assert "You have completed this lesson." in html
    assert "1 of 2 lessons done" in member_client.get(package_en.url).content.decode()


def test_continue_where_you_left_off(member_client, make_package, demo):
    package, _, lessons = make_package(lessons=3)
    member_client.post(lessons[0].url + "complete/")
    member_client.get(lessons[2].url)  # opened the third, did not finish it
    package_html = member_client.get(package.url).content.decode()
    continue_link = re.search(r'<a class="button button--block" href="([^"]+)"', package_html)
    assert continue_link.group(1) == lessons[2].url
    home_html = member_client.get("/nl/").content.decode()
    assert f'href="{lessons[2].url}"' in home_html
    assert "Ga verder waar je was" in home_html


def test_continue_skips_finished_lessons(member_client, make_package):
    package, _, lessons = make_package(lessons=3)
    member_client.get(lessons[0].url)
    member_client.post(lessons[0].url + "complete/")
    html = member_client.get(package.url).content.decode()
    assert re.search(r'<a class="button button--block" href="([^"]+)"', html).group(1) == \
        lessons[1].url


def test_my_learning_lists_packages_in_progress_and_completed(member_client, make_package):
    started, _, started_lessons = make_package(lessons=2)
    finished, finished_en, finished_lessons = make_package(lessons=1)
    member_client.post(started_lessons[0].url + "complete/")
    member_client.post(finished_lessons[0].url + "complete/")
    with translation.override("nl"):
        dutch = member_client.get(reverse("learning:my_learning")).content.decode()
    with translation.override("en"):
        english = member_client.get(reverse("learning:my_learning")).content.decode()
    in_progress, completed = dutch.split('id="done-heading"')
    assert started.title in in_progress and "50%" in in_progress
    assert finished.title in completed
    assert finished_en.title in english and finished.title not in english
    assert "Laatste activiteit" in dutch


def test_correct_self_check_completes_the_lesson_without_javascript(
    member_client, participant, make_package
):
    _, _, lessons = make_package(lessons=2)
    lesson = lessons[0]
    question = _question_id(lesson)
    response = member_client.post(
        lesson.url + "answer/", {"question": question, "option": "0"}
    )
    assert response.status_code == 302
    assert response["Location"] == f"{lesson.url}#question-{question}"
    html = member_client.get(lesson.url).content.decode()
    assert "Juist!" in html and "Juist." in html  # verdict and the option's feedback
    assert LessonProgress.objects.get(user=participant).completed_at is not None


def test_wrong_answer_gives_feedback_and_keeps_the_lesson_open(
    member_client, participant, make_package
):
    _, _, lessons = make_package(lessons=1)
    lesson = lessons[0]
    member_client.post(lesson.url + "answer/", {"question": _question_id(lesson),
                                                "option": "1"})
    html = member_client.get(lesson.url).content.decode()
    assert "Helaas." in html
    assert "self-check--wrong" in html
    assert 'value="1" id="q-' in html and "checked" in html  # the choice is kept
    assert not LessonProgress.objects.filter(user=participant, completed_at__isnull=False)


def test_self_check_with_javascript_answers_in_place(member_client, make_package):
    _, _, lessons = make_package(lessons=1)
    lesson = lessons[0]
    response = member_client.post(
        lesson.url + "answer/", {"question": _question_id(lesson), "option": "0"},
        HTTP_X_REQUESTED_WITH="fetch",
    )
    data = response.json()
    assert data["lesson_completed"] is True
    assert "self-check--correct" in data["question_html"]
    assert 'name="csrfmiddlewaretoken"' in data["question_html"]
    assert "lesson-status--done" in data["status_html"]


def test_answer_without_a_choice_is_explained(member_client, make_package):
    _, _, lessons = make_package(lessons=1)
    lesson = lessons[0]
    response = member_client.post(
        lesson.url + "answer/", {"question": _question_id(lesson)},
        HTTP_X_REQUESTED_WITH="fetch",
    )
    assert "Kies eerst een antwoord." in response.json()["question_html"]
    assert not SelfCheckAnswer.objects.filter(lesson_key=lesson.translation_key).exists()


def test_answer_to_an_unknown_question_is_404(member_client, make_package):
    _, _, lessons = make_package(lessons=1)
    response = member_client.post(lessons[0].url + "answer/", {"question": "nope",
                                                                "option": "0"})
    assert response.status_code == 404


def test_answer_given_in_dutch_shows_in_english(member_client, make_package):
    _, _, lessons = make_package(lessons=1)
    lesson = lessons[0]
    member_client.post(lesson.url + "answer/", {"question": _question_id(lesson),
                                                "option": "0"})
    html = member_client.get(_english(lesson).url).content.decode()
    assert "self-check--correct" in html
    assert "Correct!" in html


def test_anonymous_visitors_get_no_lesson_content(client, make_package):
    _, _, lessons = make_package(lessons=1)
    response = client.get(lessons[0].url)
    assert response.status_code == 302 and "next=" in response["Location"]
    assert "Tekst met" not in response.content.decode()
    posted = client.post(lessons[0].url + "complete/")
    assert posted.status_code == 302
    assert not LessonProgress.objects.filter(lesson_key=lessons[0].translation_key).exists()


def test_visits_are_recorded_once_per_lesson(member_client, participant, make_package):
    _, _, lessons = make_package(lessons=1)
    member_client.get(lessons[0].url)
    member_client.get(_english(lessons[0]).url)
    assert LessonProgress.objects.filter(user=participant).count() == 1
