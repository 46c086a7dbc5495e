"""/health/ready/: 200 when the database, cache, search and task queue work; 503 and
which one fails otherwise, without saying more than that to the public."""

from datetime import timedelta

import pytest
from django.core.cache.backends.locmem import LocMemCache
from django.db import OperationalError
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from accounts.tasks import send_password_reset_link
from leerkring.settings.base import search_connections, task_backends
from operations import readiness
from sitesearch.models import IndexUpdate

URL = "/health/ready/"
# What a failure's exception says: none of it may reach the answer.
SECRET = "db-7.internal:5432 /srv/leerkring/secret-folder"


class BrokenCache(LocMemCache):
    """A cache server that cannot be reached."""

    def get(self, *args, **kwargs):
        raise ConnectionError(f"Error connecting to {SECRET}")

    def set(self, *args, **kwargs):
        raise ConnectionError(f"Error connecting to {SECRET}")


def _ready(client):
    response = client.get(URL)
    assert response["Content-Type"] == "application/json"
    assert SECRET not in response.content.decode()
    return response.status_code, response.json()


def _failing(body):
    return sorted(name for name, result in body["checks"].items() if not result["ok"])


def test_ready_when_everything_works(client, search_ready):
    status, body = _ready(client)
    assert (status, body["status"], _failing(body)) == (200, "ok", [])
    assert set(body["checks"]) == {"database", "cache", "search", "tasks"}
    assert body["checks"]["search"] == {"ok": True, "index": True, "queued": 0,
                                        "oldest_seconds": 0}


def test_it_is_public_and_never_cached(client, search_ready):
    response = client.get(URL)
    assert response.status_code == 200  # no login asked
    control = response["Cache-Control"]
    assert "no-store" in control and "max-age=0" in control
    assert client.post(URL).status_code == 405


def test_a_cache_that_keeps_nothing_is_not_ready(client, search_ready, settings):
    settings.CACHES = {**settings.CACHES,
                       "default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
    status, body = _ready(client)
    assert (status, body["status"], _failing(body)) == (503, "error", ["cache"])


def test_an_unreachable_cache_is_a_503_not_an_error_page(client, search_ready, settings):
    settings.CACHES = {**settings.CACHES,
                       "default": {"BACKEND": f"{__name__}.BrokenCache"}}
    status, body = _ready(client)
    assert (status, _failing(body)) == (503, ["cache"])


def test_an_unreachable_database_is_not_ready(client, search_ready, monkeypatch):
    class Unreachable:
        def cursor(self):
            raise OperationalError(f"could not connect to server at {SECRET}")

    monkeypatch.setattr(readiness, "connection", Unreachable())
    status, body = _ready(client)
    assert (status, _failing(body)) == (503, ["database"])


def test_a_missing_search_index_is_not_ready(client, search_ready, settings, tmp_path):
    settings.HAYSTACK_CONNECTIONS = search_connections("whoosh", tmp_path / "never-built")
    status, body = _ready(client)
    assert (status, _failing(body)) == (503, ["search"])
    assert body["checks"]["search"]["index"] is False
    assert not (tmp_path / "never-built").exists()  # the check made no empty index


def _queued_update(age):
    row = IndexUpdate.objects.create(model="forum.question", object_pk="1")
    IndexUpdate.objects.filter(pk=row.pk).update(created_at=timezone.now() - age)


def test_a_stuck_index_worker_shows_past_the_threshold(client, search_ready, settings):
    settings.HEALTH_INDEX_QUEUE_MAX_AGE_SECONDS = 300
    _queued_update(timedelta(seconds=20))
    status, body = _ready(client)
    assert status == 200
    assert body["checks"]["search"]["queued"] == 1
    assert 20 <= body["checks"]["search"]["oldest_seconds"] < 300

    _queued_update(timedelta(minutes=10))
    status, body = _ready(client)
    assert (status, _failing(body)) == (503, ["search"])
    assert body["checks"]["search"]["queued"] == 2
    assert body["checks"]["search"]["oldest_seconds"] >= 600

    settings.HEALTH_INDEX_QUEUE_MAX_AGE_SECONDS = 3600  # the threshold is the setting's
    assert _ready(client)[0] == 200


def _queue_reset_task(age=None, run_after=None):
    task = send_password_reset_link
    if run_after is not None:
        task = task.using(run_after=run_after)
    result = task.enqueue("someone@example.org", "nl", domain="testserver", use_https=True,
                          subject_template_name="s.txt", email_template_name="b.txt")
    if age is not None:
        DBTaskResult.objects.filter(id=result.id).update(enqueued_at=timezone.now() - age)
    return result


@pytest.fixture
def database_tasks(settings):
    settings.TASKS = task_backends("database")


def test_a_stuck_task_worker_shows_past_the_threshold(client, search_ready, settings,
                                                      database_tasks):
    settings.HEALTH_TASK_QUEUE_MAX_AGE_SECONDS = 300
    _queue_reset_task(age=timedelta(seconds=30))
    status, body = _ready(client)
    assert status == 200
    assert body["checks"]["tasks"]["waiting"] == 1
    assert body["checks"]["tasks"]["oldest_seconds"] >= 30

    _queue_reset_task(age=timedelta(minutes=10))
    status, body = _ready(client)
    assert (status, _failing(body)) == (503, ["tasks"])
    assert body["checks"]["tasks"]["waiting"] == 2


def test_a_deferred_task_waits_from_its_time_on(client, search_ready, settings,
                                                database_tasks):
    settings.HEALTH_TASK_QUEUE_MAX_AGE_SECONDS = 300
    # Queued long ago for later: not late until its time has passed.
    _queue_reset_task(age=timedelta(days=1), run_after=timezone.now() + timedelta(hours=1))
    status, body = _ready(client)
    assert status == 200
    assert body["checks"]["tasks"]["waiting"] == 0
    _queue_reset_task(run_after=timezone.now() - timedelta(minutes=10))
    status, body = _ready(client)
    assert (status, _failing(body)) == (503, ["tasks"])


def test_finished_tasks_do_not_count(client, search_ready, settings, database_tasks):
    result = _queue_reset_task(age=timedelta(hours=1))
    DBTaskResult.objects.filter(id=result.id).update(status="SUCCESSFUL")
    status, body = _ready(client)
    assert status == 200
    assert body["checks"]["tasks"]["waiting"] == 0


def test_with_immediate_tasks_nothing_waits(client, search_ready):
    status, body = _ready(client)
    assert body["checks"]["tasks"] == {"ok": True, "backend": "ImmediateBackend"}
