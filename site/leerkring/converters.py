"""Numbers in URLs are database ids: 1 to 2**63 - 1, or the URL does not match (404).

Why this module exists
    Django's ``<int:…>`` converter accepts any run of digits. Every ``<int:…>``
    of this project, of Wagtail's admin and of wagtail-localize is a database
    id, and a number past 64 bits sent to SQLite raises OverflowError from
    lookups Django does not guard (a page type's ``pk``, which is a
    one-to-one key; ``id__in``): a 500 for
    ``/admin/webinars/1234567890123456789012345/registrations/``. Id 0 never
    exists, and Wagtail's revision views take it for "no revision" and crash.

    Wagtail's choosers (``…/chosen/<str:pk>/``), its editing-session ping
    (``<str:object_id>``) and wagtail-localize's snippet views declare ``str``
    so that models with text keys work; they pass the text to the ORM, which
    raises ValueError for an integer key: a 500 for ``/admin/images/chooser/
    chosen/abc/``. Every model these views serve here has an integer key
    (tests/security/test_hostile_urls.py checks it), so those parameters get
    the same rule, kept as text for the views.

    So a hostile or mistyped number is refused where the URL is matched, for
    every pattern at once (the root URLconf and the routable pages' routes):
    the resolver tries the next pattern and ends with the site's 404 page.

How it is done, and how to remove it
    ``install()`` bounds Django's own ``IntConverter.to_python``: the patterns
    are built (and hold their converter instances) when their modules are
    imported, before any code of ours could register a converter, and
    ``register_converter`` may no longer replace ``int`` from Django 6.0.
    ``ids_as_text(patterns)`` swaps the converter of the ``str`` id parameters
    named in ``TEXT_ID_PARAMETERS``. Remove both when Django bounds ``int``
    and Wagtail declares its ids by the model's key type.
"""

from django.urls import URLResolver
from django.urls.converters import IntConverter, StringConverter

MAX_ID = 2**63 - 1  # SQLite's INTEGER and PostgreSQL's bigint
# Parameters Wagtail and wagtail-localize declare as text that hold a primary key.
TEXT_ID_PARAMETERS = frozenset({"pk", "object_id"})


def parse_id(value):
    """The id in ``value`` (text of digits); ValueError when it cannot be one."""
    if not isinstance(value, str) or not value.isascii() or not value.isdigit():
        raise ValueError("not a number")
    if len(value) > len(str(MAX_ID)) or not 1 <= int(value) <= MAX_ID:
        raise ValueError("not an id")
    return int(value)


class TextIdConverter(StringConverter):
    """A primary key given as text by Wagtail's views: digits of an id, kept as text."""

    def to_python(self, value):
        parse_id(value)
        return value


def _bounded_int(self, value):
    return parse_id(value)


def install():
    """Bound Django's ``int`` converter, for every pattern built before or after."""
    IntConverter.to_python = _bounded_int


def ids_as_text(patterns):
    """Give the ``str`` id parameters of ``patterns`` (and below) the id rule; returns them."""
    for pattern in patterns:
        converters = getattr(pattern.pattern, "converters", {})  # regex patterns have none
        for name, converter in converters.items():
            if name in TEXT_ID_PARAMETERS and type(converter) is StringConverter:
                converters[name] = TextIdConverter()
        if isinstance(pattern, URLResolver):
            ids_as_text(pattern.url_patterns)
    return patterns
