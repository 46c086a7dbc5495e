"""Index updates: queued with each change, applied by one writer at a time.

Whoosh allows one writer per index, and haystack logs and swallows the lock
errors of a second one: with several web processes a lost update would
leave deleted or withdrawn content findable. So changes are not written to
the index where they happen. Each change adds an ``IndexUpdate`` row (the
object's model and key) in its own transaction, and a single writer applies
the rows: ``manage.py process_index_queue`` (a worker), or the web process
itself after the commit when ``SEARCH_QUEUE_INLINE`` is on (``make run``).
A lock makes any number of such processes take turns (``single_writer``): on
PostgreSQL an advisory lock in the database, so that writers on several
machines sharing it take turns too; on SQLite (one machine by definition) a
file lock beside the index.

Applying an update reads the object's current state: present and allowed by
its index's ``indexable`` rule, it is written to its language's index and
removed from the others; otherwise it is removed everywhere. Rows are
deleted only after the index committed, so a failure leaves them for the
next run, and applying twice is harmless.
"""

import fcntl
import logging
import struct
import time
from collections import defaultdict
from contextlib import contextmanager
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, transaction
from django.db import connections as databases
from haystack import connections

import caching

from .indexes import all_indexes, index_for
from .languages import alias_for, all_aliases
from .models import IndexUpdate

logger = logging.getLogger(__name__)
BATCH_SIZE = 500


def enqueue(model, pks):
    """Queue the objects of ``model`` with these primary keys for reindexing."""
    pks = [pk for pk in pks if pk is not None]
    if not pks:
        return
    label = model._meta.label_lower
    IndexUpdate.objects.bulk_create(
        [IndexUpdate(model=label, object_pk=str(pk)) for pk in dict.fromkeys(pks)]
    )
    if settings.SEARCH_QUEUE_INLINE:
        _schedule_inline()


def _schedule_inline():
    connection = transaction.get_connection()
    if connection.in_atomic_block and any(
        callback is _process_inline for _sids, callback, _robust in connection.run_on_commit
    ):
        return
    transaction.on_commit(_process_inline)


def _process_inline():
    try:
        process_queue()
    except Exception:  # noqa: BLE001 - the rows stay queued; the next change retries
        logger.exception("Could not apply the search index updates; they stay queued")


# --- The single writer -------------------------------------------------------------------

def get_backend(alias):
    """haystack's backend for ``alias``, reloaded when its settings changed (tests)."""
    backend = connections[alias].get_backend()
    path = settings.HAYSTACK_CONNECTIONS[alias].get("PATH")
    if getattr(backend, "path", None) != path:
        connections.reload(alias)
        backend = connections[alias].get_backend()
    return backend


def lock_path():
    options = settings.HAYSTACK_CONNECTIONS["default"]
    folder = Path(options["PATH"]).parent if options.get("PATH") else Path(settings.DATA_DIR)
    folder.mkdir(parents=True, exist_ok=True)
    return folder / "index-writer.lock"


# The advisory lock's key: the same in every process and on every machine (advisory
# locks belong to one database, so other databases on the server do not share it).
WRITER_LOCK_KEY = struct.unpack(">q", b"lkSearch")[0]


@contextmanager
def single_writer(timeout=60):
    """Hold the writer's lock: no other process, on this machine or (PostgreSQL)
    another, holds it meanwhile. Waits up to ``timeout`` seconds, then raises
    TimeoutError."""
    database = databases[DEFAULT_DB_ALIAS]
    hold = _database_lock if database.vendor == "postgresql" else _file_lock
    with hold(timeout):
        yield


def _wait(try_lock, timeout):
    deadline = time.monotonic() + timeout
    while not try_lock():
        if time.monotonic() > deadline:
            raise TimeoutError("Another process holds the search index lock")
        time.sleep(0.05)


@contextmanager
def _file_lock(timeout):
    with open(lock_path(), "a") as lock_file:
        def try_lock():
            try:
                fcntl.flock(lock_file, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                return False
            return True

        _wait(try_lock, timeout)
        try:
            yield
        finally:
            fcntl.flock(lock_file, fcntl.LOCK_UN)


@contextmanager
def _database_lock(timeout):
    # A session lock on a connection of its own: it lasts across the batches'
    # transactions (a rollback does not release it), is never caught in the
    # caller's transaction, and goes with the session when the connection closes,
    # or the process dies.
    session = databases[DEFAULT_DB_ALIAS].copy()
    try:
        with session.cursor() as cursor:
            def try_lock():
                cursor.execute("SELECT pg_try_advisory_lock(%s)", [WRITER_LOCK_KEY])
                return cursor.fetchone()[0]

            _wait(try_lock, timeout)
            yield
    finally:
        session.close()


def process_queue():
    """Apply every queued update; return how many rows were applied."""
    done = 0
    if not IndexUpdate.objects.exists():
        return done  # nothing to write: no lock to take (the worker asks every second)
    with single_writer():
        while True:
            rows = list(IndexUpdate.objects.order_by("pk")
                        .values_list("pk", "model", "object_pk")[:BATCH_SIZE])
            if not rows:
                return done
            keys = defaultdict(set)
            for _pk, label, object_pk in rows:
                keys[label].add(object_pk)
            # One batch reads each cache generation once: the addresses it
            # indexes follow the page tree as it is now (pages moved, renamed).
            with caching.unit_of_work():
                apply_updates(keys)
            IndexUpdate.objects.filter(pk__in=[row[0] for row in rows]).delete()
            done += len(rows)


def apply_updates(keys):
    """Bring the entries of ``keys`` ({model label: {pk, ...}}) in line with the database."""
    aliases = all_aliases()
    updates = {alias: [] for alias in aliases}
    removals = {alias: set() for alias in aliases}
    for label, pks in keys.items():
        try:
            model = apps.get_model(label)
        except (LookupError, ValueError):
            model = None
        index = index_for(model) if model is not None else None
        if index is None:
            for alias in aliases:
                removals[alias].update(f"{label}.{pk}" for pk in pks)
            continue
        found = {str(obj.pk): obj for obj in index.index_queryset().filter(pk__in=pks)}
        for pk in pks:
            obj = found.get(str(pk))
            target = alias_for(index.language_of(obj)) if obj is not None else None
            for alias in aliases:
                if alias == target:
                    updates[alias].append((index, obj))
                else:
                    removals[alias].add(f"{label}.{pk}")
    for alias in aliases:
        if updates[alias] or removals[alias]:
            write(alias, updates[alias], removals[alias])


def write(alias, updates, removals):
    try:
        _write(alias, updates, removals)
    finally:
        # Kept answers (search.py) are computed afresh from the new index.
        caching.invalidate("search")


def _write(alias, updates, removals):
    backend = get_backend(alias)
    if hasattr(backend, "apply"):
        backend.apply(updates, removals)
        return
    # Servers (Elasticsearch, Solr) take concurrent writes; haystack's calls do.
    for identifier in removals:
        backend.remove(identifier)
    by_index = defaultdict(list)
    for index, obj in updates:
        by_index[index].append(obj)
    for index, objects in by_index.items():
        backend.update(index, objects)


def rebuild():
    """Empty every index and fill it from the database (as ``rebuild_index`` does)."""
    with single_writer():
        IndexUpdate.objects.all().delete()
        for alias in all_aliases():
            backend = get_backend(alias)
            backend.clear()
            updates = []
            for index in all_indexes().values():
                updates.extend((index, obj) for obj in index.index_queryset(using=alias))
            write(alias, updates, set())
