"""Browsing as a participant moves the right topic counters, and only then."""

import logging
from datetime import timedelta

import pytest
from django.db import transaction
from django.test import RequestFactory
from django.utils import timezone
from wagtail.models import Locale

import analytics
from analytics import recording
from analytics.models import DailyCount, DailyParticipant, DailySecret
from forum.models import ForumIndexPage, ModerationMode, ModerationRule, Question, Status
from learning.models import LearningPackagePage, LessonPage
from library.models import LibraryDocument
from webinars.models import WebinarPage

pytestmark = pytest.mark.django_db


def _nl(model):
    return model.objects.live().filter(locale__language_code="nl").first()


def _en(page):
    return page.get_translation(Locale.objects.get(language_code="en"))


def _topics(item):
    return set(recording.topic_keys(item))


def _expected(item, kind, language, content_type, item_key, times=1):
    return {(key, kind, language, content_type, item_key): times for key in _topics(item)}


def test_a_lesson_view_counts_once_per_topic_of_its_package(demo, member_client, counted):
    lesson = _nl(LessonPage)
    assert member_client.get(lesson.url).status_code == 200
    topics = {t.translation_key for t in lesson.package.topics.all()}
    assert topics
    assert counted() == _expected(lesson.package, "view", "nl", "learning.lessonpage",
                                  str(lesson.translation_key))


def test_both_languages_count_as_one_item_with_the_language_kept(demo, member_client, counted,
                                                                 participant):
    lesson = _nl(LessonPage)
    member_client.get(lesson.url)
    member_client.get(_en(lesson).url)
    rows = counted(kind="view")
    assert {key[4] for key in rows} == {str(lesson.translation_key)}
    assert {key[2] for key in rows} == {"nl", "en"}
    # One participant per topic, however often they read.
    topics = _topics(lesson.package)
    assert DailyParticipant.objects.filter(day=timezone.localdate()).count() == len(topics)


def test_a_package_view_counts(demo, member_client, counted):
    package = _nl(LearningPackagePage)
    member_client.get(package.url)
    assert counted() == _expected(package, "view", "nl", "learning.learningpackagepage",
                                  str(package.translation_key))


def test_completing_a_lesson_counts_once(demo, member_client, counted):
    lesson = _nl(LessonPage)
    member_client.post(lesson.url + "complete/")
    member_client.post(lesson.url + "complete/")  # already done: not again
    assert counted(kind="lesson_completed") == _expected(
        lesson.package, "lesson_completed", "nl", "learning.lessonpage",
        str(lesson.translation_key))


def test_webinar_view_registration_and_play(demo, member_client, counted):
    now = timezone.now()
    upcoming = WebinarPage.objects.live().filter(locale__language_code="nl",
                                                 starts_at__gt=now).first()
    recorded = WebinarPage.objects.live().filter(locale__language_code="nl",
                                                 ends_at__lt=now).exclude(recording_url="").first()
    member_client.get(upcoming.url)
    member_client.post(upcoming.url, {"action": "register"})
    member_client.post(upcoming.url, {"action": "register"})  # already registered
    play = recorded.url + recorded.reverse_subpage("play")
    html = member_client.get(recorded.url).content.decode()
    assert f'action="{play}"' in html and "data-play-beacon" in html
    assert member_client.post(play).status_code == 204
    key = str(upcoming.translation_key)
    assert counted(kind="view", item_key=key) == _expected(
        upcoming, "view", "nl", "webinars.webinarpage", key)
    assert counted(kind="registration") == _expected(
        upcoming, "registration", "nl", "webinars.webinarpage", key)
    assert counted(kind="play") == _expected(
        recorded, "play", "nl", "webinars.webinarpage", str(recorded.translation_key))


def test_the_play_beacon_takes_only_posts_of_recordings(demo, member_client, counted):
    upcoming = WebinarPage.objects.live().filter(locale__language_code="nl",
                                                 starts_at__gt=timezone.now()).first()
    play = upcoming.url + upcoming.reverse_subpage("play")
    assert member_client.get(play).status_code == 404
    assert member_client.post(play).status_code == 204
    assert not counted(kind="play")


def _slide():
    return next(d for d in LibraryDocument.objects.exclude(topics=None) if not d.is_video)


def test_a_slide_download_counts_but_not_its_further_parts(demo, member_client, counted):
    document = _slide()
    assert member_client.get(document.url).status_code == 200
    assert member_client.get(document.url, HTTP_RANGE="bytes=0-").status_code in (200, 206)
    assert member_client.get(document.url, HTTP_RANGE="bytes=100-").status_code in (200, 206)
    assert counted() == _expected(document, "download", document.language,
                                  "library.librarydocument", str(document.pk), times=2)


def test_forum_view_question_and_answer(demo, client, participant, counted):
    forum = ForumIndexPage.objects.get(locale__language_code="nl")
    # A question every member sees (the demo's teams have questions of their own).
    question = Question.objects.filter(status=Status.PUBLISHED, team__isnull=True) \
        .select_related("topic").first()
    ModerationRule.objects.update_or_create(topic=question.topic,
                                            defaults={"mode": ModerationMode.NONE})
    client.force_login(participant)
    question_url = forum.url + forum.reverse_subpage("question", kwargs={"pk": question.pk})
    client.get(question_url)
    client.post(question_url, {"body": "Probeer een marktconsultatie.", "language": "nl"})
    client.post(forum.url + forum.reverse_subpage("ask"), {
        "topic": question.topic.pk, "title": "Wie huurde al eens kantoormeubilair?",
        "body": "Graag ervaringen.", "language": "en"})
    asked = Question.objects.get(title="Wie huurde al eens kantoormeubilair?")
    topic = question.topic.translation_key
    assert counted(kind="view") == {(topic, "view", "nl", "forum.question", str(question.pk)): 1}
    assert counted(kind="answer") == {
        (topic, "answer", "nl", "forum.question", str(question.pk)): 1}
    assert counted(kind="question") == {
        (topic, "question", "en", "forum.question", str(asked.pk)): 1}


