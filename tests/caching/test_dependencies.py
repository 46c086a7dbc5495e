"""A kept value that reads more than its scopes cover is caught (caching/dependencies.py)."""

import pytest
from django.http import HttpRequest
from django.template import Context, Template

import caching
from caching.dependencies import UndeclaredDependency
from forum.models import Flag, Follow
from topics.models import Topic, topics_in_language

pytestmark = pytest.mark.django_db


def _render(source, **context):
    request = HttpRequest()
    return Template("{% load kept %}" + source).render(Context({"request": request, **context}))


def test_a_fragment_reading_a_scope_it_did_not_declare_is_caught(demo):
    # The topic names belong to the "topics" scope: renaming one would leave
    # this HTML stale for as long as no post changed.
    topics = Topic.objects.filter(locale__language_code="nl")
    with pytest.raises(UndeclaredDependency, match=r"reads topics_topic, watched by \['topics'\]"):
        _render('{% kept "forum-topics" "forum" %}{% for t in topics %}{{ t.name }}'
                "{% endfor %}{% endkept %}", topics=topics)
    # Declared, the same fragment is kept.
    html = _render('{% kept "forum-topics" "forum topics" %}{% for t in topics %}{{ t.name }}'
                   "{% endfor %}{% endkept %}", topics=topics)
    assert "ICT" in html


def test_a_kept_value_used_inside_another_brings_its_scopes(demo):
    with pytest.raises(UndeclaredDependency, match=r"uses .*depends on \['topics'\]"):
        _render('{% kept "topic-count" "forum" %}{{ count }}{% endkept %}',
                count=lambda: len(topics_in_language("nl")))
    # Also when the inner value was already kept, and so reads nothing now.
    topics_in_language("nl")
    with pytest.raises(UndeclaredDependency, match=r"uses .*depends on \['topics'\]"):
        caching.remember("forum", "topic-count", lambda: len(topics_in_language("nl")))


def test_personal_data_in_a_shared_value_is_caught(participant, demo):
    # Nothing watches reports: a kept list of them would never change.
    with pytest.raises(UndeclaredDependency, match="which no scope watches"):
        caching.remember("forum", "reporters", lambda: list(Flag.objects.all()))
    # Follows are watched, by a scope this value does not declare.
    with pytest.raises(UndeclaredDependency, match=r"watched by \['follows'\]"):
        caching.remember("forum", "followers", lambda: list(Follow.objects.all()))


def test_a_process_memo_is_checked_too(demo):
    with pytest.raises(UndeclaredDependency, match=r"reads topics_topic"):
        caching.memo("sections", "not-a-section", lambda: Topic.objects.first())


def test_what_was_caught_is_not_kept(demo):
    with pytest.raises(UndeclaredDependency):
        caching.remember("forum", "first-topic", lambda: Topic.objects.first())
    assert caching.remember("forum", "first-topic", lambda: "computed anew") == "computed anew"


def test_without_checks_nothing_is_looked_at(settings, demo):
    settings.CACHING_CHECKS = False
    assert caching.remember("forum", "first-topic", lambda: Topic.objects.first()) is not None
