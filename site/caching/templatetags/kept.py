"""``{% kept "name" "scope …" part… %}…{% endkept %}``: HTML rendered once per process.

Django's ``{% cache %}`` (its CacheNode) in the "fragments" cache (in each
process: see settings), varying on the language, the current generations of
the scopes named (caching/scopes.py) and the parts given, so that a change
through any process counts in every one. Only for what every member who
reaches it sees alike: never
a name, a member's own state or a form with a CSRF token; what depends on
the reader's access has the audience among its parts. One rule renders
afresh: a preview (a draft), or a part that is None (a view's way to say
"this query is not worth keeping": nobody can fill the cache at will).
"""

from django import template
from django.templatetags.cache import CacheNode
from django.utils.translation import get_language

import caching

from .. import dependencies
from ..scopes import SCOPES, Scope

register = template.Library()


class _Value:
    """Something CacheNode resolves like a template variable."""

    def __init__(self, resolve):
        self.resolve = resolve


class KeptNode(CacheNode):
    def __init__(self, nodelist, name, scopes, parts):
        self.scopes, self.parts = scopes, parts
        stamp = _Value(lambda context: caching.generations(scopes))
        timeout = min((SCOPES[scope].timeout for scope in scopes), default=Scope.timeout)
        super().__init__(nodelist, _Value(lambda context: timeout), name,
                         [_Value(lambda context: get_language()), stamp, *parts],
                         _Value(lambda context: "fragments"))

    def render(self, context):
        request = context.get("request")
        if (request is None or getattr(request, "is_preview", False)
                or any(part.resolve(context) is None for part in self.parts)):
            return self.nodelist.render(context)
        dependencies.check_use(self.scopes, self.fragment_name)
        with dependencies.checked(self.scopes, self.fragment_name):
            return super().render(context)  # Django's {% cache %}


@register.tag
def kept(parser, token):
    bits = token.split_contents()[1:]
    if len(bits) < 2 or not all(bit[0] == bit[-1] == '"' for bit in bits[:2]):
        raise template.TemplateSyntaxError(
            'kept needs a quoted name and quoted scopes: {% kept "name" "scope …" part… %}')
    name, scopes = bits[0][1:-1], tuple(bits[1][1:-1].split())
    unknown = [scope for scope in scopes if scope not in SCOPES]
    if unknown:
        raise template.TemplateSyntaxError(f"kept: unknown scopes {unknown} (caching/scopes.py)")
    nodelist = parser.parse(("endkept",))
    parser.delete_first_token()
    return KeptNode(nodelist, name, scopes, [parser.compile_filter(bit) for bit in bits[2:]])
