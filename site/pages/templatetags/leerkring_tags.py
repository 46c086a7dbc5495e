import hashlib

from django import template
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from wagtail.models import Page

from pages import shared
from pages.chrome import site_chrome
from pages.languages import language_links as _language_links
from pages.memo import process_memo
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


class _FragmentNode(template.Node):
    """Renders its content once and keeps the HTML (see the two tags below)."""

    end = ""

    def __init__(self, nodelist, expressions):
        self.nodelist = nodelist
        self.expressions = expressions

    @classmethod
    def parse(cls, parser, token):
        bits = token.split_contents()[1:]
        nodelist = parser.parse((cls.end,))
        parser.delete_first_token()
        return cls(nodelist, [parser.compile_filter(bit) for bit in bits])

    def render(self, context):
        parts = [expression.resolve(context) for expression in self.expressions]
        request = context.get("request")
        if (request is None or getattr(request, "is_preview", False)
                or any(self.renders_afresh(part) for part in parts)):
            return self.nodelist.render(context)
        return self.kept(request, parts, lambda: self.nodelist.render(context))

    def renders_afresh(self, part):
        return part is None

    def kept(self, request, parts, render):
        raise NotImplementedError


class SharedFragmentNode(_FragmentNode):
    end = "endsharedfragment"

    def kept(self, request, parts, render):
        scopes, *parts = parts
        scope, *also = scopes.split("+")
        generations = [shared.generation(request, other) for other in also]
        key = hashlib.sha256(repr([get_language(), *parts, *generations]).encode()).hexdigest()
        # HTML our own template rendered.
        return mark_safe(shared.remember(request, scope, f"fragment:{key}", render))


class TreeFragmentNode(_FragmentNode):
    end = "endtreefragment"

    def renders_afresh(self, part):
        return part is None or part == ""

    def kept(self, request, parts, render):
        fragments = process_memo("fragments")
        key = (get_language(), *parts)
        if key not in fragments:
            fragments[key] = render()
        return fragments[key]


@register.tag
def sharedfragment(parser, token):
    """``{% sharedfragment "scope" part… %}…{% endsharedfragment %}``

    Renders its content once per scope generation, language and key parts,
    and keeps the HTML in the shared cache (pages/shared.py). Only for what
    every member sees alike: never a name, a member's own state or a form
    with a CSRF token. A key part that is None renders afresh (the view's
    way to say "this query is not worth keeping"); so does a preview.
    Content made from several sources names them all: "forum+topics+pages"
    is kept in the forum scope and recomputed when any of them changes.
    """
    if len(token.split_contents()) < 2:
        raise template.TemplateSyntaxError("sharedfragment needs a scope")
    return SharedFragmentNode.parse(parser, token)


@register.tag
def treefragment(parser, token):
    """``{% treefragment part… %}…{% endtreefragment %}``

    Like ``sharedfragment``, for what depends only on the page tree and the
    language (the menu, the language links, the footer): kept in this
    process's memory for the tree's generation, so a page reads no cache file
    for it. A part that is None or empty renders afresh, so callers key only
    on values that exist (a routed page, never a typed address).
    """
    return TreeFragmentNode.parse(parser, token)
