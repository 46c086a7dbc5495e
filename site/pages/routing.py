"""Finding a request's site, locale and page without walking the tree in SQL.

Wagtail routes a URL one level at a time, with a query per level, and looks up
the site, the active locale and the page's view restrictions on every request:
about a dozen queries before a page does anything of its own, the same for
every member. Here they come from what this process keeps until the page tree
moves (caching memos "site", "routes" and "page"): the page itself is loaded
once and copied for each request.

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
from wagtail.models import Page, Site

import caching

from .wagtail_patches import keep_view_restrictions

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
        site = request._wagtail_site = caching.memo(
            "site", (hostname, request.get_port()), lambda: Site._find_for_request(request))
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
    kept = caching.memo("page", node.id, lambda: node.model.objects.select_related(
        "locale").filter(pk=node.id).first())
    if kept is None:  # deleted since the tree was read
        return None
    # A copy per request: views and templates may set attributes on their page.
    page = copy.copy(kept)
    keep_view_restrictions(page)
    try:
        return page.route(request, components[consumed:])
    except Http404:
        return None


def _tree(site):
    """({parent path: {slug: node}}, the root node) of the site in the active language."""
    return caching.memo("routes", (site.pk, translation.get_language()),
                        lambda: _read_tree(site))


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
