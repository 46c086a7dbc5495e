"""The caching layer's rules: scopes move on the changes they watch, an entry lives
while none of its scopes moves, and a process memo follows its scopes in and out
of requests."""

import pytest
from django.core.cache import cache
from django.http import HttpRequest
from django.template import Context, Template

import caching
from caching import dependencies
from caching.scopes import MEMOS, SCOPES
from forum import thread
from topics.models import Topic

pytestmark = pytest.mark.django_db


def test_every_label_of_the_table_names_a_model_and_every_watched_table_a_scope():
    # Resolved at start-up (caching/apps.py): a typo would have failed there.
    assert dependencies.TABLE_SCOPES["forum_question"] == {"forum"}
    assert dependencies.TABLE_SCOPES["learning_lessonpage"] == {"pages"}  # a page type
    assert dependencies.TABLE_SCOPES["library_librarydocument"] == {"library", "collections"}
    assert dependencies.TABLE_SCOPES["wagtailcore_pageviewrestriction_groups"] == {"pages"}
    assert all(scope in SCOPES for memo in MEMOS.values() for scope in memo.scopes)


def test_the_forum_watches_the_names_its_threads_keep():
    watch = next(w for w in SCOPES["forum"].watches if not isinstance(w, str))
    assert watch.label == "accounts.User"
    assert set(watch.fields) == set(thread.NAME_FIELDS)


def test_an_entry_lives_while_none_of_its_scopes_moves(demo):
    compute = Counter()
    assert caching.remember(("forum", "topics"), ("answer", 1), compute) == 1
    assert caching.remember(("forum", "topics"), ("answer", 1), compute) == 1
    assert caching.remember(("forum", "topics"), ("answer", 2), compute) == 2  # another key
    caching.invalidate("catalogue")  # not one of its scopes
    assert caching.remember(("forum", "topics"), ("answer", 1), compute) == 1
    topic = Topic.objects.first()
    topic.save()  # watched by "topics"
    assert caching.remember(("forum", "topics"), ("answer", 1), compute) == 3


def test_an_unknown_scope_is_refused():
    with pytest.raises(KeyError, match="caching/scopes.py"):
        caching.remember("topic", "typo", lambda: None)


class Counter:
    """A compute function that returns how often it was called."""

    def __init__(self):
        self.calls = 0

    def __call__(self):
        self.calls += 1
        return self.calls


def test_a_memo_outside_a_request_sees_every_change(demo):
    count = Counter()

    def kept():
        return caching.memo("sections", "test", count)

    assert kept() == 1
    assert kept() == 1
    caching.invalidate("pages")  # as another process would, through the shared cache
    assert kept() == 2


def test_a_unit_of_work_reads_each_generation_once_and_sees_its_own_changes(demo):
    count = Counter()

    def kept():
        return caching.memo("sections", "test", count)

    with caching.unit_of_work():
        assert kept() == 1
        # Another process moves the scope: this unit keeps what it read...
        cache.set("leerkring:generation:pages", 1)
        assert kept() == 1
        # ...but its own change counts at once.
        caching.invalidate("pages")
        assert kept() == 2
    with caching.unit_of_work():
        assert kept() == 2


def test_a_memo_with_a_lifetime_expires(monkeypatch):
    now = [1000.0]
    monkeypatch.setattr(caching.time, "monotonic", lambda: now[0])
    count = Counter()

    def kept():
        return caching.memo("analytics-topics", "item", count)

    assert kept() == 1
    now[0] += MEMOS["analytics-topics"].ttl - 1
    assert kept() == 1
    now[0] += 2
    assert kept() == 2


def _render(source, request, **context):
    return Template("{% load kept %}" + source).render(Context({"request": request, **context}))


def test_a_fragment_is_kept_per_language_part_and_generation(demo):
    request = HttpRequest()
    fragment = '{% kept "topic-names" "topics" part %}{{ names }}{% endkept %}'
    assert _render(fragment, request, part="a", names="first") == "first"
    assert _render(fragment, request, part="a", names="second") == "first"
    assert _render(fragment, request, part="b", names="second") == "second"
    caching.invalidate("topics")
    assert _render(fragment, request, part="a", names="third") == "third"


def test_a_fragment_renders_afresh_for_a_preview_or_a_part_that_is_none(demo):
    request = HttpRequest()
    fragment = '{% kept "topic-names" "topics" part %}{{ names }}{% endkept %}'
    assert _render(fragment, request, part=None, names="first") == "first"
    assert _render(fragment, request, part=None, names="second") == "second"
    _render(fragment, request, part="a", names="kept")
    request.is_preview = True
    assert _render(fragment, request, part="a", names="draft") == "draft"


def test_a_fragment_names_its_scopes_in_the_table():
    from django.template import TemplateSyntaxError

    with pytest.raises(TemplateSyntaxError, match="unknown scopes"):
        Template('{% load kept %}{% kept "x" "forum topic" %}{% endkept %}')
    with pytest.raises(TemplateSyntaxError, match="quoted"):
        Template("{% load kept %}{% kept x forum %}{% endkept %}")


def test_a_request_reads_each_generation_at_most_once(member_client, monkeypatch, demo):
    member_client.get("/nl/")  # fills what is kept
    calls = []
    real = cache.get_many

    def counting(keys, *args, **kwargs):
        calls.append(keys)
        return real(keys, *args, **kwargs)

    monkeypatch.setattr(cache, "get_many", counting)
    assert member_client.get("/nl/").status_code == 200
    read = [key for keys in calls for key in keys if key.startswith("leerkring:generation:")]
    assert read
    assert len(read) == len(set(read))  # none twice in one request
