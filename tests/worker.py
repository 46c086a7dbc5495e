"""Running the background-task worker inside a test: ``manage.py db_worker --batch``.

The worker runs every task waiting in the database backend, then stops, in
the test's own transaction (rolled back afterwards like any test's). Two
things of a long-running process are set aside meanwhile: its
``close_old_connections()`` (it would close the test's connection, which is
not in autocommit mode inside that transaction), and its handlers for
SIGINT and SIGTERM (put back, so Ctrl+C still stops pytest).
"""

import signal
from unittest import mock

from django.core.management import call_command

_SIGNALS = (signal.SIGINT, signal.SIGTERM, signal.SIGQUIT)


def run_waiting_tasks():
    handlers = {number: signal.getsignal(number) for number in _SIGNALS}
    try:
        with mock.patch("django_tasks_db.management.commands.db_worker.close_old_connections"):
            call_command("db_worker", batch=True, startup_delay=False, reload=False,
                         verbosity=0)
    finally:
        for number, handler in handlers.items():
            signal.signal(number, handler)
