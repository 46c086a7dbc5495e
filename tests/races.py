"""Firing one action from many threads at once, for the tests of rules that must hold
under concurrency (limits, capacity, counters).

Each thread has its own database connection: a file on SQLite (settings/test.py),
PostgreSQL when DATABASE_URL names one (``make test`` runs the tests marked
``concurrency`` on both). Use with ``pytest.mark.django_db(transaction=True)``.
"""

import threading

from django.db import connection


def race(function, attempts):
    """Run ``function(n)`` for n in range(attempts), all threads released at once.

    Returns [(outcome, value or error)] with outcome "done" or "error".
    """
    barrier = threading.Barrier(attempts)
    results = []

    def run(n):
        try:
            barrier.wait()
            results.append(("done", function(n)))
        except Exception as error:  # noqa: BLE001 - the test looks at every outcome
            results.append(("error", error))
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(n,)) for n in range(attempts)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results
