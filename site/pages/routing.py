"""Finding a request's site, locale and page without walking the tree in SQL.

Wagtail routes a URL one level at a time, with a query per level, and looks up
the site, the active locale and the page's view restrictions on every request:
about a dozen queries before a page does anything of its own, the same for
every member. Here they come from memos this process keeps for one page-tree
generation (pages/chrome.py: any change to pages, sites, locales or view
restrictions starts a new one), and so does the page itself, loaded once per
generation and copied for each request.

What is decided stays Wagtail's: a page whose class routes by itself (the
routable forum, catalogue and webinar pages) gets the rest of the path and
routes it with its own ``route()``, and the page found is served through
Wagtail's view with its hooks (privacy, our login rule) as before.
"""

import copy
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.http import Http404
from django.http.request import split_domain_port
from django.utils import translation
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Page, Site

from .memo import process_memo

_UNSET = object()


@dataclass(frozen=True)
class _Node:
    id: int
    path: str
    model: type | None  # None: a page type that no longer exists in the code
    routes_itself: bool  # its class overrides Page.route (RoutablePageMixin)


def site_for_request(request):
    """``Site.find_for_request``, from this process's memo; sets it on the request."""
    site = request.__dict__.get("_wagtail_site", _UNSET)
    if site is _UNSET:
        hostname = split_domain_port(request._get_raw_host())[0]
        port = request.get_port()
        sites = process_memo("sites")
        if (hostname, port) not in sites:
            sites[hostname, port] = Site._find_for_request(request)
        site = request._wagtail_site = sites[hostname, port]
    return site


def route_for_request(request, path):
    """``Page.route_for_request`` with the tree from memory; the result is set on
    the request where Wagtail's view looks for it."""
    if "_wagtail_route_for_request" not in request.__dict__:
        request._wagtail_route_for_request = _route(request, path)
    return request._wagtail_route_for_request


def _route(request, path):
    site = site_for_request(request)
    if site is None:
        return None
    children, root = _tree(site)
    components = [component for component in path.split("/") if component]
    node, consumed = root, 0
    while consumed < len(components) and not node.routes_itself:
        node = children.get(node.path, {}).get(components[consumed])
        if node is None:
            return None
        consumed += 1
    if node.model is None:
        return Page.route_for_request(request, path)  # let Wagtail decide
    pages = process_memo("pages")
    if node.id not in pages:
        pages[node.id] = node.model.objects.select_related("locale").filter(pk=node.id).first()
    if pages[node.id] is None:  # deleted since the tree was read
        return None
    # A copy per request: views and templates may set attributes on their page.
    page = copy.copy(pages[node.id])
    page.get_view_restrictions = _restrictions_of(page)
    try:
        return page.route(request, components[consumed:])
    except Http404:
        return None


def _tree(site):
    """({parent path: {slug: node}}, the root node) of the site in the active language."""
    language = translation.get_language()
    trees = process_memo("trees")
    key = (site.pk, language)
    if key not in trees:
        trees[key] = _read_tree(site)
    return trees[key]


def _read_tree(site):
    root = site.root_page.localized  # its live translation in the active language, or itself
    rows = (
        Page.objects.filter(path__startswith=root.path)
        .order_by("path")
        .values_list("pk", "path", "slug", "content_type_id")
    )
    children, root_node = {}, None
    for pk, path, slug, content_type_id in rows:
        model = ContentType.objects.get_for_id(content_type_id).model_class()
        node = _Node(
            id=pk,
            path=path,
            model=model,
            routes_itself=model is not None and model.route is not Page.route,
        )
        if pk == root.pk:
            root_node = node
        else:
            children.setdefault(path[: -Page.steplen], {})[slug] = node
    return children, root_node


def _restrictions_of(page):
    """The page's view restrictions (its own and its ancestors'), from the memo.

    Wagtail's privacy hook asks ``page.get_view_restrictions()``, two queries
    on every page; the answer changes only with the tree or a restriction,
    both of which start a new generation.
    """
    restrictions = process_memo("restrictions")
    if page.pk not in restrictions:
        restrictions[page.pk] = list(Page.get_view_restrictions(page))
    found = restrictions[page.pk]
    return lambda: list(found)


def memoised_get_for_language(manager, language_code):
    """``Locale.objects.get_for_language`` from this process's memo (installed in
    PagesConfig.ready): Wagtail asks it several times per page."""
    code = get_supported_content_language_variant(language_code)
    locales = process_memo("locales")
    if code not in locales:
        locales[code] = manager.get(language_code=code)
    return locales[code]



def memoise_site_root_paths():
    """Serve Wagtail's ``Site.get_site_root_paths()`` from this process's memo.

    Wagtail keeps the list in the shared cache and reads it for every page
    URL built without a request; sites and root pages belong to the page
    tree, so the list lives as long as the tree's generation here.
    """
    read_from_cache = Site.get_site_root_paths

    def get_site_root_paths():
        memo = process_memo("site-root-paths")
        if "paths" not in memo:
            memo["paths"] = read_from_cache()
        return memo["paths"]

    Site.get_site_root_paths = staticmethod(get_site_root_paths)
