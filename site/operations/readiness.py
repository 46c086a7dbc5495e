"""Is this web process ready for traffic? ``/health/ready/``, for load balancers and monitoring.

``/health/`` (pages/views.py) stays the cheap liveness probe: the process
answers and reaches its database. Readiness also asks what the site needs
besides: the shared cache (set and read back a random key), the search
indexes (they open) with the queue of index updates, and the queue of
background tasks. A queue whose oldest entry waits longer than
HEALTH_INDEX_QUEUE_MAX_AGE_SECONDS or HEALTH_TASK_QUEUE_MAX_AGE_SECONDS
means its worker (``process_index_queue --watch``, ``db_worker``) is down or
stuck, which nothing else would show: pages still answer, but changes stay
findable after withdrawal and reset emails never leave.

The answer is JSON, 200 when every check passes and 503 otherwise. It is
public, so it says only which check failed: the exceptions (with paths,
host names or queries) go to the log.
"""

import logging
import secrets

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.core.cache import cache
from django.db import connection
from django.db.models import Min
from django.http import JsonResponse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from django_tasks import DEFAULT_TASK_BACKEND_ALIAS, task_backends
from django_tasks_db.backend import DatabaseBackend
from django_tasks_db.models import DBTaskResult, get_date_max
from haystack.backends.whoosh_backend import WhooshSearchBackend
from whoosh import index as whoosh_index

from sitesearch.languages import all_aliases
from sitesearch.models import IndexUpdate
from sitesearch.queue import get_backend

logger = logging.getLogger(__name__)


class NotReady(Exception):
    """A check's own verdict (as opposed to an error while checking)."""


def check_database():
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return {}


def check_cache():
    key, value = f"leerkring:ready:{secrets.token_hex(8)}", secrets.token_hex(8)
    cache.set(key, value, timeout=60)
    try:
        if cache.get(key) != value:
            raise NotReady("the cache did not keep a value")
    finally:
        cache.delete(key)
    return {}


def _age_seconds(moment):
    return 0 if moment is None else max(0, round((timezone.now() - moment).total_seconds()))


def _indexes_open():
    """Whether every language's index opens (and answers, for a search server)."""
    try:
        for alias in all_aliases():
            backend = get_backend(alias)
            if isinstance(backend, WhooshSearchBackend):
                # Open what is there: haystack's setup() would make a missing index.
                if not whoosh_index.exists_in(backend.path):
                    logger.warning("Not ready: no search index in %s", backend.path)
                    return False
                whoosh_index.open_dir(backend.path).doc_count()
            else:
                backend.search("*:*", end_offset=1)
    except Exception:  # noqa: BLE001 - any failure means the index is not usable
        logger.warning("Not ready: a search index does not open", exc_info=True)
        return False
    return True


def check_search():
    found = {
        "index": _indexes_open(),
        "queued": IndexUpdate.objects.count(),
        "oldest_seconds": _age_seconds(
            IndexUpdate.objects.aggregate(at=Min("created_at"))["at"]),
    }
    if not found["index"] or found["oldest_seconds"] > settings.HEALTH_INDEX_QUEUE_MAX_AGE_SECONDS:
        raise NotReady(found)
    return found


def check_tasks():
    backend = task_backends[DEFAULT_TASK_BACKEND_ALIAS]
    if not isinstance(backend, DatabaseBackend):
        return {"backend": type(backend).__name__}  # tasks run at once: nothing waits
    ready = DBTaskResult.objects.ready().filter(backend_name=backend.alias)
    # A task waits since it was queued, or since its run_after if it was deferred.
    never = get_date_max()
    since = [ready.filter(run_after=never).aggregate(at=Min("enqueued_at"))["at"],
             ready.exclude(run_after=never).aggregate(at=Min("run_after"))["at"]]
    oldest = max((_age_seconds(moment) for moment in since if moment is not None), default=0)
    found = {"backend": type(backend).__name__, "waiting": ready.count(),
             "oldest_seconds": oldest}
    if oldest > settings.HEALTH_TASK_QUEUE_MAX_AGE_SECONDS:
        raise NotReady(found)
    return found


CHECKS = {
    "database": check_database,
    "cache": check_cache,
    "search": check_search,
    "tasks": check_tasks,
}


def run_checks():
    """{name: {"ok": bool, ...figures}} for every check."""
    results = {}
    for name, check in CHECKS.items():
        try:
            results[name] = {"ok": True, **check()}
        except NotReady as verdict:
            found = verdict.args[0] if verdict.args else None
            results[name] = {"ok": False, **(found if isinstance(found, dict) else {})}
            logger.warning("Not ready: %s: %s", name, verdict)
        except Exception:  # noqa: BLE001 - any failure means not ready; the log says why
            results[name] = {"ok": False}
            logger.warning("Not ready: the %s check failed", name, exc_info=True)
    return results


@login_not_required
@never_cache
@require_GET
def ready(request):
    results = run_checks()
    ok = all(result["ok"] for result in results.values())
    return JsonResponse({"status": "ok" if ok else "error", "checks": results},
                        status=200 if ok else 503)
