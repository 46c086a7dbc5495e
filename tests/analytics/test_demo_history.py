"""The demo's analytics history: made from what each content app offers (its demo.py)."""

from types import SimpleNamespace

import pytest
from django.db.models import Sum
from wagtail.models import Locale

from analytics import demo as history
from analytics.demo import DemoItem
from analytics.kinds import Kind
from analytics.models import DailyCount
from forum.models import Question
from learning.models import LessonPage

pytestmark = pytest.mark.django_db


def _kinds(content_type):
    return set(DailyCount.objects.filter(content_type=content_type)
               .values_list("kind", flat=True).distinct())


def test_the_history_holds_what_the_apps_offer(demo):
    assert set(DailyCount.objects.values_list("content_type", flat=True).distinct()) == {
        "learning.learningpackagepage", "learning.lessonpage", "webinars.webinarpage",
        "library.librarydocument", "forum.question"}
    # Each app's own rates: lessons are completed, documents downloaded (a
    # download is their view), webinars registered for or played, questions
    # asked and answered.
    assert _kinds("learning.learningpackagepage") == {Kind.VIEW}
    assert _kinds("learning.lessonpage") == {Kind.VIEW, Kind.LESSON_COMPLETED}
    assert _kinds("library.librarydocument") == {Kind.DOWNLOAD}
    assert _kinds("webinars.webinarpage") <= {Kind.VIEW, Kind.REGISTRATION, Kind.PLAY}
    assert {Kind.REGISTRATION, Kind.PLAY} & _kinds("webinars.webinarpage")
    assert _kinds("forum.question") == {Kind.VIEW, Kind.QUESTION, Kind.ANSWER}
    # Documents are read in their one language; the rest by the readers' mix.
    assert set(DailyCount.objects.filter(content_type="library.librarydocument")
               .values_list("language", flat=True)) == {"nl"}
    assert set(DailyCount.objects.filter(content_type="learning.lessonpage")
               .values_list("language", flat=True)) == {"nl", "en"}


def test_items_are_keyed_as_recording_keys_them(demo):
    items = {(item.content_type, item.key) for item in history._items(Locale.get_default())}
    lesson = LessonPage.objects.filter(locale=Locale.get_default()).first()
    question = Question.objects.first()
    # Pages by their translation key (both languages count as one), the rest by pk.
    assert ("learning.lessonpage", str(lesson.translation_key)) in items
    assert ("forum.question", str(question.pk)) in items
    counted = DailyCount.objects.filter(content_type="forum.question",
                                        item_key=str(question.pk)).aggregate(n=Sum("count"))
    assert counted["n"]


def test_each_demo_module_may_offer_items(monkeypatch, demo):
    offered = [DemoItem("app.thing", "1", ["topic"], rates={Kind.DOWNLOAD: 1.0}),
               DemoItem("app.thing", "2", [])]
    modules = [SimpleNamespace(load=lambda command: None),  # offers nothing
               SimpleNamespace(analytics_items=lambda locale: offered)]
    monkeypatch.setattr(history, "demo_modules", lambda: modules)
    # Items without a topic are of no use to a report per topic.
    assert history._items(Locale.get_default()) == offered[:1]
