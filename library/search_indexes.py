"""Slides and documents of the library in the site search, with the text inside them.

A document is in the index of its own language (French and German ones in
the Dutch index); documents in a collection restricted to some groups are
never indexed (pages.visibility). Videos are not listed: they are the
recordings of webinars, which are indexed themselves.
"""

from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _
from haystack import indexes
from wagtail.models import CollectionViewRestriction

from pages.visibility import documents_open_to_members, documents_visible_to
from sitesearch.indexes import Kind, SiteIndex, language_choice, topic_keys

from .models import Event, LibraryDocument
from .uploads import SLIDE_EXTENSIONS


def _slides():
    extensions = Q()
    for extension in SLIDE_EXTENSIONS:
        extensions |= Q(file__iendswith=f".{extension}")
    return extensions


def _documents_under(restriction):
    collection = getattr(restriction, "collection", None)
    if collection is None:
        return LibraryDocument.objects.none().values_list("pk", flat=True)
    return LibraryDocument.objects.filter(
        collection__path__startswith=collection.path).values_list("pk", flat=True)


class LibraryDocumentIndex(SiteIndex, indexes.Indexable):
    result_kind = Kind("document", _("Document"), _("Slides and documents"), order=40)
    topic_weight = Count("documents", distinct=True)

    def get_model(self):
        return LibraryDocument

    def indexable(self, queryset):
        return documents_open_to_members(queryset.filter(_slides()))

    def visible_pks(self, user, pks):
        queryset = LibraryDocument.objects.filter(pk__in=pks)
        return set(documents_visible_to(user, queryset).values_list("pk", flat=True))

    def language_of(self, obj):
        return obj.language

    def in_language(self, queryset, language):
        return queryset.filter(language_choice("language", language))

    def related(self):
        return [
            (CollectionViewRestriction, _documents_under),
            (Event, lambda event: event.documents.values_list("pk", flat=True)),
        ]

    def index_queryset(self, using=None):
        return super().index_queryset(using).select_related("event").prefetch_related("topics")

    def prepare_text(self, obj):
        event = obj.event.name if obj.event else ""
        return " ".join(part for part in (obj.title, obj.description, obj.speakers, event,
                                          obj.extracted_text) if part)

    def prepare_title(self, obj):
        return obj.title

    def prepare_summary(self, obj):
        return obj.description

    def prepare_url(self, obj):
        return obj.url

    def prepare_topics(self, obj):
        return topic_keys(obj.topics.all())

    def prepare_date(self, obj):
        return obj.created_at