def test_any_model_with_topics_can_be_counted(demo, participant, counted):
    """The API is generic: a catalogue project only needs topics (here: a document)."""
    request = RequestFactory().get("/nl/catalogus/project/")
    request.user = participant
    document = _slide()
    assert analytics.record_view(request, document) is True
    assert counted(kind="view")


# --- What never counts --------------------------------------------------------------


def _request(user, path="/nl/", **meta):
    request = RequestFactory().get(path, **meta)
    request.user = user
    return request


def test_anonymous_visitors_count_nothing(demo, counted):
    from django.contrib.auth.models import AnonymousUser

    assert not analytics.record_view(_request(AnonymousUser()), _nl(LessonPage))
    assert not counted()


def test_previews_admin_pages_and_bots_count_nothing(demo, participant, counted):
    lesson = _nl(LessonPage)
    preview = _request(participant)
    preview.is_preview = True
    assert not analytics.record_view(preview, lesson)
    assert not analytics.record_view(_request(participant, "/admin/pages/3/"), lesson)
    for agent in ["Googlebot/2.1 (+http://www.google.com/bot.html)",
                  "Mozilla/5.0 (X11; Linux x86_64) HeadlessChrome/120.0", "curl/8.5.0",
                  "python-requests/2.32"]:
        assert not analytics.record_view(_request(participant, HTTP_USER_AGENT=agent), lesson)
    assert not counted()
    assert not DailyParticipant.objects.exists()


def test_the_editors_preview_counts_nothing(demo, client, editor, counted):
    """Wagtail's preview (as the admin's preview panel makes it) serves the page unrecorded."""
    client.force_login(editor)
    # The editor's own browser request, whose session Wagtail's dummy request carries on.
    original = _request(editor, HTTP_COOKIE=f"sessionid={client.cookies['sessionid'].value}")
    lesson = _nl(LessonPage)
    # A webinar's preview goes through its route, as a real view would (RoutablePageMixin).
    for page in [lesson, lesson.package, _nl(WebinarPage)]:
        response = page.make_preview_request(original_request=original)
        assert response.status_code == 200
        assert page.title in response.content.decode()  # the page itself was rendered
    assert not counted()


def test_members_who_opted_out_count_nothing(demo, client, participant, counted):
    participant.analytics_opt_out = True
    participant.save()
    client.force_login(participant)
    lesson = _nl(LessonPage)
    assert client.get(lesson.url).status_code == 200
    client.post(lesson.url + "complete/")
    assert not counted()


def test_opting_out_in_the_account_settings(demo, member_client, participant):
    from django.urls import reverse

    html = member_client.get(reverse("profile")).content.decode()
    assert 'name="analytics_opt_out"' in html
    member_client.post(reverse("profile"), {
        "first_name": "Pat", "last_name": "Tester", "organisation": "",
        "organisation_type": "other", "preferred_language": "nl", "analytics_opt_out": "on"})
    participant.refresh_from_db()
    assert participant.analytics_opt_out is True


# --- Privacy and robustness ------------------------------------------------------------


def test_no_user_id_ip_or_agent_is_stored(demo, participant, counted):
    request = _request(participant, HTTP_USER_AGENT="Mozilla/5.0 Firefox/130",
                       REMOTE_ADDR="203.0.113.9")
    analytics.record_view(request, _nl(LessonPage))
    stored = " ".join(str(v) for row in DailyParticipant.objects.values() for v in row.values())
    stored += " ".join(str(v) for row in DailyCount.objects.filter(day=timezone.localdate())
                       .values() for v in row.values())
    assert "203.0.113.9" not in stored and "Firefox" not in stored
    digest = DailyParticipant.objects.first().digest
    assert digest != str(participant.pk) and len(digest) == 32


def test_the_pseudonym_changes_with_the_day_and_the_key_of_past_days_goes(demo, participant):
    today = timezone.localdate()
    yesterday = today - timedelta(days=1)
    assert recording.pseudonym(participant.pk, yesterday) != recording.pseudonym(
        participant.pk, today)
    # Making today's key deleted yesterday's.
    assert list(DailySecret.objects.values_list("day", flat=True)) == [today]


def test_a_failure_to_record_never_breaks_the_page(demo, member_client, monkeypatch, caplog):
    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(recording, "_store", broken)
    lesson = _nl(LessonPage)
    with caplog.at_level(logging.ERROR, logger="analytics.recording"):
        assert member_client.get(lesson.url).status_code == 200
    assert "Could not record" in caplog.text


def test_a_database_error_does_not_spoil_the_callers_transaction(demo, participant,
                                                                 monkeypatch, caplog):
    """Inside a transaction, recording runs in a savepoint; a failed query is rolled back alone."""
    monkeypatch.setattr(recording, "_upsert_sql",
                        lambda: "INSERT INTO no_such_table VALUES {values}")
    recording._SQL.clear()
    lesson = _nl(LessonPage)
    with caplog.at_level(logging.CRITICAL, logger="analytics.recording"):
        with transaction.atomic():
            assert analytics.record_view(_request(participant), lesson) is False
            assert LessonPage.objects.filter(pk=lesson.pk).exists()  # still usable
    recording._SQL.clear()
