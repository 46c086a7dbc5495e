"""What every page shows around its content: the main menu, the home page and
footer links of each language, and where a page lives in the other language.

Computing them costs about fifteen queries, the same for every member, on
every page. Each process keeps them (caching memos "chrome" and
"translations") until the page tree moves. Nothing personal is kept here: the
active menu item and the current language are worked out per request, and the
menu is filtered per reader (templatetags/leerkring_tags.py).
"""

from django.conf import settings
from wagtail.models import Locale, Page

import caching

from .models import SiteLinks
from .routing import site_for_request


def site_chrome(request, language):
    """The menu, home URL and footer links of the request's site in ``language``."""
    site = site_for_request(request)
    return caching.memo("chrome", (site.pk if site else 0, language),
                        lambda: _compute_site_chrome(request, site, language))


def page_translations(request, page):
    """{language: (url of the live translation or None, whether it is an alias)} for ``page``."""
    if getattr(request, "is_preview", False):
        # A preview shows a draft, whose address may differ from the live one.
        return _compute_page_translations(request, page)
    return caching.memo("translations", page.pk,
                        lambda: _compute_page_translations(request, page))


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
