"""The real search worker (``process_index_queue --watch``) follows the page tree
as it is now: a section renamed and a privacy rule added by another process
count in the worker's next batch, although it read and kept the tree before
(caching: each batch reads the generations anew from the shared cache).

As in production, three kinds of process share a database and the cache: this
test's own subprocesses (``manage.py shell``) change content, the worker
indexes, and this process reads the index files. The database is a fresh one
(SQLite in a temporary folder, or a new database on the suite's PostgreSQL
server), with the demo.
"""

import os
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest

from leerkring.settings.base import search_connections
from sitesearch import queue
from tests.sitesearch.test_concurrency import _database

ROOT = Path(__file__).resolve().parents[2]

QUESTION = """
from forum.models import Question, Status
from topics.models import Topic
question = Question.objects.create(
    topic=Topic.objects.get(locale__language_code="nl", slug="ict"), language="nl",
    title="Welke kringloopkasten zijn er?", body_markdown="Graag.", body_html="<p>Graag.</p>",
    status=Status.PUBLISHED)
print(question.pk)
"""
RENAME_THE_FORUM = """
from forum.models import ForumIndexPage, Question
forum = ForumIndexPage.objects.get(locale__language_code="nl")
forum.slug = "vragen"
forum.save_revision().publish()
question = Question.objects.get(pk={pk})
question.title = "Welke kringloopkasten en -stoelen zijn er?"
question.save()
"""
EDIT_A_LESSON = """
from learning.models import LessonPage
lesson = LessonPage.objects.live().filter(locale__language_code="nl").first()
lesson.title = "Kringloopkasten in de praktijk"
lesson.save_revision().publish()
print(lesson.pk)
"""
CLOSE_ITS_PACKAGE = """
from django.contrib.auth.models import Group
from wagtail.models import PageViewRestriction
from learning.models import LessonPage
package = LessonPage.objects.get(pk={pk}).get_parent()
rule = PageViewRestriction.objects.create(page=package,
                                          restriction_type=PageViewRestriction.GROUPS)
rule.groups.set([Group.objects.get(name="Editors")])
"""


@pytest.fixture
def stack(tmp_path, settings):
    """Environment of the processes; this process reads their index."""
    settings.HAYSTACK_CONNECTIONS = search_connections("whoosh", tmp_path / "whoosh")
    env = {key: value for key, value in os.environ.items()
           if key not in ("DATABASE_URL", "SEARCH_BACKEND", "MEDIA_ROOT", "WHOOSH_DIR")}
    env.update(DJANGO_SETTINGS_MODULE="leerkring.settings.dev", PYTHONWARNINGS="ignore",
               DATA_DIR=str(tmp_path), WHOOSH_DIR=str(tmp_path / "whoosh"),
               SEARCH_QUEUE_INLINE="false")
    if env.get("CACHE_LOCATION", "").startswith("redis://"):
        # The suite's Redis, in a database of their own.
        env["CACHE_LOCATION"] = urlunsplit(urlsplit(env["CACHE_LOCATION"])._replace(path="/15"))
    with _database() as database_url:
        if database_url:
            env["DATABASE_URL"] = database_url
        for step in (["migrate", "--no-input", "-v0"], ["load_demo"],
                     ["process_index_queue"]):
            _run(env, *step)
        yield env


def _run(env, *args, code=None):
    if code is not None:
        args = ("shell", "--no-imports", "-c", code)
    result = subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env,
                            capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


@pytest.fixture
def worker(stack):
    process = subprocess.Popen(
        [sys.executable, "manage.py", "process_index_queue", "--watch", "--interval", "0.2"],
        cwd=ROOT, env=stack, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    yield process
    process.terminate()
    _out, err = process.communicate(timeout=30)
    assert "Could not apply" not in err, err


def _stored(identifier):
    """The stored fields of ``identifier`` in the Dutch index, or None."""
    backend = queue.get_backend("default")
    if identifier not in backend.document_ids():  # reads the index as it is now
        return None
    with backend.index.searcher() as searcher:
        return searcher.document(id=identifier)


def _wait_for(condition, worker, what):
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if condition():
            return
        assert worker.poll() is None, worker.communicate()[1]
        time.sleep(0.2)
    pytest.fail(f"The worker did not {what} within 120 s")


def test_the_worker_follows_renamed_sections_and_new_privacy_rules(stack, worker):
    question = f"forum.question.{_run(stack, code=QUESTION)}"
    _wait_for(lambda: _stored(question), worker, "index the new question")
    assert "/nl/forum/question/" in _stored(question)["url"]  # the forum page is now kept

    _run(stack, code=RENAME_THE_FORUM.format(pk=question.rsplit(".", 1)[1]))
    _wait_for(lambda: "stoelen" in _stored(question)["title"], worker, "index the edit")
    assert "/nl/vragen/question/" in _stored(question)["url"]

    lesson = f"learning.lessonpage.{_run(stack, code=EDIT_A_LESSON)}"
    _wait_for(lambda: "praktijk" in (_stored(lesson) or {}).get("title", ""), worker,
              "index the edited lesson")  # the privacy rules are now kept
    _run(stack, code=CLOSE_ITS_PACKAGE.format(pk=lesson.rsplit(".", 1)[1]))
    _wait_for(lambda: _stored(lesson) is None, worker, "drop the lesson that became private")
