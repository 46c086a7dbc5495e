"""What every search index has, and what an app defines to add one.

An app adds an index in its own ``search_indexes.py`` (haystack finds it).
The forum's (forum/search_indexes.py), in short::

    class QuestionIndex(SiteIndex, indexes.Indexable):
        section = ForumIndexPage              # found only by who may enter a forum
        result_kind = Kind("question", _("Forum question"), _("Forum questions"), order=50)
        topic_weight = Count("questions", filter=Q(questions__status=Status.PUBLISHED),
                             distinct=True)    # for the suggested topics

        def get_model(self):
            return Question

        def indexable(self, queryset):        # the rule, in one place
            return public_questions(queryset)

        def visible_pks(self, user, pks):     # the same rule for one reader
            return set(visible_questions(user).filter(pk__in=pks)
                       .values_list("pk", flat=True))

        def language_of(self, obj):
            return obj.language

        def in_language(self, queryset, language):
            return queryset.filter(language_choice("language", language))

        def related(self):                    # other changes that affect a question
            return [(Answer, lambda answer: [answer.question_id])]

        def prepare_text(self, obj): ...; def prepare_title(...); prepare_url(...)

        def url_in(self, result, language, topics):   # optional: the reader's version
            return question_url(result.pk, language) or result.url

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
    # What this index's content adds to a topic's weight when the search
    # suggests topics (sitesearch.views.popular_topics): an aggregate over
    # Topic, such as Count("documents", distinct=True), or None for nothing.
    topic_weight = None

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
