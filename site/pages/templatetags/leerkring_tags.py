from django import template
from django.utils.translation import get_language
from wagtail.models import Locale, Page, Site

from pages.languages import language_links as _language_links
from pages.models import SiteLinks

register = template.Library()


@register.simple_tag(takes_context=True)
def language_links(context):
    request = context["request"]
    return _language_links(request, context.get("page"))


def _localized_home(request):
    site = Site.find_for_request(request)
    return site.root_page.localized if site else None


@register.simple_tag(takes_context=True)
def main_menu(context):
    """The sections of the site in the current language, as editors ordered them."""
    request = context["request"]
    home = _localized_home(request)
    if home is None:
        return []
    current = context.get("page")
    items = []
    for section in home.get_children().live().in_menu().specific():
        active = current is not None and (
            current.pk == section.pk or current.path.startswith(section.path)
        )
        items.append({"title": section.title, "url": section.get_url(request), "active": active})
    return items


@register.simple_tag(takes_context=True)
def home_url(context):
    home = _localized_home(context["request"])
    return home.get_url(context["request"]) if home else "/"


@register.simple_tag(takes_context=True)
def site_link(context, name):
    """The URL of a page named in the site's settings, in the current language."""
    request = context["request"]
    cache = getattr(request, "_leerkring_site_links", None)
    if cache is None:
        cache = request._leerkring_site_links = {}
    if name not in cache:
        links = SiteLinks.for_request(request)
        page = getattr(links, f"{name}_page", None)
        url = None
        if page is not None:
            try:
                locale = Locale.objects.get_for_language(get_language())
                page = page.get_translation_or_none(locale) or page
            except Locale.DoesNotExist:
                pass
            url = page.get_url(request) if page.live else None
        cache[name] = url
    return cache[name]


@register.simple_tag
def untranslated_from(page):
    """The language code of the content shown when ``page`` is not translated yet, else "".

    Until a translator translates it, a page in the English tree is an alias
    of the Dutch page (wagtail-localize's tree synchronisation): it shows the
    Dutch content, which the template marks and announces.
    """
    if page is None or not getattr(page, "alias_of_id", None):
        return ""
    original = Page.objects.filter(pk=page.alias_of_id).values_list(
        "locale__language_code", flat=True).first()
    return original if original and original != page.locale.language_code else ""
