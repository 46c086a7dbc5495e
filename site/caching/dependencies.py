"""Catching a kept value that depends on more than it declares.

A value kept for the generations of some scopes is stale as soon as anything
else it was made from changes, and nothing would tell. With checks on
(settings.CACHING_CHECKS: in tests and with DEBUG), every SQL statement run
while a kept value is computed is compared with the tables its scopes watch
(caching/scopes.py, resolved in apps.py): reading one that no declared scope
watches raises UndeclaredDependency, and so does using, inside it, a value
kept for a scope it did not declare. Off in production: the check costs a
look at every statement.
"""

import contextvars
import re
from contextlib import contextmanager, nullcontext

from django.conf import settings
from django.db import connection


class UndeclaredDependency(Exception):
    """A kept value read data that none of its scopes watches."""


_computing = contextvars.ContextVar("leerkring_caching_computing", default=())
# {table name: frozenset of scopes that watch it}, filled by apps.py; None for
# tables of STABLE models (any value may read them).
TABLE_SCOPES = {}
_QUOTED = re.compile(r'"([^"]+)"|`([^`]+)`')


def check_use(scopes, name, ttl=None):
    """Using a kept value (found or computed) inside another one: the outer value
    must declare every scope of the inner one, or it would outlive a change."""
    if not settings.CACHING_CHECKS:
        return
    stack = _computing.get()
    if not stack:
        return
    outer_name, outer_scopes = stack[-1]
    if ttl is not None:
        raise UndeclaredDependency(
            f"{outer_name!r} uses {name!r}, which is kept for a plain lifetime: "
            "no scope tells when it changes")
    missing = set(scopes) - outer_scopes
    if missing:
        raise UndeclaredDependency(
            f"{outer_name!r} uses {name!r}, which depends on {sorted(missing)}: "
            f"declare them for {outer_name!r} too")


def checked(scopes, name, ttl=None):
    """Compute a kept value named ``name``, checking what it reads against ``scopes``
    (not for a value kept for a plain lifetime, ``ttl``: it may be stale that long)."""
    if not settings.CACHING_CHECKS or ttl is not None:
        return _UNCHECKED
    return _checked(frozenset(scopes), name)


_UNCHECKED = nullcontext()


@contextmanager
def _checked(scopes, name):
    token = _computing.set(_computing.get() + ((name, scopes),))
    try:
        with connection.execute_wrapper(_Reads(name, scopes)):
            yield
    finally:
        _computing.reset(token)


class _Reads:
    def __init__(self, name, scopes):
        self.name, self.scopes = name, scopes

    def __call__(self, execute, sql, params, many, context):
        if sql.lstrip()[:6].upper().startswith(("SELECT", "WITH")):  # reads, not writes
            for table in tables_read(sql):
                self._check(table)
        return execute(sql, params, many, context)

    def _check(self, table):
        watchers = TABLE_SCOPES.get(table, frozenset())
        if watchers is None or watchers & self.scopes:
            return
        if watchers:
            raise UndeclaredDependency(
                f"{self.name!r} reads {table}, watched by {sorted(watchers)}, but declares "
                f"only {sorted(self.scopes)}: add the scope where it is kept")
        raise UndeclaredDependency(
            f"{self.name!r} reads {table}, which no scope watches: nothing would tell "
            "it that the table changed (add a scope in caching/scopes.py, or do not keep "
            "it)")


def tables_read(sql):
    """The names of the known tables in ``sql`` (identifiers are quoted by Django)."""
    names = {a or b for a, b in _QUOTED.findall(sql)}
    return [name for name in names if name in TABLE_SCOPES or name in _ALL_TABLES]


_ALL_TABLES = set()  # every model's table, filled by apps.py
