"""Haystack's Whoosh backend with one analyzer per connection, and a safe writer.

Why this module exists:

- haystack gives every text field ``StemmingAnalyzer()`` (English) unless
  the field names an analyzer, and a field cannot name one per connection.
  Our connections are per language, so the schema is rebuilt here with
  ``LanguageAnalyzer(LANGUAGE)`` (Dutch stemming for the Dutch index).
- haystack's ``update``/``remove`` log and swallow Whoosh's ``LockError``
  (``silently_fail``), so a lost update goes unnoticed. ``apply`` writes a
  batch of updates and removals with one writer, waits for the lock, and
  raises when it cannot get it: the queue then keeps its entries and tries
  again (see queue.py).

Remove the analyzer part if haystack learns per-connection analyzers.
"""

import functools

from haystack.backends.whoosh_backend import WhooshEngine, WhooshSearchBackend
from haystack.constants import ID
from haystack.exceptions import SkipDocument
from whoosh.analysis import LanguageAnalyzer
from whoosh.fields import TEXT, Schema

WRITER_TIMEOUT_SECONDS = 30


@functools.cache
def analyzer_for(language):
    return LanguageAnalyzer(language)


class LanguageWhooshBackend(WhooshSearchBackend):
    def __init__(self, connection_alias, **connection_options):
        super().__init__(connection_alias, **connection_options)
        self.language = connection_options.get("LANGUAGE", "nl")
        # Never hide a failure: a lost write leaves withdrawn content findable.
        self.silently_fail = False

    def build_schema(self, fields):
        content_field_name, schema = super().build_schema(fields)
        analyzer = analyzer_for(self.language)
        rebuilt = {}
        for name, field in schema.items():
            if name.startswith("spell_"):
                continue  # Whoosh adds the spelling field of a stemmed field itself
            if isinstance(field, TEXT):
                field = TEXT(stored=field.stored, analyzer=analyzer, sortable=True,
                             field_boost=field.format.field_boost,
                             spelling=name == content_field_name)
            rebuilt[name] = field
        return content_field_name, Schema(**rebuilt)

    def apply(self, updates, removals):
        """Write ``updates`` ([(index, obj)]) and remove ``removals`` (identifiers) at once."""
        if not self.setup_complete:
            self.setup()
        self.index = self.index.refresh()
        writer = self.index.writer(timeout=WRITER_TIMEOUT_SECONDS)
        try:
            for identifier in removals:
                writer.delete_by_term(ID, identifier)
            for index, obj in updates:
                try:
                    doc = index.full_prepare(obj)
                except SkipDocument:
                    continue
                doc = {key: self._from_python(value) for key, value in doc.items()}
                doc.pop("boost", None)
                writer.update_document(**doc)
        except BaseException:
            writer.cancel()
            raise
        writer.commit()

    def document_ids(self):
        """Every identifier in the index, with the stored title (for checks and tests)."""
        if not self.setup_complete:
            self.setup()
        self.index = self.index.refresh()
        with self.index.searcher() as searcher:
            return {fields[ID]: fields.get("title", "") for fields in searcher.all_stored_fields()}


class LanguageWhooshEngine(WhooshEngine):
    backend = LanguageWhooshBackend
