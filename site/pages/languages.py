"""Where the same thing lives in the other language.

Django's ``translate_url`` swaps the language prefix of ordinary views, but
Wagtail pages have translated slugs, so a page is found through its
translation (wagtail-localize keeps one translation key per page).
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.db.models import Exists, F, OuterRef, Q
from django.db.models.functions import Coalesce
from django.urls import Resolver404, resolve, translate_url
from django.utils.translation import get_language_from_path, get_language_info, override
from wagtail.models import Page, Site

from .chrome import page_translations, site_chrome


def home_url(request, language):
    return site_chrome(request, language)["home_url"]


def page_url_in_language(request, page, language):
    """The URL of ``page``'s live translation, or None when it has none."""
    return page_translations(request, page).get(language, (None, False))[0]


def versions_for_reader(pages, language):
    """Of a queryset of pages, one version of each page for a reader of
    ``language``: its version in ``language``, else the version it has (a page
    with no live version in ``language``), as Wagtail's ``Page.localized`` picks
    for one page, in one query for a list. The English tree follows the Dutch
    one (an alias until translated), so a page is nearly always read in the
    reader's own tree."""
    own = Q(locale__language_code=language)
    return pages.filter(own | ~Exists(Page.objects.filter(
        own, translation_key=OuterRef("translation_key"), live=True)))


def as_read(field):
    """A page's ``field`` as its readers meet it, for a query: an alias (an
    untranslated copy in the other tree) shows its original's text, so its
    language and its publishing times are the original's."""
    return Coalesce(F(f"alias_of__{field}"), F(field))


def written_in():
    """The language a page's text is written in, for a query (see as_read)."""
    return as_read("locale__language_code")


def url_in_language(request, url, language):
    """The address of what ``url`` shows, in ``language``; the home page if none."""
    path = urlsplit(url).path
    source = get_language_from_path(path)
    if source is None:
        # Outside the language prefixes (the admin, a document): the same URL.
        return home_url(request, language) if path == "/" else url
    if source == language:
        return url
    with override(source):
        try:
            match = resolve(path)
        except Resolver404:
            return home_url(request, language)
        if match.url_name != "wagtail_serve":
            return translate_url(url, language)
        site = Site.find_for_request(request)
        page = None
        if site is not None:
            root = site.root_page.localized.specific
            try:
                page = root.route(request, [c for c in match.args[0].split("/") if c]).page
            except Exception:  # noqa: BLE001 - an unroutable path falls back to home
                page = None
    if page is not None:
        target = page_url_in_language(request, page, language)
        if target:
            return target + _route_below(path, page.get_url(request))
    return home_url(request, language)


def _route_below(path, page_path):
    """The part of ``path`` below a page's own URL: a route of a routable page
    (a forum question, a calendar file), which keeps its place in the other language."""
    page_path = page_path or ""
    if page_path and path.startswith(page_path) and len(path) > len(page_path):
        return path[len(page_path):]
    return ""


def language_links(request, page=None):
    """One entry per language: where the switcher and hreflang links point."""
    current = (request.LANGUAGE_CODE if hasattr(request, "LANGUAGE_CODE")
               else settings.LANGUAGE_CODE)
    links = []
    for code, _name in settings.LANGUAGES:
        info = get_language_info(code)
        if page is not None:
            url, is_alias = page_translations(request, page).get(code, (None, False))
            # An alias (not yet translated) is no alternate in that language.
            is_translation = url is not None and not is_alias
            if url is not None:
                url += _route_below(request.path, page.get_url(request))
            url = url or home_url(request, code)
        else:
            url = url_in_language(request, request.get_full_path(), code)
            is_translation = True
        links.append({
            "code": code,
            "name": info["name_local"],
            "url": url,
            "is_current": code == current,
            "is_translation": is_translation,
        })
    return links
