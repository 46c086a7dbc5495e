"""What is the same for every member, kept in the shared cache until its sources change.

A *scope* names a kind of source data: "pages" (the page tree, its sites,
locales and privacy), "topics", "forum", "catalogue", "library". Each scope
has a generation number in the default cache, which every web process shares
(a file cache by default, see settings). Saving or deleting a model watched
by a scope starts a new generation, at once and again after the commit: a
request in another process may have stored the old data under the new
generation before the change was visible to it. Entries are stored under
their scope's generation, so the next use anywhere recomputes them; old
entries simply expire.

A request reads each scope's generation once. Only what every member who may
see it sees alike goes here: never the reader's progress, registrations or
groups. Callers that depend on visibility put the audience (e.g. the set of
collections closed to the member) in the key, or keep everything and filter
per reader (the forum's threads, which also hold their authors' names: the
forum scope watches members' names and deleted accounts).
"""

import time

from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save

# A safety net only: entries are replaced when their generation changes.
TIMEOUT = 6 * 3600
_MISSING = object()
_watched = []  # (scope, model classes, fields or None)
_on_invalidate = []  # functions called with the scope, in this process


def _generation_key(scope):
    return f"leerkring:generation:{scope}"


def invalidate(scope):
    """Start a new generation of ``scope``: its entries are recomputed on next use."""
    cache.set(_generation_key(scope), time.time_ns(), None)
    for listener in _on_invalidate:
        listener(scope)


def invalidate_now_and_after_commit(scope):
    invalidate(scope)
    transaction.on_commit(lambda: invalidate(scope))


def current_generation(scope):
    generation = cache.get(_generation_key(scope))
    if generation is None:
        invalidate(scope)
        generation = cache.get(_generation_key(scope))
    return generation


def generation(request, scope):
    """The generation of ``scope``, read once per request."""
    if request is None:
        return current_generation(scope)
    memo = request.__dict__.setdefault("_leerkring_generations", {})
    if scope not in memo:
        memo[scope] = current_generation(scope)
    return memo[scope]


def remember(request, scope, key, compute, timeout=TIMEOUT):
    """``compute()``, or what it returned for this ``key`` in the current generation."""
    full_key = f"leerkring:shared:{scope}:{generation(request, scope)}:{key}"
    value = cache.get(full_key, _MISSING)
    if value is _MISSING:
        value = compute()
        cache.set(full_key, value, timeout)
    return value


def filter_query_key(query, allowed):
    """A listing's query string as part of a cache key, or None.

    Listings are kept only for the queries their own filter links make: each
    parameter among ``allowed``, given once, and a page number of at most
    four digits. Anything else (unknown parameters, repeated ones, odd page
    numbers) is rendered afresh, so that nobody can fill the cache at will;
    callers also refuse values their form does not accept.
    """
    if not set(query) <= set(allowed) or any(len(query.getlist(k)) > 1 for k in query):
        return None
    page = query.get("page", "1")
    if not (page.isdigit() and len(page) <= 4):
        return None
    values = "&".join(f"{k}={query[k]}" for k in sorted(query) if k != "page")
    return f"{values}:{page}"


def watch(scope, *models, m2m=(), fields=None):
    """Start a new generation of ``scope`` whenever one of ``models`` (or a
    subclass: pages are saved as their specific type) is saved or deleted, or
    one of the ``m2m`` through tables changes.

    With ``fields``, a save that names its ``update_fields`` starts one only
    when it names one of ``fields`` (a member's name, not their last login).
    """
    _watched.append((scope, tuple(models), frozenset(fields) if fields else None))
    for through in m2m:
        m2m_changed.connect(_m2m_changed(scope), sender=through, weak=False,
                            dispatch_uid=f"leerkring-shared-{scope}-{through._meta.label}")


def on_invalidate(listener):
    """Call ``listener(scope)`` whenever this process starts a new generation."""
    _on_invalidate.append(listener)
    return listener


def _m2m_changed(scope):
    def changed(sender, **kwargs):
        invalidate_now_and_after_commit(scope)
    return changed


def _model_changed(sender, instance, update_fields=None, **kwargs):
    for scope, models, fields in _watched:
        if not isinstance(instance, models):
            continue
        if fields is not None and update_fields is not None and not fields & update_fields:
            continue
        invalidate_now_and_after_commit(scope)


post_save.connect(_model_changed, weak=False, dispatch_uid="leerkring-shared-save")
post_delete.connect(_model_changed, weak=False, dispatch_uid="leerkring-shared-delete")
