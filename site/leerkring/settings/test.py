"""The test suite: fast hashing, mail kept in memory, files in a temporary folder."""

import os
import tempfile
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "test-only-insecure-key"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES["staticfiles"]["BACKEND"] = "django.contrib.staticfiles.storage.StaticFilesStorage"  # noqa: F405
_TMP = Path(tempfile.mkdtemp(prefix="leerkring-test-"))
MEDIA_ROOT = _TMP / "media"
STATIC_ROOT = _TMP / "static"
STATIC_ROOT.mkdir()  # whitenoise warns about a missing folder
WHOOSH_DIR = _TMP / "whoosh"
HAYSTACK_CONNECTIONS = search_connections("whoosh", WHOOSH_DIR)  # noqa: F405
DEMO_CONTENT_ALLOWED = True
# Every kept value is checked against the scopes it declares (caching/dependencies.py).
CACHING_CHECKS = True
# Tasks run at once, inside the test; tests of the queue itself switch to the
# database backend (tests/worker.py runs its worker), whatever the environment says.
TASKS_BACKEND = "immediate"
TASKS = task_backends(TASKS_BACKEND)  # noqa: F405
# In memory, fresh for every run (tests/conftest.py clears it per test), unless
# CACHE_BACKEND names a server: the production-stack pass runs on Redis
# (tests/with_redis.sh). Each pytest-xdist worker then has a database of its own,
# since clearing the cache empties the whole database.
if env_str("CACHE_BACKEND") is None:  # noqa: F405
    CACHES["default"] = {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}  # noqa: F405
elif "redis" in CACHES["default"]["BACKEND"].lower():  # noqa: F405
    _database = int(os.environ.get("PYTEST_XDIST_WORKER", "gw-1").removeprefix("gw")) + 1
    _location = urlsplit(CACHES["default"]["LOCATION"])  # noqa: F405
    CACHES["default"]["LOCATION"] = urlunsplit(_location._replace(path=f"/{_database}"))  # noqa: F405
CACHES["renditions"] = {**CACHES["default"], "KEY_PREFIX": "renditions"}  # noqa: F405
if "sqlite" in DATABASES["default"]["ENGINE"]:  # noqa: F405 - ours or Django's backend
    # A file, as in production: Django's default in-memory test database is
    # shared between threads through SQLite's shared cache, where a second
    # writer fails at once instead of waiting; concurrency tests need the real
    # locking (WAL, IMMEDIATE transactions, busy timeout: settings/base.py).
    DATABASES["default"]["TEST"] = {"NAME": str(_TMP / "test.sqlite3")}  # noqa: F405
