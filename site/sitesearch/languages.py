"""Which index holds which language: one haystack connection per language."""

from django.conf import settings
from django.utils.translation import get_language


def connections_by_language():
    """{"nl": "default", "en": "en"}: from each connection's LANGUAGE option."""
    return {options.get("LANGUAGE", settings.LANGUAGE_CODE): alias
            for alias, options in settings.HAYSTACK_CONNECTIONS.items()}


def index_language(language):
    """The index for content in ``language``: its own, else the default language's.

    Documents may be French or German; they go to the Dutch (source) index,
    keeping their own language code in the ``language`` field.
    """
    languages = connections_by_language()
    return language if language in languages else settings.LANGUAGE_CODE


def alias_for(language):
    return connections_by_language()[index_language(language)]


def all_aliases():
    return list(settings.HAYSTACK_CONNECTIONS)


def current_alias():
    return alias_for((get_language() or settings.LANGUAGE_CODE)[:2])
