from django import template
from django.utils.html import format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

import caching
from pages.visibility import collections_audience

register = template.Library()

# Blocks whose rendering depends on the member (their own answers, a form
# with their CSRF token). Every other block reads the same for everyone.
PERSONAL_BLOCKS = {"self_check"}


@register.simple_tag(takes_context=True)
def lesson_body(context, page):
    """The lesson's blocks, in order.

    Blocks that read the same for every member are rendered once per version
    of the page tree ("pages" scope of the shared cache: any publish starts
    a new one), language and set of collections closed to the reader; only
    the self-check questions, which show the member's own answers, are
    rendered per request. Previews render afresh.
    """
    request = context.get("request")
    body = page.body
    if request is None or getattr(request, "is_preview", False) or page.pk is None:
        return _render_blocks(context, body, range(len(body.raw_data)))

    # Images, downloads, videos and document links show only what the reader's
    # collections allow: members who may see the same collections share the HTML.
    shared_html = caching.remember(
        ("pages", "collections"),
        ("lesson-blocks", page.pk, get_language(), collections_audience(request.user, request)),
        lambda: _shared_blocks(context, body))
    parts = []
    for index, raw in enumerate(body.raw_data):
        if raw["type"] in PERSONAL_BLOCKS:
            parts.append(_render_blocks(context, body, [index]))
        else:
            parts.append(shared_html.get(raw["id"], ""))
    return mark_safe("".join(parts))


def _shared_blocks(context, body):
    return {
        raw["id"]: str(_render_blocks(context, body, [index]))
        for index, raw in enumerate(body.raw_data) if raw["type"] not in PERSONAL_BLOCKS
    }


def _render_blocks(context, body, indexes):
    # Wagtail renders a stream child with the page's context plus its own id,
    # as {% include_block %} does.
    flat = context.flatten()
    return format_html_join(
        "", "{}", ((body[index].render_as_block({**flat, "id": body[index].id}),)
                   for index in indexes))
