"""Learning packages and lessons in the site search (see sitesearch.indexes)."""

from django.utils.translation import gettext_lazy as _
from haystack import indexes

from sitesearch.indexes import Kind, stream_text, topic_keys
from sitesearch.pageindex import PageIndex

from .models.pages import LearningPackagePage, LessonPage


class LearningPackageIndex(PageIndex, indexes.Indexable):
    result_kind = Kind("package", _("Learning package"), _("Learning packages"), order=10)

    def get_model(self):
        return LearningPackagePage

    def index_queryset(self, using=None):
        return super().index_queryset(using).prefetch_related("topics")

    def prepare_text(self, obj):
        return self.page_text(obj, obj.summary, stream_text(obj.objectives))

    def prepare_topics(self, obj):
        return topic_keys(obj.topics.all())


class LessonIndex(PageIndex, indexes.Indexable):
    """A lesson carries its package's topics."""

    result_kind = Kind("lesson", _("Lesson"), _("Lessons"), order=20)

    def get_model(self):
        return LessonPage

    def related(self):
        return [(LearningPackagePage, lambda package: LessonPage.objects.child_of(package)
                 .values_list("pk", flat=True))]

    def prepare_text(self, obj):
        return self.page_text(obj, obj.summary, stream_text(obj.body))

    def prepare_topics(self, obj):
        package = obj.get_parent().specific
        return topic_keys(package.topics.all()) if hasattr(package, "topics") else []
