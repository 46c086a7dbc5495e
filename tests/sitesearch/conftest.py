"""Search fixtures: a fresh on-disk index per test, filled from the database.

Whoosh's RAM storage is per thread, and an index is not rolled back with the
test's transaction: each test gets its own folder.
"""

import pytest
from django.test.utils import CaptureQueriesContext
from wagtail.rich_text import RichText

from learning.models import LearningPackagePage, LessonPage
from leerkring.settings.base import search_connections
from sitesearch import queue
from sitesearch.languages import all_aliases


@pytest.fixture
def search_index(settings, tmp_path, demo):
    settings.HAYSTACK_CONNECTIONS = search_connections("whoosh", tmp_path / "whoosh")
    settings.SEARCH_QUEUE_INLINE = False
    queue.rebuild()
    return Index()


class Index:
    """What is in the indexes, and running the queue."""

    def ids(self, alias=None):
        aliases = [alias] if alias else all_aliases()
        found = set()
        for name in aliases:
            found |= set(queue.get_backend(name).document_ids())
        return found

    def titles(self, alias):
        return queue.get_backend(alias).document_ids()

    def run(self):
        return queue.process_queue()


def ident(obj):
    return f"{obj._meta.label_lower}.{obj.pk}"


@pytest.fixture
def package(demo):
    return LearningPackagePage.objects.live().filter(locale__language_code="nl").first()


@pytest.fixture
def english_package(demo):
    return LearningPackagePage.objects.live().filter(locale__language_code="en",
                                                     alias_of__isnull=True).first()


@pytest.fixture
def make_lesson():
    def make(parent, title, text, publish=True, slug=None):
        lesson = LessonPage(title=title, slug=slug or title.lower().replace(" ", "-")[:50],
                            body=[("text", RichText(f"<p>{text}</p>"))])
        parent.add_child(instance=lesson)
        if publish:
            lesson.save_revision().publish()
        else:
            lesson.live = False
            lesson.save()
        return LessonPage.objects.get(pk=lesson.pk)
    return make


@pytest.fixture
def count_queries():
    from django.db import connection

    return lambda: CaptureQueriesContext(connection)
