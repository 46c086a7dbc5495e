"""Topics in the site search: each in the index of its language."""

from django.utils.translation import gettext_lazy as _
from haystack import indexes

import caching
from sitesearch.indexes import Kind, SiteIndex
from sitesearch.views import search_url

from .models import Topic


class TopicIndex(SiteIndex, indexes.Indexable):
    """Every member sees every topic; a result leads to the search within that topic."""

    result_kind = Kind("topic", _("Topic"), _("Topics"), order=0)

    def get_model(self):
        return Topic

    def indexable(self, queryset):
        return queryset

    def visible_pks(self, user, pks):
        if not user.is_authenticated or not user.is_active:
            return set()
        # Every topic that still exists (kept until topics change).
        existing = caching.remember("topics", "topic-pks", lambda: frozenset(
            Topic.objects.values_list("pk", flat=True)))
        return {int(pk) for pk in pks} & existing

    def language_of(self, obj):
        return obj.locale.language_code

    def in_language(self, queryset, language):
        return queryset.filter(locale__language_code=language)

    def index_queryset(self, using=None):
        return super().index_queryset(using).select_related("locale")

    def prepare_text(self, obj):
        return " ".join(part for part in (obj.name, obj.description) if part)

    def prepare_title(self, obj):
        return obj.name

    def prepare_summary(self, obj):
        return obj.description

    def prepare_topics(self, obj):
        return [obj.translation_key.hex]

    def url_in(self, result, language, topics):
        """The search within this topic, in the reader's language."""
        topic = topics.get(result.topics[0]) if result.topics else None
        return search_url(language, topic=topic.slug) if topic else ""

    def prepare_url(self, obj):
        return ""
