from django import template
from django.utils.translation import get_language
from wagtail.models import Page

from pages.chrome import site_chrome
from pages.languages import language_links as _language_links
from pages.visibility import in_open_collection, page_paths_closed_to, pages_audience

register = template.Library()


@register.simple_tag(takes_context=True)
def language_links(context):
    # The hreflang links and the switcher ask for the same links: work them
    # out once per request (pages keep them as fragments; other views cannot,
    # their addresses carry what the member typed).
    request = context["request"]
    page = context.get("page")
    memo = request.__dict__.setdefault("_leerkring_language_links", {})
    key = page.pk if page is not None else None
    if key not in memo:
        memo[key] = _language_links(request, page)
    return memo[key]


@register.simple_tag(takes_context=True)
def main_menu(context):
    """The sections of the site in the current language, as editors ordered them,
    without those the reader may not enter (pages/visibility.py). Kept per
    ``pages_audience`` in base.html."""
    current = context.get("page")
    request = context["request"]
    closed = page_paths_closed_to(request.user)
    return [
        {**item, "active": current is not None and current.path.startswith(item["path"])}
        for item in site_chrome(request, get_language())["menu"]
        if not item["path"].startswith(closed)
    ]


@register.simple_tag(takes_context=True)
def reader_audience(context):
    """A key naming the pages closed to the reader, for a kept menu or list."""
    return pages_audience(context["request"].user)


@register.simple_tag(takes_context=True)
def menu_section(context):
    """The tree path of the menu item the current page is in ("" outside the page
    tree), which is all a kept menu varies on besides the reader's audience."""
    page = context.get("page")
    path = getattr(page, "path", None) or ""
    return path[:Page.steplen * 3]  # the root, the home page, a section


@register.simple_tag(takes_context=True)
def home_url(context):
    return site_chrome(context["request"], get_language())["home_url"]


@register.simple_tag(takes_context=True)
def site_link(context, name):
    """The URL of a page named in the site's settings, in the current language."""
    return site_chrome(context["request"], get_language())["links"].get(name)


@register.simple_tag(takes_context=True)
def may_see(context, item):
    """``{% may_see image as shown %}``: whether the reader may see ``item`` (an
    image or a document), by the privacy of its collection (pages/visibility.py).

    Templates show a private file, its title and its link only when this says
    so; inside a kept fragment, the fragment's key names the collections
    closed to the reader (see ``collections_audience``).
    """
    request = context.get("request")
    if item is None or request is None:
        return False
    return in_open_collection(request.user, item, request)


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
