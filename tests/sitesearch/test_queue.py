"""The update queue: written with the change, applied by one writer, never lost."""

import pytest
from django.core.management import call_command
from django.db import transaction

from forum.models import Status
from sitesearch import queue
from sitesearch.consistency import differences
from sitesearch.models import IndexUpdate
from tests.sitesearch.conftest import ident
from tests.sitesearch.test_visibility import make_question


def test_a_change_queues_its_update_in_its_own_transaction(search_index):
    with transaction.atomic():
        make_question("Teruggedraaid", Status.PUBLISHED)
        assert IndexUpdate.objects.filter(model="forum.question").count() == 1
        transaction.set_rollback(True)
    assert not IndexUpdate.objects.exists()


def test_a_failed_write_keeps_the_updates_for_the_next_run(search_index, monkeypatch):
    question = make_question("Wie leaset kantoorstoelen?", Status.PUBLISHED)

    def fail(*args):
        raise OSError("disk full")

    monkeypatch.setattr(queue, "write", fail)
    with pytest.raises(OSError):
        queue.process_queue()
    assert IndexUpdate.objects.filter(object_pk=str(question.pk)).exists()
    monkeypatch.undo()
    search_index.run()
    assert not IndexUpdate.objects.exists()
    assert ident(question) in search_index.ids("default")


def test_a_question_moves_index_when_its_language_changes(search_index):
    question = make_question("Wie leaset kantoorstoelen?", Status.PUBLISHED)
    search_index.run()
    question.language = "en"
    question.save()
    search_index.run()
    assert ident(question) in search_index.ids("en")
    assert ident(question) not in search_index.ids("default")


def test_a_new_package_slug_updates_the_urls_of_its_lessons(search_index, package,
                                                             make_lesson):
    lesson = make_lesson(package, "Les onder pakket", "Over kringloopbetonnen.")
    search_index.run()
    package.slug = "nieuw-adres"
    package.save_revision().publish()
    search_index.run()
    stored = search_index.titles("default")
    assert ident(lesson) in stored
    from sitesearch.queue import get_backend

    with get_backend("default").index.searcher() as searcher:
        url = searcher.document(id=ident(lesson))["url"]
    assert "/nieuw-adres/" in url


def test_rebuild_index_fills_every_index_from_the_database(search_index):
    """haystack's command, not Wagtail's: haystack comes first in INSTALLED_APPS."""
    make_question("Nog niet geïndexeerd", Status.PUBLISHED)
    call_command("rebuild_index", interactive=False, verbosity=0)
    assert differences() == {}
    assert len(search_index.ids()) > 50


def test_the_check_command_reports_differences(search_index):
    call_command("check_search_index")
    question = make_question("Stilletjes toegevoegd", Status.PUBLISHED)
    IndexUpdate.objects.all().delete()  # as if the change had bypassed the queue
    assert differences()["default"]["missing"] == [ident(question)]
