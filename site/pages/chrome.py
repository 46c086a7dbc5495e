"""What every page shows around its content: the main menu, the home page and
footer links of each language, and where a page lives in the other language.

Computing them costs about fifteen queries, the same for every member, on
every page. They are computed once per site and language (per page for its
translations) and kept in the cache until anything in the page tree, the
site or its settings changes: every save or delete of a page, a site, a locale
or the site links moves the cache to a new generation, which every web
process sees because the default cache is shared (a file cache by default,
see settings). Nothing personal is kept here: the active menu item and the
current language are worked out per request.
"""

import time

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.models import Locale, Page, Site
from wagtail.signals import page_published, page_unpublished, post_page_move

from .models import SiteLinks

GENERATION_KEY = "leerkring:chrome:generation"
# A safety net only: entries are replaced when their generation changes.
TIMEOUT = 6 * 3600
_WATCHED = (Page, Site, Locale, SiteLinks)


def invalidate():
    """Start a new generation: every cached chrome is recomputed on its next use."""
    cache.set(GENERATION_KEY, time.time_ns(), None)


def invalidate_now_and_after_commit():
    # Now, for this process's next request; after the commit as well, because a
    # request in another process may have cached the old tree under the
    # generation started before the change was visible to it.
    invalidate()
    transaction.on_commit(invalidate)


def _generation():
    generation = cache.get(GENERATION_KEY)
    if generation is None:
        invalidate()
        generation = cache.get(GENERATION_KEY)
    return generation


def _request_generation(request):
    # One cache read per request: the menu, the footer and the language links
    # all ask, and with the file cache each read is a file opened.
    if "_leerkring_chrome_generation" not in request.__dict__:
        request._leerkring_chrome_generation = _generation()
    return request._leerkring_chrome_generation


def site_chrome(request, language):
    """The menu, home URL and footer links of the request's site in ``language``."""
    site = Site.find_for_request(request)
    site_id = site.pk if site else 0
    memo = request.__dict__.setdefault("_leerkring_chrome", {})
    if language not in memo:
        key = f"leerkring:chrome:{_request_generation(request)}:site:{site_id}:{language}"
        chrome = cache.get(key)
        if chrome is None:
            chrome = _compute_site_chrome(request, site, language)
            cache.set(key, chrome, TIMEOUT)
        memo[language] = chrome
    return memo[language]


def page_translations(request, page):
    """{language: (url of the live translation or None, whether it is an alias)} for ``page``."""
    if getattr(request, "is_preview", False):
        # A preview shows a draft, whose address may differ from the live one.
        return _compute_page_translations(request, page)
    memo = request.__dict__.setdefault("_leerkring_translations", {})
    if page.pk not in memo:
        key = f"leerkring:chrome:{_request_generation(request)}:page:{page.pk}"
        translations = cache.get(key)
        if translations is None:
            translations = _compute_page_translations(request, page)
            cache.set(key, translations, TIMEOUT)
        memo[page.pk] = translations
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


@receiver(post_save)
@receiver(post_delete)
def _page_tree_changed(sender, instance, **kwargs):
    if isinstance(instance, _WATCHED):
        invalidate_now_and_after_commit()


@receiver(page_published)
@receiver(page_unpublished)
@receiver(post_page_move)
def _page_state_changed(sender, **kwargs):
    # Unpublishing updates rows without saving each page.
    invalidate_now_and_after_commit()
