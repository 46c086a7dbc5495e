from django import template
from django.utils.translation import get_language
from wagtail.models import Page

from pages.chrome import site_chrome
from pages.languages import language_links as _language_links

register = template.Library()


@register.simple_tag(takes_context=True)
def language_links(context):
    request = context["request"]
    return _language_links(request, context.get("page"))


@register.simple_tag(takes_context=True)
def main_menu(context):
    """The sections of the site in the current language, as editors ordered them."""
    current = context.get("page")
    return [
        {**item, "active": current is not None and current.path.startswith(item["path"])}
        for item in site_chrome(context["request"], get_language())["menu"]
    ]


@register.simple_tag(takes_context=True)
def home_url(context):
    return site_chrome(context["request"], get_language())["home_url"]


@register.simple_tag(takes_context=True)
def site_link(context, name):
    """The URL of a page named in the site's settings, in the current language."""
    return site_chrome(context["request"], get_language())["links"].get(name)


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
