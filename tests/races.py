"""Firing one action from many threads at once, for the tests of rules that must hold
under concurrency (limits, capacity, counters).

Each thread has its own database connection: a file on SQLite (settings/test.py),
PostgreSQL when DATABASE_URL names one (``make test`` runs the tests marked
``concurrency`` on both). Use with ``pytest.mark.django_db(transaction=True)``.
"""

import threading

from django.db import connection
from wagtail.models import Locale, Page, Site


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


def page_root():
    """The default site's root page (a site and a root made if missing), with both
    locales: a transactional test starts from whatever the one before left, possibly
    an empty database (the demo is gone after the first one), possibly the fresh
    migrations' welcome page as the site's root."""
    dutch = Locale.objects.get_or_create(language_code="nl")[0]
    Locale.objects.get_or_create(language_code="en")
    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    if site is not None:
        # Pages under the tree's root but outside every site have no URL.
        return site.root_page
    root = Page.get_first_root_node() or Page.add_root(
        instance=Page(title="Root", slug="root", locale=dutch))
    Site.objects.create(hostname="localhost", root_page=root, is_default_site=True)
    return root
