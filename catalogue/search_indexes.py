"""Projects in the site search: only those their owners consented to show.

The rule is catalogue.consent.listed_projects, the same check the catalogue
pages use. A consent record saved for a project queues the project again,
so a withdrawal takes it out of the index at once (with the queue inline)
or on the worker's next pass; until then the query-time check hides it.
Contact details are never indexed.
"""

from django.utils.translation import gettext_lazy as _
from haystack import indexes

from pages.sections import subpage_url
from sitesearch.indexes import Kind, SiteIndex, html_text, language_choice, topic_keys

from .consent import listed_project_pks, listed_projects
from .models.pages import CatalogueIndexPage
from .models.records import ConsentRecord, Project


class ProjectIndex(SiteIndex, indexes.Indexable):
    section = CatalogueIndexPage
    result_kind = Kind("project", _("Project"), _("Projects"), order=60)

    def get_model(self):
        return Project

    def indexable(self, queryset):
        return queryset.filter(pk__in=listed_projects().values("pk"))

    def visible_pks(self, user, pks):
        listed = listed_project_pks()
        return {pk for pk in pks if int(pk) in listed}

    def language_of(self, obj):
        return obj.language

    def in_language(self, queryset, language):
        return queryset.filter(language_choice("language", language))

    def related(self):
        return [(ConsentRecord, lambda record: [record.project_id] if record.project_id else [])]

    def index_queryset(self, using=None):
        return super().index_queryset(using).select_related("product_group") \
            .prefetch_related("themes")

    def prepare_text(self, obj):
        return " ".join([
            obj.title, obj.organisation, html_text(obj.description_html),
            html_text(obj.lessons_html),
            obj.baseline_text, obj.ambition_text, obj.contract_text, obj.impact_text,
        ])

    def prepare_title(self, obj):
        return obj.title

    def prepare_summary(self, obj):
        return html_text(obj.description_html)[:300]

    def prepare_url(self, obj):
        return project_url(obj.pk, obj.language)

    def prepare_topics(self, obj):
        return topic_keys([t for t in [obj.product_group, *obj.themes.all()] if t is not None])

    def prepare_date(self, obj):
        return obj.updated_at

    def url_in(self, result, language, topics):
        """The project in the reader's catalogue: both catalogues list every project."""
        return project_url(result.pk, language) or result.url


def project_url(pk, language):
    return subpage_url(CatalogueIndexPage, language, "project", pk=pk)
