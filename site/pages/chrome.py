"""What every page shows around its content: the main menu, the home page and
footer links of each language, and where a page lives in the other language.

Computing them costs about fifteen queries, the same for every member, on
every page. Each process computes them once per site and language (per page
for its translations) and keeps them in memory until anything in the page
tree, the site or its settings changes: every save or delete of a page, a
site, a locale, a view restriction or the site links, and every publish,
unpublish or move, starts a new generation of the "pages" scope
(pages/shared.py), which every process sees on its next request. Nothing
personal is kept here: the active menu item and the current language are
worked out per request.
"""

from django.conf import settings
from django.dispatch import receiver
from wagtail.models import Locale, Page, PageViewRestriction, Site
from wagtail.signals import page_published, page_unpublished, post_page_move

from . import shared
from .memo import SCOPE, process_memo
from .models import SiteLinks
from .routing import site_for_request

# View restrictions count too: pages/routing.py keeps each page's restrictions.
shared.watch(SCOPE, Page, Site, Locale, SiteLinks, PageViewRestriction,
             m2m=[PageViewRestriction.groups.through])


def invalidate():
    """Start a new generation: every cached chrome is recomputed on its next use."""
    shared.invalidate(SCOPE)


def site_chrome(request, language):
    """The menu, home URL and footer links of the request's site in ``language``."""
    site = site_for_request(request)
    site_id = site.pk if site else 0
    # Kept by each process for the generation the middleware follows: no
    # cache file to read on every page.
    memo = process_memo("site-chrome")
    if (site_id, language) not in memo:
        memo[site_id, language] = _compute_site_chrome(request, site, language)
    return memo[site_id, language]


def page_translations(request, page):
    """{language: (url of the live translation or None, whether it is an alias)} for ``page``."""
    if getattr(request, "is_preview", False):
        # A preview shows a draft, whose address may differ from the live one.
        return _compute_page_translations(request, page)
    memo = process_memo("page-translations")
    if page.pk not in memo:
        memo[page.pk] = _compute_page_translations(request, page)
    return memo[page.pk]


def _compute_site_chrome(request, site, language):
    chrome = {"home_url": f"/{language}/", "menu": [], "links": {}}
    if site is None:
        return chrome
    try:
        locale = Locale.objects.get_for_language(language)
    except Locale.DoesNotExist:
        return chrome
    home = site.root_page.get_translation_or_none(locale)
    if home is not None:
        chrome["home_url"] = home.get_url(request)
        chrome["menu"] = [
            {"title": section.title, "url": section.get_url(request), "path": section.path}
            for section in home.get_children().live().in_menu().specific()
        ]
    links = SiteLinks.for_site(site)
    for name in ("landing", "privacy"):
        linked = getattr(links, f"{name}_page", None)
        url = None
        if linked is not None:
            linked = linked.get_translation_or_none(locale) or linked
            url = linked.get_url(request) if linked.live else None
        chrome["links"][name] = url
    return chrome


def _compute_page_translations(request, page):
    found = {
        translation.locale.language_code: translation
        for translation in Page.objects.filter(translation_key=page.translation_key)
        .select_related("locale")
    }
    translations = {}
    for code, _name in settings.LANGUAGES:
        if page.locale.language_code == code:
            translations[code] = (page.get_url(request), bool(page.alias_of_id))
            continue
        translation = found.get(code)
        if translation is None or not translation.live:
            translations[code] = (None, False)
        else:
            translations[code] = (translation.get_url(request), bool(translation.alias_of_id))
    return translations


@receiver(page_published)
@receiver(page_unpublished)
@receiver(post_page_move)
def _page_state_changed(sender, **kwargs):
    # Unpublishing updates rows without saving each page.
    shared.invalidate_now_and_after_commit(SCOPE)

