"""Elasticsearch 7 with the language analyzer of each connection (SEARCH_BACKEND).

haystack maps every text field to the English "snowball" analyzer; this
backend maps them to Elasticsearch's built-in analyzer for the connection's
LANGUAGE ("dutch" or "english"). Needs ``pip install 'elasticsearch>=7,<8'``.
"""

import copy

from haystack.backends.elasticsearch7_backend import (
    Elasticsearch7SearchBackend,
    Elasticsearch7SearchEngine,
)

ANALYZERS = {"nl": "dutch", "en": "english"}


class LanguageElasticsearch7Backend(Elasticsearch7SearchBackend):
    DEFAULT_FIELD_MAPPING = {"type": "text", "analyzer": "leerkring_text"}

    def __init__(self, connection_alias, **connection_options):
        super().__init__(connection_alias, **connection_options)
        language = connection_options.get("LANGUAGE", "nl")
        self.DEFAULT_SETTINGS = copy.deepcopy(Elasticsearch7SearchBackend.DEFAULT_SETTINGS)
        self.DEFAULT_SETTINGS["settings"]["analysis"]["analyzer"]["leerkring_text"] = {
            "type": ANALYZERS.get(language, "standard"),
        }


class LanguageElasticsearch7Engine(Elasticsearch7SearchEngine):
    backend = LanguageElasticsearch7Backend
