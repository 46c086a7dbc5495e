"""Webinars in the site search: title, summary, speakers and transcript."""

from django.utils.translation import gettext_lazy as _
from haystack import indexes

from sitesearch.indexes import Kind, stream_text, topic_keys
from sitesearch.pageindex import PageIndex

from .models.pages import WebinarPage


class WebinarIndex(PageIndex, indexes.Indexable):
    result_kind = Kind("webinar", _("Webinar"), _("Webinars"), order=30)

    def get_model(self):
        return WebinarPage

    def index_queryset(self, using=None):
        return super().index_queryset(using).prefetch_related("topics")

    def prepare_text(self, obj):
        return self.page_text(obj, obj.summary, stream_text(obj.speakers),
                              stream_text(obj.chapters), obj.transcript)

    def prepare_topics(self, obj):
        return topic_keys(obj.topics.all())

    def prepare_date(self, obj):
        return obj.starts_at
