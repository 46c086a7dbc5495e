"""The bell in the header: the reader's unread count, read per request (never kept
in a shared fragment: it is one member's)."""

from django import template

from notices import reading

register = template.Library()


@register.simple_tag(takes_context=True)
def unread_notices(context):
    request = context.get("request")
    if request is None:
        return 0
    # The notifications page counts after marking what it shows (views.index).
    known = getattr(request, "notices_unread", None)
    return reading.unread_count(request.user) if known is None else known
