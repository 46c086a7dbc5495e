"""Background tasks in the database: Wagtail's own tasks wait for the worker too.

Wagtail 8 queues tasks of its own through django-tasks: after each save its
admin search index (django-modelsearch) and its reference index, and deleting
the files of deleted documents and images.
With the database backend (production) they wait in the queue, their
arguments stored as JSON, until ``db_worker`` runs them.
"""

import pytest
from django.core.files.base import ContentFile
from django_tasks_db.models import DBTaskResult
from wagtail.models import ReferenceIndex

from leerkring.settings.base import task_backends
from library.models import LibraryDocument
from tests.worker import run_waiting_tasks

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def database_tasks(settings):
    settings.TASKS = task_backends("database")


def _statuses():
    return sorted(DBTaskResult.objects.values_list("task_path", "status"))


def test_a_deleted_documents_file_is_removed_by_the_worker(django_capture_on_commit_callbacks):
    document = LibraryDocument.objects.create(
        title="Weg ermee", file=ContentFile(b"%PDF-1.4 nothing", name="weg-ermee.pdf"))
    storage, name = document.file.storage, document.file.name
    with django_capture_on_commit_callbacks(execute=True):
        document.delete()
    assert storage.exists(name)  # queued, not deleted by the request
    run_waiting_tasks()
    assert not storage.exists(name)
    assert ("wagtail.tasks.delete_file_from_storage_task", "SUCCESSFUL") in _statuses()
    # The index updates queued when it was created found it gone: they fail, harmlessly.
    assert {(path, status) for path, status in _statuses() if status != "SUCCESSFUL"} == {
        ("modelsearch.tasks.insert_or_update_object_task", "FAILED"),
        ("wagtail.tasks.update_reference_index_task", "FAILED")}


def test_the_reference_index_is_updated_by_the_worker(demo):
    document = LibraryDocument.objects.filter(event__isnull=False).first()
    ReferenceIndex.remove_for_object(document)
    document.save()
    assert not ReferenceIndex.get_references_for_object(document).exists()
    run_waiting_tasks()
    references = ReferenceIndex.get_references_for_object(document)
    assert document.event_id in {int(ref.to_object_id) for ref in references}
    assert ("wagtail.tasks.update_reference_index_task", "SUCCESSFUL") in _statuses()
