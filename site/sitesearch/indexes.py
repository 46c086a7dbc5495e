"""What every search index has, and what an app defines to add one.

An app adds an index in its own ``search_indexes.py`` (haystack finds it)::

    class ProjectIndex(SiteIndex, indexes.Indexable):
        result_kind = Kind("project", _("Project"), _("Projects"), order=60)

        def get_model(self):
            return Project

        def indexable(self, queryset):         # the rule, in one place
            return consented_projects(queryset)

        def visible_pks(self, user, pks):      # the same rule for one reader
            return set(projects_visible_to(user).filter(pk__in=pks)
                       .values_list("pk", flat=True))

        def language_of(self, obj):
            return obj.language

        def in_language(self, queryset, language):
            return queryset.filter(language_choice(queryset, "language", language))

        def related(self):                     # other changes that affect a project
            return [(Consent, lambda consent: [consent.project_id])]

        def prepare_text(self, obj): ...; def prepare_title(...); prepare_url(...)

Saving or deleting the model itself queues an update; ``related`` names the
other models whose changes must (page privacy and publishing are handled for
every page model). The queue then asks ``indexable`` again: whatever it no
longer returns is removed from every index.
"""

from html import unescape

from django.conf import settings
from django.db.models import Q
from django.utils.html import strip_tags
from haystack import connections, indexes
from haystack.exceptions import NotHandled

from .languages import connections_by_language


class Kind:
    """A type of result: its code in the index and URLs, and its names."""

    def __init__(self, code, label, plural, order=100):
        self.code, self.label, self.plural, self.order = code, label, plural, order

    def __reduce__(self):
        # Kept in the cache by its code: results are cached (search.py), and
        # the names are translated when shown.
        return (kind_by_code, (self.code,))


def kind_by_code(code):
    return next(index.result_kind for index in all_indexes().values()
                if index.result_kind.code == code)


class SiteIndex(indexes.SearchIndex):
    """The fields every result has: its type, language, topics, title and URL."""

    text = indexes.CharField(document=True)
    title = indexes.CharField()
    summary = indexes.CharField(indexed=False, default="")
    url = indexes.CharField(indexed=False, default="")
    kind = indexes.MultiValueField()
    language = indexes.MultiValueField()
    # Topics by translation key (hex), so one filter works in both languages.
    topics = indexes.MultiValueField()
    date = indexes.DateTimeField(null=True)

    # What each index defines: its result type (a Kind), and the methods below.
    result_kind = None
    # The page model its results are served under (the forum, the catalogue),
    # if any: a member who may enter none of its pages finds none of them.
    section = None

    def indexable(self, queryset):
        """The objects of ``queryset`` that every member may find."""
        raise NotImplementedError

    def visible_pks(self, user, pks):
        """Of ``pks``, those ``user`` may see now (checked again at query time)."""
        raise NotImplementedError

    def language_of(self, obj):
        raise NotImplementedError

    def in_language(self, queryset, language):
        """The objects of ``queryset`` that belong in ``language``'s index."""
        raise NotImplementedError

    def related(self):
        """[(model, function(instance) -> primary keys of this index's model)]."""
        return []

    # --- haystack ------------------------------------------------------------------------

    def index_queryset(self, using=None):
        queryset = self.indexable(self.get_model()._default_manager.all())
        if using is not None:
            language = settings.HAYSTACK_CONNECTIONS[using].get("LANGUAGE")
            queryset = self.in_language(queryset, language)
        return queryset

    def prepare_kind(self, obj):
        return [self.result_kind.code]

    def prepare_language(self, obj):
        return [self.language_of(obj)]

    def prepare_topics(self, obj):
        return []


def language_choice(field, language):
    """A Q for the objects whose ``field`` puts them in ``language``'s index.

    The default language's index also takes the languages without an index
    of their own (a French slide deck).
    """
    languages = connections_by_language()
    if language == settings.LANGUAGE_CODE:
        return ~Q(**{f"{field}__in": [code for code in languages if code != language]})
    return Q(**{field: language})


def html_text(html):
    """The words of stored HTML as plain text (entities decoded: snippets escape again)."""
    return " ".join(unescape(strip_tags(html or "")).split())


def stream_text(stream_value):
    """The words of a StreamField, as Wagtail's own search sees them."""
    if not stream_value:
        return ""
    parts = stream_value.stream_block.get_searchable_content(stream_value)
    return " ".join(html_text(str(part)) for part in parts if part)


def topic_keys(topics):
    return [topic.translation_key.hex for topic in topics]


def all_indexes():
    """{model: index} for every registered index (the same in every connection)."""
    return connections["default"].get_unified_index().get_indexes()


def index_for(model):
    try:
        return connections["default"].get_unified_index().get_index(model)
    except NotHandled:
        return None
