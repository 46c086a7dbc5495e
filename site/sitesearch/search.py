"""Searching: the query in each language's index, then checked again for the reader.

The indexes hold only what every member may see (each index's
``indexable``). Results are checked once more, per reader, with the same
visibility functions the pages use (``visible_pks``): a change the queue
has not applied yet never shows something the reader may not see.
"""

from dataclasses import dataclass, field

from django.utils import translation
from haystack.inputs import AutoQuery
from haystack.query import SearchQuerySet

import caching
from pages.sections import section_pks
from pages.visibility import page_pks_visible_to
from topics.models import Topic

from .indexes import all_indexes
from .languages import alias_for, all_aliases, connections_by_language
from .queue import get_backend
from .snippets import snippet

PAGE_SIZE = 10
MAX_PAGES = 50


@dataclass(frozen=True)
class ResultTopic:
    name: str
    kind: str


@dataclass
class Result:
    kind: object
    title: str
    url: str
    snippet: str
    language: str
    language_name: str = ""  # when it is not the reader's language
    topics: list = field(default_factory=list)
    date: object = None


@dataclass
class Outcome:
    results: list
    count: int
    suggestion: str = ""


def kinds():
    """The types of result, in the order the filter lists them."""
    found = {index.result_kind.code: index.result_kind for index in all_indexes().values()}
    return sorted(found.values(), key=lambda kind: (kind.order, kind.code))


def _queryset(alias, query, kind, topic_key, language, closed_kinds=()):
    results = SearchQuerySet().using(alias)
    if query:
        results = results.filter(content=AutoQuery(query))
    if kind:
        results = results.filter(kind=kind)
    for closed in closed_kinds:
        results = results.exclude(kind=closed)
    if topic_key:
        results = results.filter(topics=topic_key)
    if language:
        results = results.filter(language=language)
    return results


def search(user, query, *, reader_language, kind="", topic_key="", language="", page=1):
    """One page of results for ``user``: an Outcome (results, count, suggestion).

    What the indexes answer (and its snippets) is the same for every member,
    so it is kept in the shared cache until the index changes ("search" scope,
    moved by the queue's writer), or the topics and addresses it names;
    which of those results this reader may see is checked on every request.
    """
    query = " ".join((query or "").split())
    if not user.is_authenticated or not user.is_active or not (query or topic_key):
        return Outcome([], 0)
    aliases = [alias_for(language)] if language else all_aliases()
    page = max(1, min(page, MAX_PAGES))
    # Types of result whose section the reader may not enter are not asked
    # for at all, so that the count leaves them out too; the answer is kept
    # per set of such types.
    closed_kinds = _closed_kinds(user)
    found, count = caching.remember(
        ("search", "topics", "pages"),
        ("search-answer", query, reader_language, kind, topic_key, language, page, *closed_kinds),
        lambda: _found(query, reader_language, kind, topic_key, language, page, aliases,
                       closed_kinds))
    shown = _visible(user, found)
    count -= len(found) - len(shown)
    suggestion = "" if count or not query else _suggestion(query, aliases)
    return Outcome([result for _model, _pk, result in shown], count, suggestion)



def _closed_kinds(user):
    """The codes of the result types served under a section page (the forum, the
    catalogue) that ``user`` may not enter in any language (pages/visibility.py)."""
    closed = set()
    for index in all_indexes().values():
        if index.section is None:
            continue
        if not page_pks_visible_to(user, section_pks(index.section)):
            closed.add(index.result_kind.code)
    return sorted(closed)


def _found(query, reader_language, kind, topic_key, language, page, aliases, closed_kinds=()):
    """([(model, pk, Result), ...] of the page, count): the indexes' answer."""
    for alias in aliases:
        get_backend(alias)  # reloads a connection whose settings changed
    querysets = {alias: _queryset(alias, query, kind, topic_key, language, closed_kinds)
                 for alias in aliases}
    end = page * PAGE_SIZE
    hits, count = [], 0
    for alias, results in querysets.items():
        hits.extend((hit, alias) for hit in results[:end])
        count += results.count()  # known from the query above: no second search
    hits, duplicates = _one_per_topic(hits, alias_for(reader_language))
    hits.sort(key=lambda pair: pair[0].score, reverse=True)
    count -= duplicates
    hits = hits[end - PAGE_SIZE:end]
    results = _results(hits, query, reader_language)
    return [(hit.model, hit.pk, result) for (hit, _alias), result in zip(hits, results,
                                                                          strict=True)], count


def _one_per_topic(hits, preferred_alias):
    """A topic exists in both languages: show it once, in the reader's when found."""
    seen, dropped = set(), set()
    for hit, _alias in sorted(hits, key=lambda pair: pair[1] != preferred_alias):
        if hit.model is Topic:
            key = tuple(hit.topics or ())
            if key in seen:
                dropped.add(id(hit))
            seen.add(key)
    return [pair for pair in hits if id(pair[0]) not in dropped], len(dropped)


def _visible(user, found):
    """The results ``user`` may see now, by the rules of each index (one query per type)."""
    indexes = all_indexes()
    wanted = {}
    for model, pk, _result in found:
        wanted.setdefault(model, set()).add(pk)
    allowed = {}
    for model, pks in wanted.items():
        index = indexes.get(model)
        allowed[model] = ({str(pk) for pk in index.visible_pks(user, pks)}
                          if index is not None else set())
    return [entry for entry in found if str(entry[1]) in allowed[entry[0]]]


def _results(hits, query, reader_language):
    indexes = all_indexes()
    keys = {key for hit, _alias in hits for key in (hit.topics or [])}
    topics = _topics_by_key(keys, reader_language)
    languages = {alias: language for language, alias in connections_by_language().items()}
    results = []
    for hit, alias in hits:
        index = indexes[hit.model]
        url = hit.url
        if hasattr(index, "url_in"):
            url = index.url_in(hit, reader_language, topics) or url
        language = (hit.language or [languages[alias]])[0]
        results.append(Result(
            kind=index.result_kind,
            title=hit.title,
            url=url,
            snippet=snippet(hit.text, query, languages[alias], fallback=hit.summary),
            language=language if _language_name(language) else "",
            language_name=_language_name(language) if language != reader_language else "",
            # Names and kinds only: results are kept in the cache.
            topics=sorted((ResultTopic(topics[key].name, topics[key].kind)
                           for key in (hit.topics or []) if key in topics),
                          key=lambda topic: topic.name),
            date=hit.date,
        ))
    return results


def _language_name(code):
    """The language's name in the reader's language; "" for codes that are no language."""
    try:
        return translation.get_language_info(code)["name_translated"]
    except KeyError:
        return ""


def _topics_by_key(keys, language):
    """{translation key (hex): Topic in ``language``}, falling back to the Dutch one."""
    if not keys:
        return {}
    found = {}
    rows = Topic.objects.filter(translation_key__in=list(keys)).select_related("locale")
    for topic in rows:
        key = topic.translation_key.hex
        current = found.get(key)
        if current is None or topic.locale.language_code == language:
            found[key] = topic
    return found


def _suggestion(query, aliases):
    """A spelling suggestion from the indexes' own words, or ""."""
    for alias in aliases:
        backend = get_backend(alias)
        if not hasattr(backend, "create_spelling_suggestion"):
            continue
        if not backend.setup_complete:
            backend.setup()
        backend.index = backend.index.refresh()
        suggestion = backend.create_spelling_suggestion(query) or ""
        if suggestion and suggestion.lower() != query.lower():
            return suggestion
    return ""
