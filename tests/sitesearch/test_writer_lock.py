"""The search index has one writer at a time, whichever process (or machine) it runs in.

On PostgreSQL the lock is an advisory lock in the database, which writers on
other machines see as well; on SQLite a file lock beside the index. Each test
holds the lock in this process and tries it from another one, which is what a
second web process or worker does.
"""

import os
import subprocess
import sys
from pathlib import Path
from urllib.parse import quote

import pytest
from django.db import connection

from leerkring.settings.base import search_connections
from sitesearch import queue

ROOT = Path(__file__).resolve().parents[2]
pytestmark = [pytest.mark.concurrency, pytest.mark.django_db]

TRY = """
import time
from sitesearch.queue import single_writer
started = time.monotonic()
try:
    with single_writer(timeout=0.5):
        print("got it", flush=True)
        if {hold}:
            time.sleep(600)
except TimeoutError:
    print("timed out after %.1f" % (time.monotonic() - started), flush=True)
"""


@pytest.fixture
def whoosh_dir(settings, tmp_path):
    """This process and the other one use the same index folder (the file lock's)."""
    settings.HAYSTACK_CONNECTIONS = search_connections("whoosh", tmp_path / "whoosh")
    return tmp_path / "whoosh"


def _database_url():
    """This test's database as a URL, for the other process (advisory locks belong to one
    database); None on SQLite, where only the index folder matters."""
    if connection.vendor != "postgresql":
        return None
    db = connection.settings_dict
    credentials = quote(db["USER"] or "") + (f":{quote(db['PASSWORD'])}" if db["PASSWORD"]
                                            else "")
    return f"postgres://{credentials}@{db['HOST']}:{db['PORT'] or 5432}/{quote(db['NAME'])}"


def _other_process(whoosh_dir, hold=False):
    """Another process trying the lock; on PostgreSQL as on another machine: with an index
    folder of its own (where a file lock would not be seen), sharing only the database."""
    if connection.vendor == "postgresql":
        whoosh_dir = whoosh_dir.parent / "another-machine" / "whoosh"
    env = {key: value for key, value in os.environ.items()
           if key not in ("DATABASE_URL", "SEARCH_BACKEND")}
    env.update(DJANGO_SETTINGS_MODULE="leerkring.settings.dev", PYTHONWARNINGS="ignore",
               DATA_DIR=str(whoosh_dir.parent), WHOOSH_DIR=str(whoosh_dir))
    if _database_url():
        env["DATABASE_URL"] = _database_url()
    command = ["manage.py", "shell", "--no-imports", "-c", TRY.format(hold=hold)]
    return subprocess.Popen([sys.executable, *command], cwd=ROOT, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def test_another_process_times_out_while_the_lock_is_held(whoosh_dir):
    with queue.single_writer(timeout=5):
        out, err = _other_process(whoosh_dir).communicate(timeout=120)
        assert out.startswith("timed out after 0."), err
    # Released: now it gets the lock at once.
    out, err = _other_process(whoosh_dir).communicate(timeout=120)
    assert out.strip() == "got it", err


def test_a_writer_that_dies_releases_the_lock(whoosh_dir):
    """A worker killed while writing (no clean exit) does not block the queue for good."""
    holder = _other_process(whoosh_dir, hold=True)
    try:
        assert holder.stdout.readline().strip() == "got it"
        with pytest.raises(TimeoutError), queue.single_writer(timeout=0.5):
            pass
    finally:
        holder.kill()
        holder.wait(timeout=60)
    with queue.single_writer(timeout=5):
        pass


def test_the_lock_is_the_databases_on_postgresql_and_a_file_on_sqlite(whoosh_dir):
    """Writers on other machines see a lock in the shared database; a file beside the
    index is only seen on this one (enough for SQLite, one machine by definition)."""
    key = queue.WRITER_LOCK_KEY
    with queue.single_writer(timeout=5):
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute(
                    "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND granted "
                    "AND classid::bigint = %s AND objid::bigint = %s AND objsubid = 1",
                    [(key >> 32) & 0xFFFFFFFF, key & 0xFFFFFFFF])
                assert cursor.fetchone()[0] == 1
            assert not (whoosh_dir / "index-writer.lock").exists()
        else:
            assert (whoosh_dir / "index-writer.lock").exists()


class _ServerBackend:
    """What the queue sees of Elasticsearch or Solr (haystack's backend, no ``apply``):
    writes are calls, recorded, each checking that the writer's lock is held."""

    def __init__(self, alias, calls):
        self.alias, self.calls = alias, calls

    def _held(self):
        with pytest.raises(TimeoutError), queue.single_writer(timeout=0):
            pass
        return True

    def remove(self, identifier):
        self.calls.append((self.alias, "remove", identifier, self._held()))

    def update(self, index, objects):
        for obj in objects:
            self.calls.append((self.alias, "update", f"{obj._meta.label_lower}.{obj.pk}",
                               self._held()))


def test_a_search_server_gets_the_queued_rows_from_the_one_writer(whoosh_dir, monkeypatch):
    """With SEARCH_BACKEND elasticsearch7 or solr the queue writes through haystack's
    calls, still one writer at a time: present objects are updated in their language's
    index and removed from the other, gone ones removed everywhere, the rows deleted."""
    from wagtail.models import Locale

    from forum.models import Question, Status
    from sitesearch.models import IndexUpdate
    from topics.models import Topic

    calls = []
    monkeypatch.setattr(queue, "get_backend", lambda alias: _ServerBackend(alias, calls))
    dutch = Locale.objects.get_or_create(language_code="nl")[0]
    topic = Topic.objects.create(locale=dutch, name="Server", slug="server", kind="theme")
    question = Question.objects.create(topic=topic, title="Een vraag", body_markdown="Tekst",
                                       body_html="<p>Tekst</p>", language="nl",
                                       status=Status.PUBLISHED)
    queue.enqueue(Question, [question.pk, question.pk + 1000])

    queue.process_queue()

    present, gone = f"forum.question.{question.pk}", f"forum.question.{question.pk + 1000}"

    def written(alias, kind):
        return {identifier for where, what, identifier, _held in calls
                if (where, what) == (alias, kind)} & {present, gone}

    assert written("default", "update") == {present}
    assert written("default", "remove") == {gone}
    assert written("en", "update") == set()
    assert written("en", "remove") == {present, gone}
    assert all(held for *_call, held in calls)
    assert not IndexUpdate.objects.exists()
