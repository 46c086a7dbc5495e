"""One small caching layer: what is kept, where, and until when.

Three lifetimes, and the table of scopes and memos in scopes.py:

- **Per unit of work** (a request, or ``with unit_of_work():`` in a worker):
  each scope's generation is read from the shared cache once. Outside any
  unit it is read on every use, so a management command is never stale.
- **Per process** (``memo``, and the HTML of the ``{% kept %}`` tag in
  templatetags/kept.py): what a process keeps in its own memory, for the
  current generations of its scopes (or, for a memo, a plain lifetime).
- **Shared** (``remember``): values every process of every machine reads
  from the default cache, stored under the current generations of their
  scopes; old entries are never read again and expire.

A change starts a new generation at once and again after its commit: a
process may have stored the old data under the first new generation before
the change was visible to it. Only what every reader who may see it sees
alike is kept; whatever depends on who reads it is decided per request, or
the audience is part of the key.

With checks on (settings.CACHING_CHECKS: tests and DEBUG), the SQL a kept
value is computed with is compared with the scopes it declares
(dependencies.py): reading a table no declared scope watches is an error.
"""

import contextvars
import hashlib
import time
from contextlib import contextmanager

from django.core.cache import cache, caches
from django.core.cache.backends.base import BaseCache
from django.db import transaction

from . import dependencies
from .scopes import MEMOS, SCOPES, Scope

__all__ = ["filter_query_key", "forget", "generations", "invalidate", "memo", "remember",
           "scope_changed", "stored_key", "unit_of_work", "UnitOfWorkMiddleware"]

_MISSING = object()
_MEMO_MAX_ENTRIES = 10_000  # per memo: a bound, in case keys come from requests
_unit = contextvars.ContextVar("leerkring_caching_unit", default=None)
_memos = {}  # memo name -> (generations, {key: (expires or None, value)})


class _Unit:
    """What one unit of work has read: generations, and the memos valid for them."""

    __slots__ = ("generations", "memos")

    def __init__(self):
        self.generations = {}
        self.memos = {}


def _generation_key(scope):
    return f"leerkring:generation:{scope}"


def _scopes(scopes):
    """``scopes`` as a tuple of known scope names ("forum", or ("forum", "topics"))."""
    scopes = (scopes,) if isinstance(scopes, str) else tuple(scopes)
    unknown = [scope for scope in scopes if scope not in SCOPES]
    if unknown:
        raise KeyError(f"Unknown cache scope {unknown}: add it to caching/scopes.py")
    return scopes


@contextmanager
def unit_of_work():
    """Read each scope's generation once inside this block (a request, a queue pass)."""
    token = _unit.set(_Unit())
    try:
        yield
    finally:
        _unit.reset(token)


class UnitOfWorkMiddleware:
    """Each request is one unit of work: it reads each generation at most once."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        with unit_of_work():
            return self.get_response(request)


def generations(scopes):
    """The current generation of each of ``scopes``, as a tuple."""
    return _generations(_scopes(scopes))


def _generations(scopes):
    unit = _unit.get()
    known = unit.generations if unit is not None else {}
    if any(scope not in known for scope in scopes):
        # A unit of work reads every scope it has not read yet at once from a
        # cache server (one round trip, whatever the page goes on to use), and
        # only those asked for from a file cache (a file per key).
        at_once = unit is not None and type(caches["default"]).get_many is not BaseCache.get_many
        missing = [scope for scope in (SCOPES if at_once else scopes) if scope not in known]
        found = cache.get_many([_generation_key(scope) for scope in missing])
        for scope in missing:
            generation = found.get(_generation_key(scope))
            known[scope] = generation if generation is not None else invalidate(scope)
    return tuple(known[scope] for scope in scopes)


def invalidate(scope):
    """Start a new generation of ``scope``: what is kept for it is computed anew."""
    generation = time.time_ns()
    cache.set(_generation_key(scope), generation, None)
    unit = _unit.get()
    if unit is not None:  # this unit of work sees its own change
        unit.generations[scope] = generation
        unit.memos.clear()
    return generation


def scope_changed(scope):
    """Start a new generation now and again after the commit (see the module docstring)."""
    invalidate(scope)
    transaction.on_commit(lambda: invalidate(scope))


def stored_key(scopes, key):
    """The shared cache's key for ``key`` (a name, or a tuple whose first item is its
    name) under the current generations of ``scopes``."""
    name, *parts = key if isinstance(key, tuple) else (key,)
    stamp = ".".join(str(generation) for generation in _generations(_scopes(scopes)))
    digest = hashlib.sha256(repr(parts).encode()).hexdigest()[:32]
    return f"leerkring:kept:{name}:{stamp}:{digest}"


def remember(scopes, key, compute, timeout=None):
    """``compute()``, or what it returned for ``key`` while none of ``scopes`` moved;
    kept in the shared cache."""
    scopes = _scopes(scopes)
    name = key[0] if isinstance(key, tuple) else key
    dependencies.check_use(scopes, name)
    full_key = stored_key(scopes, key)
    value = cache.get(full_key, _MISSING)
    if value is _MISSING:
        with dependencies.checked(scopes, name):
            value = compute()
        if timeout is None:
            timeout = min((SCOPES[scope].timeout for scope in scopes), default=Scope.timeout)
        cache.set(full_key, value, timeout)
    return value


def memo(name, key, compute):
    """``compute()``, or what it returned for ``key`` in this process while the scopes
    of memo ``name`` (scopes.MEMOS) did not move, or within its lifetime."""
    spec = MEMOS[name]
    dependencies.check_use(spec.scopes, name, ttl=spec.ttl)
    unit = _unit.get()
    values = unit.memos.get(name) if unit is not None else None
    if values is None:
        values = _memo_values(name, spec)
        if unit is not None:
            unit.memos[name] = values
    found = values.get(key, _MISSING)
    if found is not _MISSING and (spec.ttl is None or found[0] > time.monotonic()):
        return found[1]
    with dependencies.checked(spec.scopes, name, ttl=spec.ttl):
        value = compute()
    expires = time.monotonic() + spec.ttl if spec.ttl is not None else None
    values[key] = (expires, value)
    return value


def _memo_values(name, spec):
    """The values of memo ``name`` for the current generations of its scopes."""
    stamp = _generations(spec.scopes) if spec.scopes else None
    kept = _memos.get(name)
    if kept is None or kept[0] != stamp or len(kept[1]) > _MEMO_MAX_ENTRIES:
        kept = _memos[name] = (stamp, {})
    return kept[1]


def forget(*names):
    """Drop this process's memos (the named ones, or all): for tests."""
    for name in names or list(_memos):
        _memos.pop(name, None)


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
