"""Four processes change content at once; afterwards the index equals the database.

The processes share the suite's database server: PostgreSQL when DATABASE_URL
names one (``make test`` runs this there too), in a database of their own made
for the test and dropped afterwards; else a SQLite file. They take turns
writing the index through the writer lock (an advisory lock on PostgreSQL, a
file lock on SQLite: sitesearch/queue.py).
"""

import json
import os
import secrets
import subprocess
import sys
from collections import Counter
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHURN = Path(__file__).with_name("churn.py")
PROCESSES = 4
OPERATIONS = 40


@contextmanager
def _database():
    """A fresh database on the PostgreSQL server in DATABASE_URL, as a URL, dropped
    afterwards; None without one (the processes use SQLite in their data folder)."""
    server = os.environ.get("DATABASE_URL", "")
    if urlsplit(server).scheme not in ("postgres", "postgresql"):
        yield None
        return
    import psycopg

    name = f"leerkring_churn_{secrets.token_hex(6)}"
    with psycopg.connect(server, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield urlunsplit(urlsplit(server)._replace(path=f"/{name}"))
    finally:
        with psycopg.connect(server, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _env(data_dir, database_url):
    env = {key: value for key, value in os.environ.items()
           if key not in ("DATABASE_URL", "WHOOSH_DIR", "MEDIA_ROOT", "SEARCH_BACKEND")}
    env.update(DJANGO_SETTINGS_MODULE="leerkring.settings.dev", DATA_DIR=str(data_dir),
               SEARCH_QUEUE_INLINE="true", PYTHONWARNINGS="ignore")
    if database_url:
        env["DATABASE_URL"] = database_url
    return env


def _run(*args, env):
    return subprocess.run([sys.executable, *args], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=600)


@pytest.mark.concurrency
def test_four_writers_leave_the_index_equal_to_the_database(tmp_path):
    with _database() as database_url:
        _four_writers(_env(tmp_path, database_url))


def _four_writers(env):
    vendor = _run("manage.py", "shell", "--no-imports", "-c",
                  "from django.db import connection; print(connection.vendor)", env=env)
    assert vendor.stdout.strip() == ("postgresql" if "DATABASE_URL" in env else "sqlite")
    for step in (["manage.py", "migrate", "--no-input", "-v0"], [str(CHURN), "setup"]):
        result = _run(*step, env=env)
        assert result.returncode == 0, result.stderr
    workers = [
        subprocess.Popen([sys.executable, str(CHURN), "churn", str(seed), str(OPERATIONS)],
                         cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                         text=True)
        for seed in range(1, PROCESSES + 1)
    ]
    done = Counter()
    for worker in workers:
        out, err = worker.communicate(timeout=600)
        assert worker.returncode == 0, err
        assert "Could not apply the search index updates" not in err, err
        done.update(json.loads(out.strip().splitlines()[-1]))
    # Content was really created, withdrawn and deleted, by every kind of change.
    assert done["lesson published"] and done["question posted"] and done["topic create"]
    assert done["lesson delete"] + done["lesson unpublish"] + done["lesson private"] > 0
    assert done["question delete"] + done["question hide"] + done["question reject"] > 0

    drained = _run("manage.py", "process_index_queue", env=env)
    assert drained.returncode == 0, drained.stderr
    check = _run("manage.py", "check_search_index", env=env)
    assert check.returncode == 0, check.stderr
    assert "matches the database" in check.stdout
    sizes = json.loads(check.stdout.split(": ", 1)[1].split(" documents")[0])
    assert sizes["default"] > 10 and sizes["en"] > 10

    # The check itself notices a change that bypassed the queue.
    bypass = _run("manage.py", "shell", "-c",
                  "from forum.models import Question; "
                  "Question.objects.filter(status='published').update(status='hidden')", env=env)
    assert bypass.returncode == 0, bypass.stderr
    check = _run("manage.py", "check_search_index", env=env)
    assert check.returncode != 0
    assert "forum.question." in check.stderr
