"""Fixtures for the operations tests: search indexes that open, and an empty queue."""

import pytest

from leerkring.settings.base import search_connections
from sitesearch.languages import all_aliases
from sitesearch.models import IndexUpdate
from sitesearch.queue import get_backend


@pytest.fixture
def search_ready(settings, tmp_path, db):
    """Empty indexes in a folder of the test's own, and no update waiting
    (the demo's updates stay queued in the test database: no worker runs)."""
    settings.HAYSTACK_CONNECTIONS = search_connections("whoosh", tmp_path / "whoosh")
    settings.SEARCH_QUEUE_INLINE = False
    for alias in all_aliases():
        get_backend(alias).setup()
    IndexUpdate.objects.all().delete()
