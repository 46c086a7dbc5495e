"""Backup and restore: a demo site, backed up, restored into an empty database and
data folder, is the same site: rows, pages, search results and files.

In processes of their own, each with its own DATA_DIR (SQLite file, media,
search index, cache). With DATABASE_URL naming PostgreSQL (tests/with_postgres.sh),
both sites use new databases on that server instead.
"""

import json
import os
import subprocess
import sys
import uuid
from contextlib import contextmanager
from pathlib import Path

import dj_database_url
import psycopg
import pytest

ROOT = Path(__file__).resolve().parents[2]
SNAPSHOT = Path(__file__).with_name("snapshot.py")


@contextmanager
def two_databases():
    """(source URL, target URL): new PostgreSQL databases when the suite runs on
    PostgreSQL, dropped afterwards; else None, None (SQLite files under DATA_DIR)."""
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        yield None, None
        return
    config = dj_database_url.parse(url)
    names = [f"leerkring_backup_{uuid.uuid4().hex[:8]}_{side}" for side in ("a", "b")]
    admin = psycopg.connect(dbname=config["NAME"], user=config["USER"],
                            password=config["PASSWORD"] or None, host=config["HOST"],
                            port=config["PORT"] or None, autocommit=True)
    try:
        for name in names:
            admin.execute(f'CREATE DATABASE "{name}"')
        base = url.rsplit("/", 1)[0]
        yield tuple(f"{base}/{name}" for name in names)
    finally:
        for name in names:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.close()


def _env(data_dir, database_url):
    env = {key: value for key, value in os.environ.items()
           if key not in ("DATABASE_URL", "WHOOSH_DIR", "MEDIA_ROOT", "SEARCH_BACKEND",
                          "CACHE_BACKEND", "CACHE_LOCATION", "TASKS_BACKEND")}
    env.update(DJANGO_SETTINGS_MODULE="leerkring.settings.dev", DATA_DIR=str(data_dir),
               PYTHONWARNINGS="ignore")
    if database_url:
        env["DATABASE_URL"] = database_url
    return env


def _run(*args, env):
    result = subprocess.run([sys.executable, *args], cwd=ROOT, env=env, capture_output=True,
                            text=True, timeout=600)
    return result


def _ok(*args, env):
    result = _run(*args, env=env)
    assert result.returncode == 0, result.stderr
    return result.stdout


@pytest.fixture(scope="module")
def restored(tmp_path_factory):
    """Both sites' snapshots, the backup folder and the restored site's environment."""
    tmp = tmp_path_factory.mktemp("backup")
    with two_databases() as (source_url, target_url):
        source = _env(tmp / "source", source_url)
        _ok("manage.py", "migrate", "--no-input", "-v0", env=source)
        _ok("manage.py", "load_demo", env=source)
        folder = Path(_ok("manage.py", "backup", str(tmp / "backups"), env=source)
                      .strip().splitlines()[-1])
        before = json.loads(_ok(str(SNAPSHOT), env=source))

        target = _env(tmp / "target", target_url)
        restore = _ok("manage.py", "restore", str(folder), env=target)
        checked = _run("manage.py", "check_search_index", env=target)
        after = json.loads(_ok(str(SNAPSHOT), env=target))
        again = _run("manage.py", "restore", str(folder), env=target)
        yield {"before": before, "after": after, "folder": folder, "restore": restore,
               "checked": checked, "again": again, "target": tmp / "target"}


def test_the_restored_site_has_the_same_rows(restored):
    before, after = restored["before"]["counts"], restored["after"]["counts"]
    assert before["wagtailcore.Page"] > 40 and before["library.LibraryDocument"] > 5
    assert before["accounts.User"] >= 5 and before["forum.Question"] > 0
    assert after == before


def test_the_restored_site_shows_the_same_pages_and_files(restored):
    before, after = restored["before"], restored["after"]
    assert len(before["pages"]) > 40
    assert {status for status, _title, _heading in before["pages"].values()} == {200}
    assert after["pages"] == before["pages"]
    assert len(before["files"]) > 5
    assert {status for status, _digest in before["files"].values()} == {200}
    assert after["files"] == before["files"]


def test_the_search_index_is_rebuilt(restored):
    assert restored["checked"].returncode == 0, restored["checked"].stderr
    assert "matches the database" in restored["checked"].stdout
    before, after = restored["before"]["searches"], restored["after"]["searches"]
    assert all(results for _count, results in before.values())
    assert after == before


def test_the_backup_is_complete_and_private(restored):
    folder = restored["folder"]
    manifest = json.loads((folder / "manifest.json").read_text())
    on_postgres = os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://"))
    assert manifest["database"] == ("postgresql" if on_postgres else "sqlite")
    database = "database.pgdump" if on_postgres else "database.sqlite3"
    assert sorted(path.name for path in folder.iterdir()) == sorted(
        [database, "manifest.json", "media.tar"])
    assert folder.stat().st_mode & 0o777 == 0o700
    assert {path.stat().st_mode & 0o777 for path in folder.iterdir()} == {0o600}
    assert not [path for path in folder.parent.iterdir() if path.name.startswith(".")]


def test_a_restore_never_overwrites_a_site(restored):
    again = restored["again"]
    assert again.returncode != 0
    assert "not empty" in again.stderr
