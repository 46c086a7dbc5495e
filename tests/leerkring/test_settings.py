"""Settings: environment variables, production safety and the SQLite setup."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connection

REPO = Path(__file__).resolve().parents[2]
STRONG_KEY = "x" * 30 + "-production-test-key-0123456789abcdef"


def _run_manage(*args, **env):
    environment = {k: v for k, v in os.environ.items() if k not in ("SECRET_KEY", "DATABASE_URL")}
    environment.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=REPO, env=environment,
        capture_output=True, text=True, timeout=120,
    )


def test_production_passes_check_deploy(tmp_path):
    result = _run_manage(
        "check", "--deploy", "--fail-level", "WARNING",
        DJANGO_SETTINGS_MODULE="leerkring.settings.production", SECRET_KEY=STRONG_KEY,
        DATA_DIR=str(tmp_path), ALLOWED_HOSTS="leerkring.example",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_secret_key(tmp_path):
    result = _run_manage(
        "check", DJANGO_SETTINGS_MODULE="leerkring.settings.production", DATA_DIR=str(tmp_path)
    )
    assert result.returncode != 0
    assert "Set SECRET_KEY" in result.stderr


def test_production_refuses_demo_content(tmp_path):
    result = _run_manage(
        "load_demo", DJANGO_SETTINGS_MODULE="leerkring.settings.production",
        SECRET_KEY=STRONG_KEY, DATA_DIR=str(tmp_path),
    )
    assert result.returncode != 0
    assert "not allowed" in result.stderr


def test_environment_variables_are_read(tmp_path):
    code = (
        "from django.conf import settings as s; "
        "print(s.DATABASES['default']['ENGINE'], s.DATABASES['default']['NAME'], "
        "s.ALLOWED_HOSTS, s.MEDIA_ROOT, s.EMAIL_BACKEND, s.SECURE_PROXY_SSL_HEADER)"
    )
    result = _run_manage(
        "shell", "-c", code,
        DJANGO_SETTINGS_MODULE="leerkring.settings.production", SECRET_KEY=STRONG_KEY,
        DATABASE_URL=f"sqlite:///{tmp_path}/other.sqlite3", ALLOWED_HOSTS="a.example, b.example",
        MEDIA_ROOT=str(tmp_path / "uploads"),
        EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend", BEHIND_TLS_PROXY="true",
    )
    assert result.returncode == 0, result.stderr
    line = result.stdout.strip().splitlines()[-1]
    assert f"{tmp_path}/other.sqlite3" in line
    assert "['a.example', 'b.example']" in line
    assert str(tmp_path / "uploads") in line
    assert "smtp.EmailBackend" in line
    assert "HTTP_X_FORWARDED_PROTO" in line


@pytest.mark.parametrize("backend, location", [
    ("django.core.cache.backends.filebased.FileBasedCache", "/srv/leerkring/cache"),
    ("django.core.cache.backends.redis.RedisCache", "redis://cache.example:6379/3"),
])
def test_renditions_are_kept_in_the_shared_cache(tmp_path, backend, location):
    """Wagtail forgets a replaced image's renditions only in its own process: with
    several processes (on one machine or several) they must be kept where all see."""
    # The settings alone: starting Django would connect to the cache server.
    code = ("import sys; sys.path.insert(0, 'site'); from leerkring.settings import dev as s; "
            "r = s.CACHES['renditions']; "
            "print(r['BACKEND'], r.get('LOCATION'), r.get('KEY_PREFIX'))")
    environment = {**os.environ, "DATA_DIR": str(tmp_path), "CACHE_BACKEND": backend,
                   "CACHE_LOCATION": location}
    result = subprocess.run([sys.executable, "-c", code], cwd=REPO, env=environment,
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == f"{backend} {location} renditions"


def test_postgres_url_is_understood(monkeypatch):
    import dj_database_url

    config = dj_database_url.parse("postgres://lk:pw@db.example:5432/leerkring")
    assert config["ENGINE"] == "django.db.backends.postgresql"
    assert config["NAME"] == "leerkring"


def test_sqlite_runs_in_wal_mode_with_a_busy_timeout(tmp_path):
    """The embedded default, checked in a process of its own (whatever this run uses)."""
    code = (
        "from django.db import connection as c; cur = c.cursor(); "
        "cur.execute('PRAGMA journal_mode'); print(cur.fetchone()[0]); "
        "cur.execute('PRAGMA busy_timeout'); print(cur.fetchone()[0])"
    )
    result = _run_manage("shell", "-c", code, DATA_DIR=str(tmp_path))
    assert result.returncode == 0, result.stderr
    journal, timeout = result.stdout.split()[-2:]
    assert journal == "wal"
    assert int(timeout) >= 5000


@pytest.mark.django_db
def test_no_missing_migrations():
    call_command("makemigrations", "--check", "--dry-run", verbosity=0)


def test_the_sqlite_test_database_is_a_file(db):
    """Threads of the concurrency tests need SQLite's real locking: in memory, a second
    writer fails at once ("database table is locked") instead of waiting its turn."""

    if connection.vendor == "sqlite":
        assert not connection.is_in_memory_db()
