"""Every change this site makes to Wagtail's own code, in one place.

Each was checked against the Wagtail version below: tests/pages/
test_wagtail_patches.py fails on another one, so that whoever upgrades reads
these again, and measures the three for speed again (with and without each:
queries and CPU per page, README "Performance"). Those three each saved
between 5 and 20 % of a page's time on SQLite with the file cache and on
PostgreSQL with Redis; what they keep follows the page tree (caching memos
"locales", "site-root-paths", "page-restrictions").

- Privacy: Wagtail applies a page's privacy rules to its subtree in one
  language only; ours apply to every language version
  (visibility.page_view_restrictions). Wagtail's serving, its privacy hook
  and the admin's privacy dialog all ask ``Page.get_view_restrictions``.
- Speed: ``Locale.objects.get_for_language`` is a query, asked several times
  per page (six on the home page).
- Speed: ``Site.get_site_root_paths`` reads Wagtail's entry in the shared
  cache for every page URL built without a request (a round trip to Redis).
- Speed: a served page answers ``get_view_restrictions`` from the memo (four
  queries a page: Wagtail's privacy hook and ours ask it), see
  ``keep_view_restrictions``.
"""

from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Page, Site
from wagtail.models.i18n import LocaleManager

import caching

from . import visibility

CHECKED_WITH_WAGTAIL = "8.0.1"


def install():
    """Called once, in PagesConfig.ready."""
    wagtails_rules = Page.get_view_restrictions
    Page.get_view_restrictions = lambda page: visibility.page_view_restrictions(
        page, wagtails_rules(page))

    def get_for_language(manager, language_code):
        code = get_supported_content_language_variant(language_code)
        return caching.memo("locales", code, lambda: manager.get(language_code=code))

    LocaleManager.get_for_language = get_for_language

    read_from_cache = Site.get_site_root_paths
    Site.get_site_root_paths = staticmethod(
        lambda: caching.memo("site-root-paths", "all", read_from_cache))


def keep_view_restrictions(page):
    """Answer ``page.get_view_restrictions()`` (the patched one above) from this
    process's memo: for the copy of a page that a request serves (pages/routing.py)."""
    kept = caching.memo("page-restrictions", page.pk,
                        lambda: list(Page.get_view_restrictions(page)))
    page.get_view_restrictions = lambda: list(kept)
