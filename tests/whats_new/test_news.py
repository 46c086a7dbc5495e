"""The collection itself (whatsnew.news): the window, the bounds, the language, and a
fixed number of queries per member whatever the amount of news (a digest run for
thousands of members costs the same per member)."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from forum.models import Question
from forum.posting import follow_topic
from whatsnew.news import Item, Section, compact, has_anything, take, whats_new

pytestmark = pytest.mark.django_db


def item(n):
    return Item(title=f"Item {n}", url=f"/nl/{n}/", when=timezone.now(), label="Nieuw")


def section(key, count, more=0, order=10):
    return Section(key=key, title=key, items=tuple(item(n) for n in range(count)), more=more,
                   order=order)


def test_compact_gives_each_kind_of_news_a_place():
    sections = [section("forum", 5, more=2), section("learning", 1), section("teams", 4)]
    shown = compact(sections, 6)
    assert [(s.key, len(s.items), s.more) for s in shown] == [
        ("forum", 3, 4), ("learning", 1, 0), ("teams", 2, 2)]
    assert compact(sections, 2) == [
        Section(key="forum", title="forum", items=sections[0].items[:1], more=6, order=10),
        Section(key="learning", title="learning", items=sections[1].items, more=0, order=10)]


def test_has_anything():
    assert not has_anything([])
    assert has_anything([section("forum", 1)])


def test_take_counts_the_rest_in_the_same_query(make_member, topics):
    author = make_member()
    Question.objects.bulk_create([
        Question(author=author, topic=topics["ict"], title=f"Vraag {n}?", body_markdown="x",
                 body_html="x", language="nl", status="published") for n in range(7)])
    questions = Question.objects.filter(author=author).order_by("pk")
    with CaptureQueriesContext(connection) as captured:
        rows, total = take(questions, 3)
    assert len(captured.captured_queries) == 1
    assert [row.title for row in rows] == ["Vraag 0?", "Vraag 1?", "Vraag 2?"]
    assert total == 7
    assert take(questions.none(), 3) == ([], 0)


def test_nothing_for_an_empty_window_or_without_an_active_member(news, reader, ask,
                                                                 make_member, start):
    ask(make_member())
    assert news(reader)
    assert news(reader, since=timezone.now(), until=start) == {}
    assert whats_new(AnonymousUser(), start) == []
    reader.is_active = False
    assert whats_new(reader, start) == []


def test_the_members_own_language_by_default(news, make_member, ask, topics):
    english = make_member(language="en")
    follow_topic(english, topics["ict"])
    ask(make_member())
    [section] = news(english).values()
    assert section.items[0].label == "New question"
    assert section.url == "/en/forum/"


def _queries(user, start):
    whats_new(user, start)  # what each process keeps: the page tree, sections, topics
    with CaptureQueriesContext(connection) as captured:
        sections = whats_new(user, start)
    return len(captured.captured_queries), sections


def test_queries_do_not_grow_with_the_news(world, reader, start):
    few, sections = _queries(reader, start)
    assert {s.key for s in sections} == {"forum", "learning", "webinars", "catalogue", "teams"}
    world(8)
    many, sections = _queries(reader, start)
    assert all(s.more for s in sections)  # every section has more than it shows
    assert many == few, (few, many)
    # A fixed number per member: two or three per source of news or of topics.
    assert few <= 16, few
