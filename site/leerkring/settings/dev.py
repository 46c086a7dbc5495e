"""Local development: ``make run``."""

from .base import *  # noqa: F403
from .base import SECRET_KEY as _SECRET_KEY

DEBUG = True
SECRET_KEY = _SECRET_KEY or "dev-only-insecure-key-never-use-in-production"
STORAGES["staticfiles"]["BACKEND"] = "django.contrib.staticfiles.storage.StaticFilesStorage"  # noqa: F405
DEMO_CONTENT_ALLOWED = True
CACHING_CHECKS = True
# The dev server applies search index updates itself: no worker to start.
SEARCH_QUEUE_INLINE = env_bool("SEARCH_QUEUE_INLINE", True)  # noqa: F405
# Background tasks too, while the page waits: `make run` starts one process,
# and with the database backend nothing would send password-reset emails or
# update Wagtail's reference index until someone ran `manage.py db_worker`.
# (That the answer then waits for the email does not matter on a dev server.)
# TASKS_BACKEND=database tries the production setup, with the worker beside.
TASKS_BACKEND = env_str("TASKS_BACKEND", "immediate")  # noqa: F405
TASKS = task_backends(TASKS_BACKEND)  # noqa: F405
DATA_DIR.mkdir(parents=True, exist_ok=True)  # noqa: F405 - the SQLite file lives here
