"""haystack's router: reads follow the reader's language, writes the content's.

The queue (queue.py) writes to connections itself; this router serves code
that uses haystack's defaults (a bare ``SearchQuerySet()``, haystack's own
signal processors).
"""

from haystack.routers import BaseRouter

from .indexes import index_for
from .languages import alias_for, current_alias


class LanguageRouter(BaseRouter):
    def for_read(self, **hints):
        return current_alias()

    def for_write(self, **hints):
        instance = hints.get("instance")
        index = index_for(type(instance)) if instance is not None else None
        if index is None:
            return current_alias()
        return alias_for(index.language_of(instance))
