"""Which changes queue which index updates.

- saving or deleting an indexed object (any index: haystack finds them);
- a change of the many-to-many relations of an indexed object (topics);
- what an index names in ``related()`` (an answer queues its question);
- for every page model: a change of page privacy (a view restriction on the
  page or above it, in any language version), a move or publishing (the slug, hence the URLs below,
  may have changed) queues the whole subtree.

Publishing, unpublishing and deleting save or delete the page, which is
covered by the first rule. Queued rows are applied by queue.py.
"""

from django.db.models.signals import m2m_changed, post_delete, post_save
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, post_page_move

from pages.visibility import subtrees_closed_with

from . import queue
from .indexes import all_indexes

_watch = None


def watched():
    """{model: [(indexed model, function(instance) -> pks)]}, built on first use."""
    global _watch
    if _watch is None:
        watch = {}
        for model, index in all_indexes().items():
            watch.setdefault(model, []).append((model, lambda instance: [instance.pk]))
            for sender, keys in index.related():
                watch.setdefault(sender, []).append((model, keys))
        _watch = watch
    return _watch


def _indexed_model_of(instance):
    if isinstance(instance, Page):
        try:
            return instance.specific_class
        except AttributeError:
            return None
    return type(instance)


def _changed(sender, instance, **kwargs):
    if kwargs.get("raw"):
        return
    watch = watched()
    entries = watch.get(sender, [])
    if isinstance(instance, Page) and sender not in watch:
        specific = _indexed_model_of(instance)
        entries = [(specific, lambda page: [page.pk])] if specific in watch else []
    for model, keys in entries:
        queue.enqueue(model, keys(instance))


def _relations_changed(sender, instance, action, model, pk_set, **kwargs):
    if action not in ("post_add", "post_remove", "post_clear"):
        return
    if type(instance) in all_indexes():
        queue.enqueue(type(instance), [instance.pk])
    elif model in all_indexes() and pk_set:
        queue.enqueue(model, pk_set)


def enqueue_subtree(path):
    """Every indexed page at or below ``path``."""
    page_models = [model for model in all_indexes() if issubclass(model, Page)]
    for model in page_models:
        pks = model.objects.filter(path__startswith=path).values_list("pk", flat=True)
        queue.enqueue(model, list(pks))


def _privacy_changed(sender, instance, **kwargs):
    # A rule closes the page's subtree in every language (pages/visibility.py).
    page = Page.objects.filter(pk=instance.page_id).only("path").first()
    if page is not None:
        for path in subtrees_closed_with(page.path):
            enqueue_subtree(path)


def _moved(sender, instance, **kwargs):
    page = Page.objects.filter(pk=instance.pk).only("path").first()
    if page is not None:
        enqueue_subtree(page.path)


def _published(sender, instance, **kwargs):
    if not instance.is_leaf():
        enqueue_subtree(instance.path)


def connect():
    post_save.connect(_changed, dispatch_uid="sitesearch_saved")
    post_delete.connect(_changed, dispatch_uid="sitesearch_deleted")
    m2m_changed.connect(_relations_changed, dispatch_uid="sitesearch_relations")
    post_save.connect(_privacy_changed, sender=PageViewRestriction,
                      dispatch_uid="sitesearch_privacy_saved")
    post_delete.connect(_privacy_changed, sender=PageViewRestriction,
                        dispatch_uid="sitesearch_privacy_deleted")
    post_page_move.connect(_moved, dispatch_uid="sitesearch_moved")
    page_published.connect(_published, dispatch_uid="sitesearch_published")
