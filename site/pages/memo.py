"""What a process keeps in its own memory for one generation of the page tree.

The routing map, sites, locales, view restrictions (pages/routing.py), the
menu and language links (pages/chrome.py), the sections (pages/sections.py)
and a few fragments are the same for every member and change only with the
page tree: cheaper here than in the shared cache (nothing to read), and
dropped as soon as a request sees that the "pages" generation moved.
"""

from . import shared

SCOPE = "pages"
HEALTH_PREFIX = "/health/"  # as mounted in leerkring/urls.py

_process_memos = {"generation": None, "memos": {}}


def forget_process_memos():
    _process_memos["generation"] = None
    _process_memos["memos"] = {}


@shared.on_invalidate
def _forget_on_invalidate(scope):
    if scope == SCOPE:
        forget_process_memos()


def process_memo(name):
    """A dict this process may fill, valid until the generation changes."""
    return _process_memos["memos"].setdefault(name, {})


class PageTreeGenerationMiddleware:
    """Reads the page tree's generation once per request and drops stale process memos.

    Runs first, so that everything the request looks up in a process memo
    (its site, locales, routes) belongs to the current page tree.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info.startswith(HEALTH_PREFIX):
            # The probes show no pages, and the readiness check must answer
            # "cache down" itself rather than fail here (operations/readiness.py).
            return self.get_response(request)
        generation = shared.generation(request, SCOPE)
        if _process_memos["generation"] != generation:
            _process_memos["memos"] = {}
            _process_memos["generation"] = generation
        return self.get_response(request)
