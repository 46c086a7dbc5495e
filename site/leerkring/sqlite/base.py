"""Django's SQLite backend, comparing with numbers and times SQLite cannot store.

Why this module exists
    Python's sqlite3 raises OverflowError for an integer past 64 bits, and
    Django's SQLite backend raises it for an aware datetime within hours of
    the year 1 (turned to UTC, it falls before the calendar). Django guards
    ``=``, ``<`` and ``>`` on integer columns, but not ``IN``, foreign keys or
    date-time filters, and Wagtail's admin filters reach all of them from the
    query string: ``/admin/pages/3/results/?site=1234567890123456789012345``
    and ``?latest_revision_created_at_from=0001-01-01`` were 500s. No row can
    hold such a value, so the question has a plain answer: nothing matches,
    or everything after the start of time does.

    * An integer past 64 bits is sent as a REAL (its float): SQLite compares
      it by value with the column and finds no equal id.
    * An aware datetime that cannot be turned to UTC is sent as the first or
      last moment SQLite can hold.

    PostgreSQL takes both as they are (psycopg sends big numbers as numeric),
    so only SQLite needs this. The URLs refuse such ids before any query
    (leerkring/converters.py); this covers what reaches the database another
    way. Writing such a value is refused by the forms first (Django's
    IntegerField validators follow the database's range).

How to remove it
    Set ENGINE back to ``django.db.backends.sqlite3`` in settings/base.py
    once Django guards these lookups itself (ticket #27397 did ``=``/``<``/``>``).
"""

from collections.abc import Mapping

from django.db.backends.sqlite3 import base, operations

_LOWEST, _HIGHEST = -(2**63), 2**63 - 1
_FIRST_MOMENT, _LAST_MOMENT = "0001-01-01 00:00:00", "9999-12-31 23:59:59.999999"


def _storable(value):
    if type(value) is int and not _LOWEST <= value <= _HIGHEST:
        return float(value)
    return value


def _bounded(params):
    if params is None:
        return None
    if isinstance(params, Mapping):
        return {name: _storable(value) for name, value in params.items()}
    return [_storable(value) for value in params]


class SQLiteCursorWrapper(base.SQLiteCursorWrapper):
    def execute(self, query, params=None):
        return super().execute(query, _bounded(params))

    def executemany(self, query, param_list):
        return super().executemany(query, (_bounded(params) for params in param_list))


class DatabaseOperations(operations.DatabaseOperations):
    def adapt_datetimefield_value(self, value):
        try:
            return super().adapt_datetimefield_value(value)
        except OverflowError:
            return _FIRST_MOMENT if value.year == 1 else _LAST_MOMENT


class DatabaseWrapper(base.DatabaseWrapper):
    ops_class = DatabaseOperations

    def create_cursor(self, name=None):
        return self.connection.cursor(factory=SQLiteCursorWrapper)
